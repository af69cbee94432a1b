"""Public pages of campaigns, statements and issue rounds, and the pages where organisations sign,
propose and vote."""

import csv
import io
import json

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from campaigns import services
from campaigns.forms import BallotForm, ProposalForm, SignForm, WithdrawForm
from campaigns.models import LANGS, Campaign, IssueRound, Signature, Statement
from campaigns.permissions import campaign_team, organisations_with_role
from core.ratelimit import over_limit

# --- campaigns -----------------------------------------------------------------------------------------


def campaigns(request):
    items = (
        Campaign.objects.exclude(status=Campaign.Status.PREPARING).prefetch_related("regions").order_by("-starts_on")
    )
    return render(request, "campaigns/list.html", {"campaigns": items})


def campaign(request, slug):
    item = get_object_or_404(Campaign.objects.prefetch_related("regions"), slug=slug)
    team = campaign_team(request.user, item)
    if item.status == Campaign.Status.PREPARING and not team:
        raise Http404
    events = [("event", e.happened_on, e) for e in item.events.select_related("statement", "project")]
    meetings = item.meetings.prefetch_related("follow_ups")
    if not team:
        meetings = meetings.filter(is_public=True)
    events += [("meeting", m.held_on, m) for m in meetings]
    for m in meetings:
        events += [("follow_up", f.due_on or m.held_on, f) for f in m.follow_ups.all()]
    events.sort(key=lambda e: (e[1], {"event": 0, "meeting": 1, "follow_up": 2}[e[0]]))
    statements = [(s, _count(s)) for s in item.statements.exclude(status=Statement.Status.DRAFT)]
    return render(
        request,
        "campaigns/detail.html",
        {"campaign": item, "timeline": events, "team": team, "statements": statements},
    )


# --- statements ----------------------------------------------------------------------------------------


def _public_statement(slug):
    statement = get_object_or_404(Statement.objects.exclude(status=Statement.Status.DRAFT), slug=slug)
    version = statement.current_version()
    if version is None:
        raise Http404
    return statement, version


def _count(statement, version=None) -> int:
    version = version or statement.current_version()
    if version is None:
        return 0
    return version.signatures.filter(withdrawn_at__isnull=True).exclude(visibility=Signature.Visibility.PRIVATE).count()


def _listed(version):
    return (
        version.signatures.filter(
            withdrawn_at__isnull=True, taken_down_at__isnull=True, visibility=Signature.Visibility.NAMED
        )
        .select_related("organisation")
        .only(
            *(f.attname for f in Signature._meta.concrete_fields),
            "organisation__slug",
            "organisation__original_language",
            *(f"organisation__name_{c}" for c in LANGS),
        )
        .order_by("organisation__name_en")
    )


def _text_language(request, version) -> str:
    wanted = request.GET.get("text") or translation.get_language()
    texts = version.texts()
    if wanted in LANGS and texts.get(wanted, "").strip():
        return wanted
    return next((lang for lang in (version.statement.original_language, *LANGS) if texts.get(lang, "").strip()), "ar")


def statement(request, slug):
    item, version = _public_statement(slug)
    lang = _text_language(request, version)
    mine = organisations_with_role(request.user, "signatory")
    signed = set(version.signatures.filter(organisation__in=mine).values_list("organisation_id", flat=True))
    return render(
        request,
        "campaigns/statement.html",
        {
            "statement": item,
            "version": version,
            "text": version.texts()[lang],
            "text_lang": lang,
            "text_dir": "rtl" if lang in ("ar", "syr") else "ltr",
            "other_langs": [code for code in LANGS if code != lang and version.texts()[code].strip()],
            "count": _count(item, version),
            "listed": _listed(version),
            "can_sign": item.status == Statement.Status.OPEN and mine.exclude(pk__in=signed).exists(),
            "my_signatures": version.signatures.filter(
                organisation__in=(mine | organisations_with_role(request.user, "admin")).values("pk"),
                withdrawn_at__isnull=True,
            ).select_related("organisation"),
        },
    )


def _signed_data(item, version):
    return {
        "statement": item.slug,
        "title": {c: getattr(item, f"title_{c}") for c in LANGS if getattr(item, f"title_{c}")},
        "version": version.number,
        "frozen_at": version.frozen_at.isoformat(),
        "fingerprint": version.fingerprint,
        "fingerprint_method": "SHA-256 of the UTF-8 canonical text: for ar, ku, syr, en in this order, '[lang]' then "
        "the text in NFC with line ends normalised and trailing spaces removed, lines joined with \\n.",
        "texts": version.texts(),
        "count": _count(item, version),
        "signatories": [
            {
                "organisation": s.organisation.name_en or s.organisation.name_ar,
                "organisation_ar": s.organisation.name_ar,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in _listed(version)
        ],
    }


def signatures_json(request, slug):
    item, version = _public_statement(slug)
    response = HttpResponse(
        json.dumps(_signed_data(item, version), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{item.slug}-v{version.number}.json"'
    return response


def signatures_csv(request, slug):
    item, version = _public_statement(slug)
    data = _signed_data(item, version)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["statement", item.slug])
    writer.writerow(["version", version.number])
    writer.writerow(["fingerprint_sha256", version.fingerprint])
    writer.writerow(["count", data["count"]])
    writer.writerow([])
    writer.writerow(["organisation", "organisation_ar", "signed_at"])
    for row in data["signatories"]:
        writer.writerow([row["organisation"], row["organisation_ar"], row["signed_at"]])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}-v{version.number}.csv"'
    return response


def signed_print(request, slug):
    item, version = _public_statement(slug)
    return render(
        request,
        "campaigns/statement_print.html",
        {
            "statement": item,
            "version": version,
            "count": _count(item, version),
            "listed": _listed(version),
            "texts": [(code, version.texts()[code]) for code in LANGS if version.texts()[code].strip()],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, slug):
    item = get_object_or_404(Statement.objects.exclude(status=Statement.Status.DRAFT), slug=slug)
    version = item.current_version()
    organisations = organisations_with_role(request.user, "signatory")
    if not organisations.exists():
        raise PermissionDenied
    form = SignForm(
        request.POST or None,
        organisations=organisations,
        user=request.user,
        initial={"version": version.pk if version else None, "fingerprint": version.fingerprint if version else ""},
    )
    if request.method == "POST":
        if over_limit("sign", str(request.user.pk), limit=10, seconds=600):
            form.add_error(None, _("Too many attempts. Wait ten minutes and try again."))
        elif form.is_valid():
            # Checking the password may upgrade its stored hash; keep this session signed in.
            update_session_auth_hash(request, request.user)
            data = form.cleaned_data
            try:
                signature, created = services.statement_sign(
                    actor=request.user,
                    statement=item,
                    version_id=data["version"],
                    fingerprint_seen=data["fingerprint"],
                    organisation=data["organisation"],
                    visibility=data["visibility"],
                )
            except services.Refused as refused:
                form.add_error(None, refused.message)
            else:
                if created:
                    messages.success(request, _("Signed. A receipt was emailed to your organisation's admins."))
                else:
                    messages.info(request, _("Your organisation had already signed this version; nothing changed."))
                return redirect("campaigns:statement", slug=item.slug)
    return render(
        request,
        "campaigns/sign.html",
        {
            "statement": item,
            "version": version,
            "form": form,
            "texts": [(code, version.texts()[code]) for code in LANGS if version and version.texts()[code].strip()],
        },
    )


@login_required
@require_POST
def withdraw(request, slug, pk):
    item = get_object_or_404(Statement, slug=slug)
    signature = get_object_or_404(Signature, pk=pk, version__statement=item)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long."))
    else:
        try:
            services.signature_withdraw(actor=request.user, signature=signature, reason=form.cleaned_data["reason"])
        except services.Refused as refused:
            raise PermissionDenied(refused.message) from None
        messages.success(request, _("The signature was withdrawn."))
    return redirect("campaigns:statement", slug=item.slug)


# --- issue rounds -------------------------------------------------------------------------------------


def issue_round(request, slug):
    item = get_object_or_404(IssueRound.objects.select_related("region"), slug=slug)
    phase = item.phase()
    region_members = {"region": item.region}
    proposers = (
        organisations_with_role(request.user, "admin", **region_members)
        | organisations_with_role(request.user, "editor", **region_members)
        | organisations_with_role(request.user, "delegate", **region_members)
    ).distinct()
    delegates = organisations_with_role(request.user, "delegate", **region_members).exclude(
        pk__in=item.ballots.values("organisation")
    )
    proposal_form = ProposalForm(organisations=proposers) if phase == "proposing" and proposers.exists() else None
    ballot_form = (
        BallotForm(organisations=delegates, proposals=item.proposals.all())
        if phase == "voting" and delegates.exists()
        else None
    )
    results = services.round_results(item) if phase in ("closed", "concluded") else None
    return render(
        request,
        "campaigns/round.html",
        {
            "round": item,
            "phase": phase,
            "proposals": item.proposals.select_related("organisation"),
            "proposal_form": proposal_form,
            "ballot_form": ballot_form,
            "results": results,
            "ballots": item.ballots.count(),
        },
    )


@login_required
@require_POST
def propose(request, slug):
    item = get_object_or_404(IssueRound, slug=slug)
    organisations = (
        organisations_with_role(request.user, "admin")
        | organisations_with_role(request.user, "editor")
        | organisations_with_role(request.user, "delegate")
    )
    form = ProposalForm(request.POST, organisations=organisations.distinct())
    if not form.is_valid():
        return render(request, "campaigns/round_form.html", {"round": item, "form": form}, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "organisation"}
    try:
        services.proposal_submit(
            actor=request.user, issue_round=item, organisation=form.cleaned_data["organisation"], fields=data
        )
    except services.Refused as refused:
        form.add_error(None, refused.message)
        return render(request, "campaigns/round_form.html", {"round": item, "form": form}, status=400)
    messages.success(request, _("The issue was proposed."))
    return redirect("campaigns:round", slug=item.slug)


@login_required
@require_POST
def vote(request, slug):
    item = get_object_or_404(IssueRound, slug=slug)
    form = BallotForm(
        request.POST, organisations=organisations_with_role(request.user, "delegate"), proposals=item.proposals.all()
    )
    if not form.is_valid():
        return render(request, "campaigns/round_form.html", {"round": item, "form": form}, status=400)
    try:
        services.ballot_cast(
            actor=request.user,
            issue_round=item,
            organisation=form.cleaned_data["organisation"],
            approvals=form.cleaned_data["approvals"],
        )
    except services.Refused as refused:
        form.add_error(None, refused.message)
        return render(request, "campaigns/round_form.html", {"round": item, "form": form}, status=400)
    messages.success(request, _("Your organisation's vote was recorded."))
    return redirect("campaigns:round", slug=item.slug)
