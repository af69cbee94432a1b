"""What the technical team's review of activities means for an organisation's editors and admins, on "My
organisations" (core.todo) and by email in each person's language: an activity returned with the team's comment,
and an activity approved (public in the feed and the next newsletter), in the last weeks."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core import mail, todo
from core.i18n import sentence
from core.models import AuditEvent
from members.models import Affiliation
from members.permissions import NEEDS, organisations_for
from newsletters.models import Activity

REVIEWED = (AuditEvent.Action.ACTIVITY_RETURNED, AuditEvent.Action.ACTIVITY_APPROVED)


def _feed_url(organisation) -> str:
    return reverse("newsletters:activities") + "?" + urlencode({"organisation": organisation.slug})


def items(user) -> list[todo.Todo]:
    organisations = organisations_for(user, "edit")
    reviews = AuditEvent.objects.filter(
        action__in=REVIEWED, target_type="newsletters.activity", at__gte=todo.news_since()
    ).order_by("-at")
    latest = {}
    for event in reviews.values("target_id", "action", "at"):
        latest.setdefault(event["target_id"], event)  # the latest review of each activity
    activities = Activity.objects.filter(
        pk__in=[int(pk) for pk in latest if pk.isdigit()], organisation__in=organisations
    )
    found = []
    for activity in activities.select_related("organisation"):
        event = latest[str(activity.pk)]
        if activity.review_state == Activity.Review.RETURNED and event["action"] == AuditEvent.Action.ACTIVITY_RETURNED:
            found.append(
                todo.Todo(
                    todo.ACTION,
                    sentence(
                        _(
                            "The technical team returned the activity %(title)s of %(organisation)s: post it again with the corrections."
                        ),
                        title=activity.title,
                        organisation=activity.organisation.name,
                    ),
                    reverse("newsletters:activity_new", args=[activity.organisation.slug]),
                    at=event["at"],
                    note=activity.review_comment,
                )
            )
        elif activity.review_state == Activity.Review.APPROVED:
            found.append(
                todo.Todo(
                    todo.NEWS,
                    sentence(
                        _(
                            "The activity %(title)s of %(organisation)s was approved: it is in the activities feed and the next newsletter."
                        ),
                        title=activity.title,
                        organisation=activity.organisation.name,
                    ),
                    _feed_url(activity.organisation),
                    at=event["at"],
                )
            )
    return found


def announce(event: AuditEvent) -> None:
    """After an activity is returned or approved: its organisation's editors and admins are told by email."""
    activity = Activity.objects.select_related("organisation").filter(pk=event.target_id).first()
    if activity is None:
        return
    returned = event.action == AuditEvent.Action.ACTIVITY_RETURNED
    people = [
        a.person
        for a in Affiliation.objects.filter(organisation=activity.organisation, role__in=NEEDS["edit"])
        .select_related("person")
        .order_by("person_id")
    ]

    def context(language):
        if returned:
            url = mail.absolute_url("newsletters:activity_new", language=language, args=[activity.organisation.slug])
        else:
            feed = mail.absolute_url("newsletters:activities", language=language)
            url = feed + "?" + urlencode({"organisation": activity.organisation.slug})
        return {
            "activity": activity,
            "organisation": activity.organisation,
            "comment": activity.review_comment if returned else "",
            "url": url,
            "todo_url": mail.absolute_url("members:dashboard", language=language),
        }

    mail.send_to_people(
        "newsletters/email/activity_returned" if returned else "newsletters/email/activity_approved",
        people,
        context=context,
    )
