"""Reads of information exchange that pages, feeds and the sending worker share: approved activities and
their filters, an issue's sections, published issues, approved comments and an issue's delivery figures."""

import itertools
import re

from django.db.models import Count, QuerySet

from core.i18n import ordered_by_name
from members.models import Organisation
from newsletters.models import Activity, Comment, Issue, NewsItem

MONTH = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])")


def approved_activities() -> QuerySet:
    """Activities the public may see: approved, of an organisation whose profile is public."""
    return Activity.objects.filter(
        review_state=Activity.Review.APPROVED, organisation__status__in=Organisation.PUBLIC_STATUSES
    )


def organisations_with_activities() -> QuerySet:
    """The organisations the activities feed can be filtered by: those with an activity the public may see."""
    return ordered_by_name(Organisation.objects.filter(pk__in=approved_activities().values("organisation")))


def filtered_activities(params) -> tuple[QuerySet, dict]:
    """Approved activities narrowed by the feed's filters (organisation, region, sector, month "YYYY-MM"),
    read from a query dictionary; also returns the filters as given, for the form. A month that is not one
    gives no activity (and `filters["month_invalid"]`), never all of them."""
    activities = approved_activities().select_related("organisation")
    organisation, region = params.get("organisation", ""), params.get("region", "")
    sector, month = params.get("sector", ""), params.get("month", "")
    if organisation:
        activities = activities.filter(organisation__slug=organisation)
    if region:
        activities = activities.filter(organisation__region__slug=region)
    if sector:
        activities = activities.filter(sectors__slug=sector)
    month_invalid = False
    if month:
        if match := MONTH.fullmatch(month):
            activities = activities.filter(happened_on__year=int(match[1]), happened_on__month=int(match[2]))
        else:
            activities, month_invalid = activities.none(), True
    filters = {"organisation": organisation, "region": region, "sector": sector, "month": month}
    return activities, {**filters, "month_invalid": month_invalid}


def activities_to_review() -> QuerySet:
    return Activity.objects.filter(review_state=Activity.Review.SUBMITTED).select_related("organisation")


def issue_context(issue: Issue) -> dict:
    """An issue's sections: news, campaign notes, and member activities grouped by organisation. The web page,
    the plain-text edition, the office preview and every email render from it."""
    entries = list(issue.entries.select_related("news", "campaign", "activity__organisation").order_by("order", "pk"))
    activities = [e.activity for e in entries if e.activity_id]
    groups = [(org, list(items)) for org, items in itertools.groupby(activities, key=lambda a: a.organisation)]
    return {
        "issue": issue,
        "news": [e for e in entries if e.news_id],
        "campaigns": [e for e in entries if e.campaign_id],
        "groups": groups,
    }


def published_issues() -> QuerySet:
    return Issue.objects.filter(status=Issue.Status.PUBLISHED)


def issues_with_delivery_counts() -> QuerySet:
    return Issue.objects.annotate(deliveries_count=Count("deliveries"))


def delivery_counts(issue: Issue) -> dict[str, int]:
    """How many of the issue's messages are in each state (queued, sending, sent, failed)."""
    return dict(issue.deliveries.values_list("status").annotate(n=Count("pk")))


def approved_comments(target: NewsItem | Issue) -> QuerySet:
    return target.comments.filter(status=Comment.Status.APPROVED)


def held_comments() -> QuerySet:
    return Comment.objects.filter(status=Comment.Status.HELD)
