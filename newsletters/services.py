"""Writes about information exchange: activities, news, issues, subscriptions, sending and comments.
Each in a transaction; those someone may later ask about are audited (the public's own subscriptions and
comments are not: they carry their own dates and consent)."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, Meeting, Signature
from core import audit
from core.models import AuditEvent
from core.ratelimit import over_limit
from core.services import Refused
from newsletters import notifications
from newsletters.models import (
    CONSENT_TEXT,
    CONSENT_VERSION,
    Activity,
    Comment,
    Delivery,
    Issue,
    IssueEntry,
    NewsItem,
    Subscriber,
)
from newsletters.models import token as new_token
from newsletters.sending import send_issue_task

# Confirmation links one address may receive a day, however many connections ask: a stranger cannot flood it.
CONFIRMATIONS_PER_DAY = 3
# How long a confirmation link works after it was sent.
CONFIRMATION_DAYS = 7


class LinkNoLongerValid(Refused):
    """A confirmation link that cannot confirm anything any more: the person may subscribe again."""


def mailbox(email: str) -> str:
    """The inbox an address delivers to, for counting what is sent there: most providers deliver
    "name+anything@" to "name@", and Gmail ignores dots in the name as well."""
    name, _at, domain = email.strip().lower().rpartition("@")
    name = name.split("+", 1)[0]
    if domain in ("gmail.com", "googlemail.com"):
        name, domain = name.replace(".", ""), "gmail.com"
    return f"{name}@{domain}"


@transaction.atomic
def activity_post(*, actor, organisation, fields: dict, sectors=(), places=()) -> Activity:
    activity = Activity.objects.create(organisation=organisation, posted_by=actor, **fields)
    activity.sectors.set(sectors)
    activity.places.set(places)
    audit.record(
        actor=actor, action=AuditEvent.Action.ACTIVITY_POSTED, target=activity, data={"organisation": organisation.slug}
    )
    return activity


@transaction.atomic
def activity_review(*, actor, activity: Activity, approve: bool, comment: str = "") -> Activity:
    state = Activity.Review.APPROVED if approve else Activity.Review.RETURNED
    Activity.objects.filter(pk=activity.pk).update(review_state=state, review_comment=comment)
    activity.refresh_from_db()
    audit.record(
        actor=actor,
        action=AuditEvent.Action.ACTIVITY_APPROVED if approve else AuditEvent.Action.ACTIVITY_RETURNED,
        target=activity,
        data={"comment": comment},
    )
    return activity


@transaction.atomic
def news_save(*, actor, item: NewsItem, fields: dict) -> NewsItem:
    creating = item.pk is None
    for key, value in fields.items():
        setattr(item, key, value)
    item.save()
    audit.record(
        actor=actor,
        action=AuditEvent.Action.NEWS_CREATED if creating else AuditEvent.Action.NEWS_UPDATED,
        target=item,
    )
    return item


@transaction.atomic
def issue_start(*, actor, number: int, title: dict, period_start, period_end) -> Issue:
    if Issue.objects.filter(number=number).exists():
        raise Refused(_("An issue with this number already exists."))
    issue = Issue.objects.create(
        number=number, period_start=period_start, period_end=period_end, **{f"title_{k}": v for k, v in title.items()}
    )
    issue_compile(issue=issue)
    audit.record(actor=actor, action=AuditEvent.Action.NEWSLETTER_STARTED, target=issue)
    return issue


def issue_compile(*, issue: Issue) -> None:
    """Propose the contents: news of the period, campaign updates, then every approved member activity
    of the period grouped by organisation. Runs inside issue_start's transaction."""
    entries, order = [], 0
    for item in NewsItem.objects.filter(published_on__range=(issue.period_start, issue.period_end)).order_by(
        "published_on"
    ):
        entries.append(IssueEntry(issue=issue, news=item, order=order))
        order += 10
    for campaign in Campaign.objects.filter(status=Campaign.Status.ACTIVE):
        signed = Signature.objects.filter(
            version__statement__campaign=campaign, signed_at__date__range=(issue.period_start, issue.period_end)
        ).count()
        meetings = Meeting.objects.filter(
            campaign=campaign, is_public=True, held_on__range=(issue.period_start, issue.period_end)
        ).count()
        if signed or meetings:
            entries.append(
                IssueEntry(
                    issue=issue,
                    campaign=campaign,
                    order=order,
                    signatures=signed,
                    meetings=meetings,
                )
            )
            order += 10
    activities = (
        Activity.objects.filter(
            review_state=Activity.Review.APPROVED, happened_on__range=(issue.period_start, issue.period_end)
        )
        .order_by("organisation__name_en", "happened_on", "pk")
        .only("pk")
    )
    for activity in activities.iterator(chunk_size=2000):
        entries.append(IssueEntry(issue=issue, activity_id=activity.pk, order=order))
        order += 10
    IssueEntry.objects.bulk_create(entries, batch_size=2000)


@transaction.atomic
def entry_move(*, actor, issue: Issue, entry: IssueEntry, direction: int) -> None:
    """Swap an entry with its neighbour (direction -1 up, +1 down). Not audited: the order is the editor's
    draft, visible in the issue itself."""
    entries = list(issue.entries.order_by("order", "pk"))
    index = entries.index(entry)
    other = index + direction
    if 0 <= other < len(entries):
        entries[index], entries[other] = entries[other], entries[index]
        for position, item in enumerate(entries):
            if item.order != position * 10:
                IssueEntry.objects.filter(pk=item.pk).update(order=position * 10)


@transaction.atomic
def entry_remove(*, actor, entry: IssueEntry) -> None:
    audit.record(
        actor=actor, action=AuditEvent.Action.NEWSLETTER_ENTRY_REMOVED, target=entry.issue, data={"entry": entry.pk}
    )
    entry.delete()


@transaction.atomic
def issue_introduce(*, actor, issue: Issue, texts: dict) -> Issue:
    """The issue's introduction, in the languages the editor wrote."""
    for key, value in texts.items():
        setattr(issue, key, value)
    issue.save(update_fields=list(texts))
    audit.record(actor=actor, action=AuditEvent.Action.NEWSLETTER_INTRODUCTION, target=issue)
    return issue


@transaction.atomic
def issue_publish(*, actor, issue: Issue) -> Issue:
    updated = Issue.objects.filter(pk=issue.pk, status=Issue.Status.DRAFT).update(
        status=Issue.Status.PUBLISHED, published_at=timezone.now()
    )
    if not updated:
        raise Refused(_("This issue is already published."))
    issue.refresh_from_db()
    audit.record(actor=actor, action=AuditEvent.Action.NEWSLETTER_PUBLISHED, target=issue)
    return issue


@transaction.atomic
def issue_send(*, actor, issue: Issue) -> int:
    """Queue one delivery per active subscriber (again: only those not queued yet) and start the worker."""
    if issue.status != Issue.Status.PUBLISHED:
        raise Refused(_("Publish the issue before sending it."))
    already = set(issue.deliveries.values_list("subscriber_id", flat=True))
    rows = [
        Delivery(issue=issue, subscriber_id=pk, language=lang)
        for pk, lang in Subscriber.objects.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)
        .values_list("pk", "language")
        .iterator(chunk_size=5000)
        if pk not in already
    ]
    Delivery.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    audit.record(actor=actor, action=AuditEvent.Action.NEWSLETTER_QUEUED, target=issue, data={"deliveries": len(rows)})
    transaction.on_commit(lambda: send_issue_task.enqueue(issue.pk))
    return len(rows)


@transaction.atomic
def subscribe(*, email: str, language: str) -> Subscriber | None:
    """Ask for confirmation (double opt-in). Each request sends a new link, valid for a week from now, and the
    previous link stops working; someone who unsubscribed long ago may come back the same way. An address already
    subscribed changes nothing, and an address receives at most CONFIRMATIONS_PER_DAY links a day. Callers give
    the same answer in every case: whether an address is subscribed must not leak."""
    email = email.strip().lower()
    # Counted for every address, known or not, before anything else: the outcome tells nothing about the list.
    if over_limit("confirmation-email", mailbox(email), limit=CONFIRMATIONS_PER_DAY, seconds=24 * 3600):
        return None
    subscriber, created = Subscriber.objects.get_or_create(
        email=email, defaults={"language": language, "requested_at": timezone.now()}
    )
    if subscriber.active:
        return subscriber
    if not created:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            token=new_token(),
            requested_at=timezone.now(),
            language=language,
            confirmed_at=None,
            unsubscribed_at=None,
        )
        subscriber.refresh_from_db()
    transaction.on_commit(lambda: notifications.confirm_subscription(subscriber))
    return subscriber


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscriber:
    subscriber = Subscriber.objects.select_for_update().filter(token=token).first()
    if subscriber is None:
        # Never valid, or replaced by a newer link.
        raise LinkNoLongerValid(_("This confirmation link is not valid, or no longer valid."))
    if subscriber.unsubscribed_at is not None:
        raise LinkNoLongerValid(
            _("This confirmation link is no longer valid: the address was unsubscribed from the newsletter.")
        )
    if subscriber.confirmed_at is not None:
        raise Refused(_("This subscription is already confirmed."))
    if timezone.now() - subscriber.requested_at > timezone.timedelta(days=CONFIRMATION_DAYS):
        raise LinkNoLongerValid(_("This confirmation link has expired; subscribe again."))
    subscriber.confirmed_at = timezone.now()
    subscriber.save(update_fields=["confirmed_at"])
    return subscriber


@transaction.atomic
def unsubscribe(*, token: str) -> Subscriber | None:
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is not None and subscriber.unsubscribed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk).update(unsubscribed_at=timezone.now())
    return subscriber


@transaction.atomic
def subscription_language(*, token: str, language: str) -> Subscriber | None:
    Subscriber.objects.filter(token=token).update(language=language)
    return Subscriber.objects.filter(token=token).first()


@transaction.atomic
def subscribe_contact(*, actor, email: str, language: str, consent_note: str) -> Subscriber:
    """The technical team subscribes a member organisation's contact who gave consent, recorded."""
    if not consent_note.strip():
        raise Refused(_("Record how and when the contact gave consent."))
    subscriber, _created = Subscriber.objects.update_or_create(
        email=email.strip().lower(),
        defaults={
            "language": language,
            "confirmed_at": timezone.now(),
            "unsubscribed_at": None,
            "consent_note": consent_note,
        },
    )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.NEWSLETTER_CONTACT_SUBSCRIBED,
        target=subscriber,
        data={"consent": consent_note},
    )
    return subscriber


@transaction.atomic
def comment_post(*, target, name: str, email: str, body: str) -> Comment:
    comment = Comment.objects.create(
        name=name,
        email=email.lower(),
        body=body,
        consent_text=str(CONSENT_TEXT),
        consent_version=CONSENT_VERSION,
        **({"news": target} if isinstance(target, NewsItem) else {"issue": target}),
    )
    transaction.on_commit(lambda: notifications.comment_received(comment))
    return comment


@transaction.atomic
def comment_moderate(*, actor, comment: Comment, approve: bool) -> Comment:
    comment.status = Comment.Status.APPROVED if approve else Comment.Status.REJECTED
    comment.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.COMMENT_APPROVED if approve else AuditEvent.Action.COMMENT_REJECTED,
        target=comment,
    )
    return comment


@transaction.atomic
def comment_delete(*, token: str) -> bool:
    return Comment.objects.filter(deletion_token=token).delete()[0] > 0


def next_number() -> int:
    return (Issue.objects.aggregate(n=Max("number"))["n"] or 0) + 1
