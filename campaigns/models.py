"""Advocacy: a region chooses its issue, the campaign runs its mechanisms (hashtag, statement, meetings,
follow-ups), member organisations sign joint statements, the authorities' promises are followed up."""

import hashlib
import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import LANGUAGE_CODES, OriginalLanguageField, Translated

# What forms say about the fields every advocacy record shares.
SLUG_HELP = _("The end of the page's address: lowercase Latin letters, digits and hyphens, such as water-for-raqqa.")
ORIGINAL_LANGUAGE = _("language it was written in")


class IssueRound(models.Model):
    """A region's choice of its advocacy issue: proposals, then one approval ballot per organisation."""

    slug = models.SlugField(_("short name in the address"), unique=True, help_text=SLUG_HELP)
    region = models.ForeignKey(
        "coalition.Region", on_delete=models.PROTECT, related_name="issue_rounds", verbose_name=_("region")
    )
    title = Translated(models.CharField, max_length=200)
    proposals_open_at = models.DateTimeField(_("proposals open at"))
    voting_opens_at = models.DateTimeField(_("voting opens at"))
    closes_at = models.DateTimeField(_("voting closes at"))
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    winner = models.ForeignKey(
        "IssueProposal", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("winner")
    )
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("issue round")
        verbose_name_plural = _("issue rounds")
        ordering = ["-voting_opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voting_opens_at__gte=models.F("proposals_open_at"))
                & Q(closes_at__gt=models.F("voting_opens_at")),
                name="round_times_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.slug

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if self.concluded_at:
            return "concluded"
        if now < self.proposals_open_at:
            return "scheduled"
        if now < self.voting_opens_at:
            return "proposing"
        if now < self.closes_at:
            return "voting"
        return "closed"


class IssueProposal(models.Model):
    round = models.ForeignKey(IssueRound, on_delete=models.CASCADE, related_name="proposals")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="issue_proposals")
    title = models.CharField(_("issue"), max_length=200)
    problem = models.TextField(_("the problem"))
    effects = models.TextField(_("its effects"), blank=True)
    solutions = models.TextField(_("possible solutions"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Ballot(models.Model):
    """One ballot per organisation per round, cast by its delegate: the proposals it approves."""

    round = models.ForeignKey(IssueRound, on_delete=models.CASCADE, related_name="ballots")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    delegate = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approvals = models.ManyToManyField(IssueProposal, related_name="approvals")
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "organisation"], name="one_ballot_per_organisation")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.round}"


class Campaign(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        ACTIVE = "active", _("Active")
        CONCLUDED = "concluded", _("Concluded")
        ARCHIVED = "archived", _("Archived")

    slug = models.SlugField(_("short name in the address"), unique=True, help_text=SLUG_HELP)
    title = Translated(models.CharField, max_length=200)
    issue = Translated(models.TextField)
    objectives = Translated(models.TextField)
    regions = models.ManyToManyField("coalition.Region", related_name="campaigns", verbose_name=_("regions"))
    organisations = models.ManyToManyField(
        "members.Organisation", blank=True, related_name="campaigns", verbose_name=_("organisations")
    )
    hashtags = models.CharField(
        _("hashtags"), max_length=300, blank=True, help_text=_("Separated by spaces, each with its #.")
    )
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREPARING)
    issue_round = models.OneToOneField(
        IssueRound,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign",
        verbose_name=_("issue round"),
    )
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "slug"]

    def __str__(self) -> str:
        return self.title_en or self.slug

    def hashtag_list(self) -> list[str]:
        return [h for h in self.hashtags.split() if h.startswith("#")]


class Statement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for signatures")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("short name in the address"), unique=True, help_text=SLUG_HELP)
    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
        verbose_name=_("campaign"),
    )
    title = Translated(models.CharField, max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    deadline = models.DateTimeField(
        _("signing deadline"),
        null=True,
        blank=True,
        help_text=_("Organisations can sign until this moment, in Syria's time zone. Leave it empty for no deadline."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title_en or self.slug

    def signing_open(self, now=None) -> bool:
        """Organisations may sign: a version is open, the statement is not published, its deadline has not passed.
        `services.statement_sign` refuses otherwise; pages use this to offer signing only when it can succeed."""
        now = now or timezone.now()
        return self.status == self.Status.OPEN and (self.deadline is None or now <= self.deadline)

    def current_version(self):
        return self.versions.filter(frozen_at__isnull=False).order_by("-number").first()


# The whitespace `canonical` removes: the characters Python's str.isspace() accepts (Unicode category Zs, or
# bidirectional class WS, B or S), written out so that the published method names them and does not depend on the
# Unicode version of a Python release. Fingerprints published before it was written out used str.strip(): a test
# checks the two agree.
WHITESPACE_RANGES = (
    (0x0009, 0x000D),
    (0x001C, 0x001F),
    (0x0020, 0x0020),
    (0x0085, 0x0085),
    (0x00A0, 0x00A0),
    (0x1680, 0x1680),
    (0x2000, 0x200A),
    (0x2028, 0x2028),
    (0x2029, 0x2029),
    (0x202F, 0x202F),
    (0x205F, 0x205F),
    (0x3000, 0x3000),
)
WHITESPACE = "".join(chr(c) for first, last in WHITESPACE_RANGES for c in range(first, last + 1))

# The method as statement pages, the print page and signatures.json publish it, so anyone can recompute a
# fingerprint without CivNet's code. It must say exactly what `canonical` does: tests recompute every fingerprint of
# the demo statement from these words alone.
FINGERPRINT_STEPS = (
    _(
        "Take the four texts in this order: Arabic (ar), Kurmanji (ku), Syriac (syr), English (en). "
        "A language without a text counts as an empty text."
    ),
    _("Put each text in Unicode Normalization Form C (NFC)."),
    _("Replace each CR LF pair (U+000D U+000A) with LF (U+000A), then each remaining CR with LF."),
    _(
        "Remove whitespace from the start and the end of the whole text, then from the end of each line "
        "(lines are separated by LF)."
    ),
    _(
        "Write each language as a block: the line [code] (its code in square brackets, such as [ar]), LF, then the text."
    ),
    _("Join the four blocks with LF and add one LF at the end."),
    _("Encode the result in UTF-8 and compute its SHA-256: the fingerprint is its 64 lowercase hexadecimal digits."),
)
FINGERPRINT_WHITESPACE = _("Whitespace means these characters: %(characters)s.")


def whitespace_list() -> str:
    """The whitespace characters as the method names them: "U+0009–U+000D, U+001C–U+001F, U+0020, ..."."""
    return ", ".join(
        f"U+{first:04X}" if first == last else f"U+{first:04X}–U+{last:04X}" for first, last in WHITESPACE_RANGES
    )


def canonical(texts: dict[str, str]) -> str:
    """The text a fingerprint is taken of (FINGERPRINT_STEPS say the same in words): each language's text in NFC,
    with Windows line ends and surrounding whitespace removed, in a fixed language order, marked with its language
    code. The order (ar, ku, syr, en) is part of every published fingerprint: tests pin it, so reordering the site's
    languages cannot change it."""
    parts = []
    for lang in LANGUAGE_CODES:
        text = unicodedata.normalize("NFC", texts.get(lang) or "").replace("\r\n", "\n").replace("\r", "\n")
        text = "\n".join(line.rstrip(WHITESPACE) for line in text.strip(WHITESPACE).split("\n"))
        parts.append(f"[{lang}]\n{text}")
    return "\n".join(parts) + "\n"


def fingerprint(texts: dict[str, str]) -> str:
    return hashlib.sha256(canonical(texts).encode("utf-8")).hexdigest()


class StatementVersion(models.Model):
    """A version of the statement's text. Once frozen it never changes; signatures bind to it."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text_ar = models.TextField(blank=True)
    text_ku = models.TextField(blank=True)
    text_syr = models.TextField(blank=True)
    text_en = models.TextField(blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["statement", "number"]
        constraints = [models.UniqueConstraint(fields=["statement", "number"], name="version_number_unique")]

    def __str__(self) -> str:
        return f"{self.statement} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = StatementVersion.objects.filter(pk=self.pk).values_list("frozen_at", flat=True).first()
            if stored is not None:
                raise ValueError("A frozen statement version is immutable.")
        super().save(*args, **kwargs)

    def texts(self) -> dict[str, str]:
        return {lang: getattr(self, f"text_{lang}") for lang in LANGUAGE_CODES}


class Signature(models.Model):
    class Visibility(models.TextChoices):
        NAMED = "named", _("Named on the public list")
        COUNTED = "counted", _("Counted only")
        PRIVATE = "private", _("Known to the coalition only")

    # Addresses name a signature by this code, never by its sequential id, which would tell how many exist.
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(StatementVersion, on_delete=models.PROTECT, related_name="signatures")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="signatures")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(default=timezone.now)
    visibility = models.CharField(max_length=8, choices=Visibility.choices, default=Visibility.NAMED)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=300, blank=True)
    taken_down_at = models.DateTimeField(null=True, blank=True)
    takedown_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["signed_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "organisation"], name="one_signature_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.version}"

    @property
    def counts(self) -> bool:
        return self.withdrawn_at is None and self.visibility != self.Visibility.PRIVATE

    @property
    def listed(self) -> bool:
        return self.counts and self.visibility == self.Visibility.NAMED and self.taken_down_at is None


class TimelineEvent(models.Model):
    class Kind(models.TextChoices):
        HASHTAG = "hashtag", _("Hashtag launch")
        STATEMENT = "statement", _("Statement")
        MEETING = "meeting", _("Meeting with the authorities")
        OUTCOME = "outcome", _("Outcome")
        FOLLOW_UP = "follow_up", _("Follow-up")
        EVIDENCE = "evidence", _("Evidence")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    happened_on = models.DateField(_("date"))
    title = Translated(models.CharField, max_length=300)
    url = models.URLField(_("link to the evidence"), blank=True, max_length=500)
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("project"),
    )
    statement = models.ForeignKey(
        Statement, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("statement")
    )
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return f"{self.happened_on} {self.get_kind_display()}"


class Meeting(models.Model):
    """A visit to an authority. Restricted to the campaign's organisations and the technical team;
    the names of the people who went are never public."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    authority = models.CharField(_("authority"), max_length=200)
    office = models.CharField(_("office"), max_length=200, blank=True)
    organisations = models.ManyToManyField(
        "members.Organisation", blank=True, related_name="+", verbose_name=_("organisations that went")
    )
    attendees = models.TextField(_("who went"), blank=True)
    asked = models.TextField(_("what was asked"), blank=True)
    answered = models.TextField(_("what was answered"), blank=True)
    promised = models.TextField(_("what was promised"), blank=True)
    is_public = models.BooleanField(_("show on the public timeline (without names)"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.authority}"


class FollowUp(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        KEPT = "kept", _("Kept")
        BROKEN = "broken", _("Broken")
        OVERTAKEN = "overtaken", _("Overtaken by events")

    # Addresses name a follow-up by this code, never by its sequential id.
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="follow_ups")
    promise = models.CharField(_("promise"), max_length=500)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.promise
