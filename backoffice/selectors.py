"""What waits for the technical team, gathered from every app for the back-office dashboard: applications and new
names to review, projects, changes to published projects and activities to review, comments to moderate, places asked for, statements and issue
rounds in progress, and newsletter sending with its failures and their reasons."""

from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils import timezone

from campaigns import selectors as campaigns_selectors
from campaigns.models import IssueRound, Statement
from core.models import AuditEvent
from members import selectors as members_selectors
from members.models import Application, Organisation
from newsletters import selectors as newsletters_selectors
from newsletters.models import Delivery, Issue
from places import selectors as places_selectors
from projects.models import Project, ProjectRevision

# Rows listed per kind of work on the dashboard; the count says how many there are in all.
SHOWN = 5


@dataclass
class Pile:
    """One kind of work waiting: how many in all, and the oldest few."""

    count: int
    items: list


@dataclass
class Sending:
    """An issue of the newsletter whose sending is not done, or failed for some."""

    issue: Issue
    counts: dict[str, int]
    reasons: list[tuple[str, int]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return self.counts.get(Delivery.Status.FAILED, 0)

    @property
    def waiting(self) -> int:
        return self.counts.get(Delivery.Status.QUEUED, 0) + self.counts.get(Delivery.Status.SENDING, 0)


def _pile(queryset) -> Pile:
    items = list(queryset[: SHOWN + 1])
    count = len(items) if len(items) <= SHOWN else queryset.count()
    return Pile(count, items[:SHOWN])


def statements_in_progress() -> list[tuple[Statement, int]]:
    """Statements not yet published (being drafted, or open for signatures), each with its signatures so far;
    the nearest deadline first."""
    statements = Statement.objects.exclude(status=Statement.Status.PUBLISHED).order_by(
        F("deadline").asc(nulls_last=True), "-pk"
    )
    return [(s, campaigns_selectors.signature_count(s)) for s in statements]


def rounds_in_progress(now=None) -> list[IssueRound]:
    """Issue rounds not concluded: scheduled, open for proposals, voting, or closed and waiting to be concluded."""
    now = now or timezone.now()
    rounds = (
        IssueRound.objects.filter(concluded_at__isnull=True)
        .select_related("region")
        .annotate(ballot_count=Count("ballots", distinct=True), proposal_count=Count("proposals", distinct=True))
    )
    return sorted(rounds, key=lambda r: r.closes_at)


def sending() -> list[Sending]:
    """Issues with messages still to send or that failed, each with the reasons of the failures (and of the tries
    that will be made again), most frequent first."""
    unfinished = (
        Delivery.objects.filter(status__in=(Delivery.Status.QUEUED, Delivery.Status.SENDING, Delivery.Status.FAILED))
        .values_list("issue_id", flat=True)
        .distinct()
    )
    out = []
    for issue in Issue.objects.filter(pk__in=unfinished).order_by("-number"):
        reasons = (
            issue.deliveries.exclude(error="")
            .exclude(status=Delivery.Status.SENT)
            .values_list("error")
            .annotate(n=Count("pk"))
            .order_by("-n", "error")
        )
        out.append(Sending(issue, newsletters_selectors.delivery_counts(issue), list(reasons[:10])))
    return out


def waiting() -> dict:
    """Everything waiting for the technical team, by kind, with links' keys; empty kinds count 0."""
    applications = Application.objects.filter(status=Application.Status.PENDING).select_related("organisation")
    return {
        "applications": _pile(applications.order_by("submitted_at")),
        "name_changes": _pile(members_selectors.pending_name_changes()),
        "projects": _pile(
            Project.objects.filter(review_state=Project.Review.SUBMITTED)
            .select_related("organisation")
            .order_by("updated_at")
        ),
        "changes": _pile(
            ProjectRevision.objects.filter(state=ProjectRevision.State.PENDING)
            .select_related("project__organisation")
            .order_by("proposed_at")
        ),
        "activities": _pile(newsletters_selectors.activities_to_review().order_by("created_at")),
        "comments": _pile(newsletters_selectors.held_comments().order_by("created_at")),
        "place_requests": _pile(places_selectors.pending_requests()),
        "statements": statements_in_progress(),
        "rounds": rounds_in_progress(),
        "sending": sending(),
    }


def organisations_by_status() -> list[tuple[str, str, int]]:
    """(status, its label, how many organisations) for every status some organisation has."""
    counts = dict(Organisation.objects.values_list("status").annotate(n=Count("pk")))
    return [(value, label, counts[value]) for value, label in Organisation.Status.choices if value in counts]


def recent_events(limit: int = 10):
    return AuditEvent.objects.select_related("actor")[:limit]
