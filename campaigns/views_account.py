"""What an organisation's people do in advocacy: sign a statement or withdraw the signature, propose an issue
and vote in their region's round, and, as the campaign's team, record meetings and follow their promises up."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from campaigns import selectors, services
from campaigns.forms import BallotForm, FollowUpStatusForm, MeetingForm, ProposalForm, SignForm, WithdrawForm
from campaigns.permissions import (
    get_campaign_for_user,
    get_follow_up_for_user,
    get_round_for_user,
    get_signature_for_user,
    get_statement_for_user,
    organisations_for,
)
from campaigns.views import round_page
from core.ratelimit import over_limit
from core.services import Refused
from core.views import attempt

# --- statements ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, slug):
    item = get_statement_for_user(request.user, slug, need="sign")
    version = item.current_version()
    form = SignForm(
        request.POST or None,
        organisations=organisations_for(request.user, "sign"),
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
            except Refused as refused:
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
            "texts": selectors.version_texts(version) if version else [],
        },
    )


@login_required
@require_POST
def withdraw(request, slug, code):
    signature = get_signature_for_user(request.user, slug, code, need="withdraw")
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The reason is too long."))
    else:
        attempt(
            request,
            lambda: services.signature_withdraw(
                actor=request.user, signature=signature, reason=form.cleaned_data["reason"]
            ),
            _("The signature was withdrawn."),
        )
    return redirect("campaigns:statement", slug=signature.version.statement.slug)


# --- issue rounds -------------------------------------------------------------------------------------


@login_required
@require_POST
def propose(request, slug):
    item = get_round_for_user(request.user, slug, need="propose")
    form = ProposalForm(request.POST, organisations=organisations_for(request.user, "propose", region=item.region))
    if not form.is_valid():
        return round_page(request, item, proposal_form=form, status=400)
    try:
        services.proposal_submit(
            actor=request.user,
            issue_round=item,
            organisation=form.cleaned_data["organisation"],
            fields=form.proposal_fields(),
        )
    except Refused as refused:
        form.add_error(None, refused.message)
        return round_page(request, item, proposal_form=form, status=400)
    messages.success(request, _("The issue was proposed."))
    return redirect("campaigns:round", slug=item.slug)


@login_required
@require_POST
def vote(request, slug):
    item = get_round_for_user(request.user, slug, need="vote")
    form = BallotForm(
        request.POST,
        organisations=organisations_for(request.user, "vote", region=item.region),
        proposals=item.proposals.all(),
    )
    if not form.is_valid():
        return round_page(request, item, ballot_form=form, status=400)
    try:
        services.ballot_cast(
            actor=request.user,
            issue_round=item,
            organisation=form.cleaned_data["organisation"],
            approvals=form.cleaned_data["approvals"],
        )
    except Refused as refused:
        form.add_error(None, refused.message)
        return round_page(request, item, ballot_form=form, status=400)
    messages.success(request, _("Your organisation's vote was recorded."))
    return redirect("campaigns:round", slug=item.slug)


# --- the campaign's team ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, slug):
    item = get_campaign_for_user(request.user, slug, need="team")
    form = MeetingForm(request.POST or None, campaign=item)
    if request.method == "POST" and form.is_valid():
        services.meeting_save(
            actor=request.user,
            campaign=item,
            fields=form.meeting_fields(),
            organisations=form.cleaned_data["organisations"],
            promises=form.promises(),
        )
        messages.success(request, _("The meeting was recorded."))
        return redirect("campaigns:detail", slug=item.slug)
    # The campaign team's own page: the back-office's navigation would offer them pages they may not open.
    return render(request, "campaigns/meeting_form.html", {"form": form, "campaign": item})


@login_required
@require_POST
def follow_up_status(request, slug, code):
    follow_up = get_follow_up_for_user(request.user, slug, code, need="team")
    form = FollowUpStatusForm(request.POST)
    if form.is_valid():
        services.follow_up_set_status(actor=request.user, follow_up=follow_up, status=form.cleaned_data["status"])
        messages.success(request, _("The follow-up was updated."))
    return redirect("campaigns:detail", slug=follow_up.meeting.campaign.slug)
