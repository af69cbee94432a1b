"""Reads about advocacy that pages and other apps reuse: public campaigns and statements, signature counts and
lists, a campaign's timeline, rounds in progress and a round's results, what waits for a person's organisations
(a vote, a proposal, a signature) and a campaign's figures for a period (the newsletter's digest)."""

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from campaigns.models import (
    FINGERPRINT_STEPS,
    FINGERPRINT_WHITESPACE,
    Ballot,
    Campaign,
    IssueProposal,
    IssueRound,
    Meeting,
    Signature,
    Statement,
    StatementVersion,
    whitespace_list,
)
from campaigns.permissions import organisations_for, organisations_with_role
from core.i18n import LANGUAGE_CODES, direction
from members.models import Affiliation

# On the timeline, things of the same day read in this order.
TIMELINE_ORDER = {"event": 0, "meeting": 1, "follow_up": 2}


# --- campaigns -----------------------------------------------------------------------------------------


def public_campaigns():
    """Campaigns past preparation, newest first."""
    return Campaign.objects.exclude(status=Campaign.Status.PREPARING).prefetch_related("regions").order_by("-starts_on")


def campaign_timeline(campaign: Campaign, *, team: bool) -> list[tuple[str, object, object]]:
    """(kind, day, item) for every timeline event, meeting and follow-up, in date order. Meetings that are not
    public are for the campaign's team only."""
    timeline = [("event", e.happened_on, e) for e in campaign.events.select_related("statement", "project")]
    meetings = campaign.meetings.prefetch_related("follow_ups")
    if not team:
        meetings = meetings.filter(is_public=True)
    timeline += [("meeting", m.held_on, m) for m in meetings]
    for m in meetings:
        timeline += [("follow_up", f.due_on or m.held_on, f) for f in m.follow_ups.all()]
    timeline.sort(key=lambda entry: (entry[1], TIMELINE_ORDER[entry[0]]))
    return timeline


def campaign_statements(campaign: Campaign) -> list[tuple[Statement, int]]:
    """The campaign's statements past drafting, each with its count of signatures."""
    return [(s, signature_count(s)) for s in campaign.statements.exclude(status=Statement.Status.DRAFT)]


def campaign_period_figures(campaign: Campaign, start, end) -> tuple[int, int]:
    """Signatures of the campaign's statements and its public meetings between two dates (both included)."""
    signed = Signature.objects.filter(version__statement__campaign=campaign, signed_at__date__range=(start, end))
    meetings = Meeting.objects.filter(campaign=campaign, is_public=True, held_on__range=(start, end))
    return signed.count(), meetings.count()


# --- statements ----------------------------------------------------------------------------------------


def public_statement(slug: str) -> tuple[Statement, StatementVersion]:
    """A statement past drafting and its version open for signatures; Http404 for anything else."""
    statement = get_object_or_404(Statement.objects.exclude(status=Statement.Status.DRAFT), slug=slug)
    version = statement.current_version()
    if version is None:
        raise Http404
    return statement, version


def version_texts(version: StatementVersion) -> list[tuple[str, str, str]]:
    """(language, direction, text) for each language the version has a text in."""
    return [(code, direction(code), text) for code, text in version.texts().items() if text.strip()]


def signature_count(statement: Statement, version: StatementVersion | None = None) -> int:
    """Signatures that count: not withdrawn, not private (a name taken down still counts)."""
    version = version or statement.current_version()
    if version is None:
        return 0
    return version.signatures.filter(withdrawn_at__isnull=True).exclude(visibility=Signature.Visibility.PRIVATE).count()


def listed_signatures(version: StatementVersion):
    """Signatures named on the public list, with only the organisation's columns the list shows."""
    return (
        version.signatures.filter(
            withdrawn_at__isnull=True, taken_down_at__isnull=True, visibility=Signature.Visibility.NAMED
        )
        .select_related("organisation")
        .only(
            *(f.attname for f in Signature._meta.concrete_fields),
            "organisation__slug",
            "organisation__original_language",
            *(f"organisation__name_{c}" for c in LANGUAGE_CODES),
        )
        .order_by("organisation__name_en")
    )


def active_signatures(version: StatementVersion, organisations):
    """The version's signatures, not withdrawn, of the given organisations."""
    return version.signatures.filter(
        organisation__in=organisations.values("pk"), withdrawn_at__isnull=True
    ).select_related("organisation")


def fingerprint_method() -> dict:
    """How anyone recomputes a fingerprint, in the reader's language: the steps, and which characters are
    whitespace. The statement page and the print page show it; signatures.json gives it in English."""
    return {
        "steps": [str(step) for step in FINGERPRINT_STEPS],
        "whitespace": FINGERPRINT_WHITESPACE % {"characters": whitespace_list()},
    }


def signed_record(statement: Statement, version: StatementVersion) -> dict:
    """The signed version as published in signatures.json and signatures.csv: text, fingerprint, signatories.
    Names are as stored."""
    with translation.override("en"):
        method = fingerprint_method()
    return {
        "statement": statement.slug,
        "title": {c: getattr(statement, f"title_{c}") for c in LANGUAGE_CODES if getattr(statement, f"title_{c}")},
        "version": version.number,
        "frozen_at": version.frozen_at.isoformat(),
        "fingerprint": version.fingerprint,
        "fingerprint_method": " ".join(
            [*(f"{n}. {step}" for n, step in enumerate(method["steps"], start=1)), method["whitespace"]]
        ),
        "texts": version.texts(),
        "count": signature_count(statement, version),
        "signatories": [
            {
                "organisation": s.organisation.name_en or s.organisation.name_ar,
                "organisation_ar": s.organisation.name_ar,
                "signed_at": s.signed_at.isoformat(),
            }
            for s in listed_signatures(version)
        ],
    }


# --- issue rounds -------------------------------------------------------------------------------------


def round_results(issue_round: IssueRound) -> list[tuple[IssueProposal, int]]:
    """Each proposal with its number of approvals, most approved first (earliest proposed breaks a tie)."""
    proposals = issue_round.proposals.annotate(n=Count("approvals")).order_by("-n", "created_at", "id")
    return [(p, p.n) for p in proposals]


def rounds_in_progress():
    """Rounds not closed yet (scheduled, open for proposals or voting), the one closing first first."""
    return (
        IssueRound.objects.filter(concluded_at__isnull=True, closes_at__gt=timezone.now())
        .select_related("region")
        .order_by("closes_at", "pk")
    )


def organisation_ballots(issue_round: IssueRound, user):
    """The ballots cast in the round by organisations the user has a role in (any role): what their organisation
    voted, and when. Other organisations' ballots are not shown to anyone."""
    organisations = organisations_with_role(user, *Affiliation.Role.values, region=issue_round.region)
    return (
        Ballot.objects.filter(round=issue_round, organisation__in=organisations)
        .select_related("organisation")
        .prefetch_related("approvals")
        .order_by("cast_at", "pk")
    )


def waiting_for(user) -> list[dict]:
    """What waits for the user's organisations in advocacy, soonest deadline first: a round open for their vote
    (they are its delegate and it has not voted), a round open for their proposals, a statement open for their
    signature (they are its signatory and it has not signed the open version). Each is a dict: `action` ("vote",
    "propose" or "sign"), `item` (the round or statement), `organisations` and `until` (the moment it closes, or
    None). For "My organisations" and the campaigns list."""
    if not user.is_authenticated:
        return []
    now = timezone.now()
    waiting = []
    for issue_round in rounds_in_progress():
        phase = issue_round.phase(now)
        if phase == "voting":
            organisations = organisations_for(user, "vote", region=issue_round.region).exclude(
                pk__in=issue_round.ballots.values("organisation")
            )
            action, until = "vote", issue_round.closes_at
        elif phase == "proposing":
            organisations = organisations_for(user, "propose", region=issue_round.region)
            action, until = "propose", issue_round.voting_opens_at
        else:
            continue
        if organisations:
            waiting.append(
                {"action": action, "item": issue_round, "organisations": list(organisations), "until": until}
            )
    signers = organisations_for(user, "sign")
    if signers:
        statements = Statement.objects.filter(status=Statement.Status.OPEN).filter(
            Q(deadline__isnull=True) | Q(deadline__gte=now)
        )
        for statement in statements:
            version = statement.current_version()
            if version is None:
                continue
            organisations = signers.exclude(pk__in=version.signatures.values("organisation"))
            if organisations:
                waiting.append(
                    {
                        "action": "sign",
                        "item": statement,
                        "organisations": list(organisations),
                        "until": statement.deadline,
                    }
                )
    waiting.sort(key=lambda entry: (entry["until"] is None, entry["until"] or now))
    return waiting
