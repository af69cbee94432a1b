"""Information exchange: members' activities, coalition news, newsletter issues compiled from them,
subscribers (double opt-in), one delivery row per subscriber and issue, and moderated comments."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.i18n import OriginalLanguageField, Translated

# What a commenter agrees to, stored with each comment; a new wording gets a new version.
CONSENT_VERSION = "2026-11"
CONSENT_TEXT = _("By using this form, you agree to the storage and processing of your data by this website.")


def token() -> str:
    return secrets.token_urlsafe(24)


class Activity(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        VIDEO = "video", _("Video")
        PHOTOS = "photos", _("Photo story")
        EVENT = "event", _("Event")

    class Review(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("short summary"), max_length=1000, blank=True)
    language = models.CharField(_("written in"), max_length=3, choices=settings.LANGUAGES, default="ar")
    happened_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.ARTICLE)
    url = models.URLField(_("where it is published"), max_length=500)
    sectors = models.ManyToManyField("members.Sector", blank=True, related_name="activities", verbose_name=_("sectors"))
    places = models.ManyToManyField("places.Place", blank=True, related_name="activities", verbose_name=_("places"))
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
        verbose_name=_("project"),
    )
    review_state = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.SUBMITTED, db_index=True
    )
    review_comment = models.CharField(_("the technical team's comment"), max_length=500, blank=True)
    posted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title


class NewsItem(models.Model):
    slug = models.SlugField(
        _("short name in the address"),
        unique=True,
        help_text=_(
            "The end of the page's address: lowercase Latin letters, digits and hyphens, such as water-for-raqqa."
        ),
    )
    title = Translated(models.CharField, max_length=200)
    body = Translated(models.TextField)
    published_on = models.DateField(_("published on"), default=timezone.localdate)
    original_language = OriginalLanguageField(verbose_name=_("language it was written in"))

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title_en or self.title_ar or self.slug


class Issue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    number = models.PositiveIntegerField(unique=True)
    title = Translated(models.CharField, max_length=200)
    introduction = Translated(models.TextField)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    original_language = OriginalLanguageField()

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.number}: {self.title_en or self.title_ar}"


class IssueEntry(models.Model):
    """One piece of an issue, in the editor's order: a news item, a member activity, or a campaign note."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="entries")
    order = models.PositiveIntegerField(default=0)
    news = models.ForeignKey(NewsItem, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    campaign_note = Translated(models.CharField, max_length=500)
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A campaign's figures of the period, counted when the issue is compiled and worded when it is read, so that
    # each reader gets the plural forms of their language. Entries compiled before these existed have a note.
    signatures = models.PositiveIntegerField(null=True, blank=True)
    meetings = models.PositiveIntegerField(null=True, blank=True)
    original_language = OriginalLanguageField()

    class Meta:
        ordering = ["issue", "order", "id"]

    def __str__(self) -> str:
        return f"{self.issue.number}#{self.order}"

    @property
    def section(self) -> str:
        if self.news_id:
            return "news"
        if self.campaign_id:
            return "campaign"
        return "activity"

    @property
    def note(self):
        """What a campaign entry says: its figures in the current language, else the note written for it."""
        if self.signatures is None and self.meetings is None:
            return self.campaign_note
        sentences = []
        if self.signatures:
            sentences.append(
                ngettext(
                    "%(count)s new signature this period.", "%(count)s new signatures this period.", self.signatures
                )
                % {"count": self.signatures}
            )
        if self.meetings:
            sentences.append(
                ngettext(
                    "%(count)s meeting with the authorities this period.",
                    "%(count)s meetings with the authorities this period.",
                    self.meetings,
                )
                % {"count": self.meetings}
            )
        return " ".join(sentences)


class Subscriber(models.Model):
    email = models.EmailField(unique=True)
    language = models.CharField(max_length=3, choices=settings.LANGUAGES, default="ar")
    # The key of every link sent to the subscriber; a new request for confirmation replaces it.
    token = models.CharField(max_length=40, unique=True, default=token)
    # When the latest confirmation link was sent: it works for a week from then.
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A member organisation's contact subscribed by the technical team: the consent they gave, as recorded.
    consent_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Delivery(models.Model):
    """One message of one issue to one subscriber. The unique pair is what makes sending idempotent."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    language = models.CharField(max_length=3)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # The claim of the worker sending the row (see newsletters.sending): only that worker may send it.
    claim = models.CharField(max_length=32, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    message_id = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="one_delivery_per_subscriber")]
        indexes = [models.Index(fields=["issue", "status"])]

    def __str__(self) -> str:
        return f"{self.issue.number} → {self.subscriber} ({self.status})"


class Comment(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("Held for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    news = models.ForeignKey(NewsItem, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.CASCADE, related_name="comments")
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("email (never shown)"))
    body = models.TextField(_("comment"), max_length=3000)
    consent_text = models.TextField()
    consent_version = models.CharField(max_length=20)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD, db_index=True)
    deletion_token = models.CharField(max_length=40, unique=True, default=token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"
