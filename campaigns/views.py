"""Public pages of advocacy: campaigns and their timelines, statements with their signatures (page, CSV, JSON,
printable signed version), and issue rounds. They only read: GET and HEAD, any other method gets 405."""

import csv
import io
import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_safe

from campaigns import selectors
from campaigns.forms import BallotForm, ProposalForm
from campaigns.models import Campaign, IssueRound
from campaigns.permissions import campaign_team, organisations_for
from core.exports import csv_cell
from core.i18n import LANGUAGE_CODES, direction

# --- campaigns -----------------------------------------------------------------------------------------


@require_safe
def campaigns(request):
    # Rounds in progress are listed here so that a delegate finds the vote waiting for their organisation.
    waiting = {(entry["action"], entry["item"].pk) for entry in selectors.waiting_for(request.user)}
    rounds = [
        (issue_round, next((action for action in ("vote", "propose") if (action, issue_round.pk) in waiting), None))
        for issue_round in selectors.rounds_in_progress()
    ]
    return render(request, "campaigns/list.html", {"campaigns": selectors.public_campaigns(), "rounds": rounds})


@require_safe
def campaign(request, slug):
    item = get_object_or_404(Campaign.objects.prefetch_related("regions"), slug=slug)
    team = campaign_team(request.user, item)
    if item.status == Campaign.Status.PREPARING and not team:
        raise Http404
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": item,
            "timeline": selectors.campaign_timeline(item, team=team),
            "team": team,
            "statements": selectors.campaign_statements(item),
            # Where the region's delegates look: the round choosing their next issue, while it runs.
            "rounds": selectors.rounds_in_progress().filter(region__in=item.regions.all()),
        },
    )


# --- statements ----------------------------------------------------------------------------------------


def _text_language(request, version) -> str:
    """The language asked for (?text=), else the page's, else the first the statement has a text in."""
    wanted = request.GET.get("text") or translation.get_language()
    texts = version.texts()
    if wanted in LANGUAGE_CODES and texts.get(wanted, "").strip():
        return wanted
    return next(
        (lang for lang in (version.statement.original_language, *LANGUAGE_CODES) if texts.get(lang, "").strip()),
        settings.LANGUAGE_CODE,
    )


@require_safe
def statement(request, slug):
    item, version = selectors.public_statement(slug)
    lang = _text_language(request, version)
    signers = organisations_for(request.user, "sign")
    signed = set(version.signatures.filter(organisation__in=signers).values_list("organisation_id", flat=True))
    return render(
        request,
        "campaigns/statement.html",
        {
            "statement": item,
            "version": version,
            "text": version.texts()[lang],
            "text_lang": lang,
            "text_dir": direction(lang),
            "other_langs": [code for code in LANGUAGE_CODES if code != lang and version.texts()[code].strip()],
            "count": selectors.signature_count(item, version),
            "listed": selectors.listed_signatures(version),
            "fingerprint_method": selectors.fingerprint_method(),
            "can_sign": item.signing_open() and signers.exclude(pk__in=signed).exists(),
            "my_signatures": selectors.active_signatures(version, organisations_for(request.user, "withdraw")),
        },
    )


@require_safe
def signatures_json(request, slug):
    item, version = selectors.public_statement(slug)
    response = HttpResponse(
        json.dumps(selectors.signed_record(item, version), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{item.slug}-v{version.number}.json"'
    return response


@require_safe
def signatures_csv(request, slug):
    item, version = selectors.public_statement(slug)
    data = selectors.signed_record(item, version)
    rows = [
        ["statement", item.slug],
        ["version", version.number],
        ["fingerprint_sha256", version.fingerprint],
        ["count", data["count"]],
        [],
        ["organisation", "organisation_ar", "signed_at"],
        *([row["organisation"], row["organisation_ar"], row["signed_at"]] for row in data["signatories"]),
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    # Names are written as stored, except that a cell a spreadsheet would run as a formula is neutralised.
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{item.slug}-v{version.number}.csv"'
    return response


@require_safe
def signed_print(request, slug):
    item, version = selectors.public_statement(slug)
    return render(
        request,
        "campaigns/statement_print.html",
        {
            "statement": item,
            "version": version,
            "count": selectors.signature_count(item, version),
            "listed": selectors.listed_signatures(version),
            "texts": selectors.version_texts(version),
            "fingerprint_method": selectors.fingerprint_method(),
        },
    )


# --- issue rounds -------------------------------------------------------------------------------------


@require_safe
def issue_round(request, slug):
    item = get_object_or_404(IssueRound.objects.select_related("region"), slug=slug)
    return round_page(request, item)


def round_page(request, item: IssueRound, *, proposal_form=None, ballot_form=None, status: int = 200):
    """The round's page: its times, proposals, result, what the reader's organisations voted, and the forms the
    reader may fill in. A refused proposal or vote (views_account) comes back here with its form and errors."""
    phase = item.phase()
    if proposal_form is None and phase == "proposing":
        proposers = organisations_for(request.user, "propose", region=item.region)
        proposal_form = ProposalForm(organisations=proposers) if proposers.exists() else None
    if ballot_form is None and phase == "voting":
        delegates = organisations_for(request.user, "vote", region=item.region).exclude(
            pk__in=item.ballots.values("organisation")
        )
        ballot_form = (
            BallotForm(organisations=delegates, proposals=item.proposals.all()) if delegates.exists() else None
        )
    return render(
        request,
        "campaigns/round.html",
        {
            "round": item,
            "phase": phase,
            "proposals": item.proposals.select_related("organisation"),
            "proposal_form": proposal_form,
            "ballot_form": ballot_form,
            "results": selectors.round_results(item) if phase in ("closed", "concluded") else None,
            "ballots": item.ballots.count(),
            "our_ballots": selectors.organisation_ballots(item, request.user),
        },
        status=status,
    )
