"""Capacity building: a versioned training-needs questionnaire, answered once per organisation in a round; the
workshops planned from the needs, their days, trainers and trainees, attendance per day and the certificates of
those who completed."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import OriginalLanguageField, Translated

SLUG_HELP = _("The end of the page's address: lowercase Latin letters, digits and hyphens, such as advocacy-2026.")
TOPIC_HELP = _("A short tag that groups answers into a need, such as advocacy: lowercase Latin letters and hyphens.")
ORIGINAL_LANGUAGE = _("language it was written in")
# Public figures: a count of people or organisations below this is shown as "fewer than 5".
SMALLEST_SHOWN = 5


class Questionnaire(models.Model):
    """One version of a needs questionnaire. A version that a round has used is frozen: changes go into a new
    version (`services.questionnaire_new_version`), so every round's answers keep the questions they answered."""

    slug = models.SlugField(_("short name in the address"), help_text=SLUG_HELP)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = Translated(models.CharField, max_length=200)
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["slug", "-version"]
        constraints = [models.UniqueConstraint(fields=["slug", "version"], name="one_questionnaire_version")]

    def __str__(self) -> str:
        return f"{self.title_en or self.slug} v{self.version}"

    def is_frozen(self) -> bool:
        return self.rounds.exists()


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        SCALE = "scale", _("A scale")
        TEXT = "text", _("Short text")

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(_("code"), max_length=40, help_text=_("The question's name in exports and XLSForm."))
    text = Translated(models.CharField, max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    allow_other = models.BooleanField(_("offer “other, please say”"), default=False)
    topic = models.SlugField(_("topic"), max_length=40, blank=True, help_text=TOPIC_HELP)
    scale_max = models.PositiveSmallIntegerField(_("top of the scale"), default=5)
    required = models.BooleanField(_("an answer is required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "code"], name="one_question_code")]

    def __str__(self) -> str:
        return self.code

    @property
    def has_options(self) -> bool:
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    order = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(_("code"), max_length=40)
    label = Translated(models.CharField, max_length=200)
    topic = models.SlugField(_("topic"), max_length=40, blank=True, help_text=TOPIC_HELP)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="one_option_code")]

    def __str__(self) -> str:
        return self.code


class Round(models.Model):
    """A questionnaire version put to the member organisations of chosen regions, between two moments."""

    slug = models.SlugField(_("short name in the address"), unique=True, help_text=SLUG_HELP)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("questionnaire")
    )
    title = Translated(models.CharField, max_length=200)
    regions = models.ManyToManyField("coalition.Region", related_name="training_rounds", verbose_name=_("regions"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("needs round")
        verbose_name_plural = _("needs rounds")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="training_round_in_order")
        ]

    def __str__(self) -> str:
        return self.title_en or self.slug

    def phase(self, now=None) -> str:
        now = now or timezone.now()
        if now < self.opens_at:
            return "scheduled"
        if now < self.closes_at:
            return "open"
        return "closed"

    def phase_label(self):
        return {"scheduled": _("Not open yet"), "open": _("Open for answers"), "closed": _("Closed")}[self.phase()]


class Response(models.Model):
    """An organisation's answers in a round: one per organisation (a unique pair), editable until the close."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="need_responses")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "organisation"], name="one_need_response_per_organisation")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.round}"


class Answer(models.Model):
    """One row per chosen option (several for a multiple choice), or the scale's number, or the text; "other"
    is an answer without an option whose text says what."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    option = models.ForeignKey(Option, null=True, blank=True, on_delete=models.PROTECT, related_name="answers")
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "option"])]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.option_id or self.number or self.text}"


# --- workshops ---------------------------------------------------------------------------------------------


class Workshop(models.Model):
    class Organiser(models.TextChoices):
        MEMBER = "member", _("A member organisation")
        COALITION = "coalition", _("The coalition")
        PARTNER = "partner", _("A partner")

    slug = models.SlugField(_("short name in the address"), unique=True, help_text=SLUG_HELP)
    title = Translated(models.CharField, max_length=200)
    topic = models.SlugField(_("need it answers"), max_length=40, blank=True, help_text=TOPIC_HELP)
    need_round = models.ForeignKey(
        Round,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="workshops",
        verbose_name=_("needs round it comes from"),
    )
    organiser_kind = models.CharField(
        _("organiser"), max_length=10, choices=Organiser.choices, default=Organiser.MEMBER
    )
    organiser_organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organised_workshops",
        verbose_name=_("organising member organisation"),
    )
    organiser_name = models.CharField(_("partner's name"), max_length=200, blank=True)
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workshops",
        verbose_name=_("project that pays for it"),
    )
    venue = models.ForeignKey(
        "places.Place", on_delete=models.PROTECT, related_name="workshops", verbose_name=_("venue")
    )
    agenda = Translated(models.TextField)
    materials = Translated(models.TextField)
    completion_percent = models.PositiveSmallIntegerField(
        _("share of the days that completes it (%)"),
        default=100,
        help_text=_("A trainee who attended at least this share of the days completed the workshop."),
    )
    published = models.BooleanField(_("shown on the public pages"), default=True)
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completion_percent__gte=1) & Q(completion_percent__lte=100), name="completion_in_range"
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.slug

    def organiser_label(self) -> str:
        if self.organiser_kind == self.Organiser.MEMBER and self.organiser_organisation_id:
            return str(self.organiser_organisation.name)
        if self.organiser_kind == self.Organiser.COALITION:
            return str(_("The coalition"))
        return self.organiser_name

    def days_needed(self, day_count: int) -> int:
        """How many days a trainee attends to complete: the share, rounded up."""
        return max(1, -(-day_count * self.completion_percent // 100))


class WorkshopDay(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["workshop", "date"], name="one_workshop_day")]

    def __str__(self) -> str:
        return self.date.isoformat()


class InvitedOrganisation(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    seats = models.PositiveSmallIntegerField(_("seats"), default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["workshop", "organisation"], name="one_invitation_per_org")]

    def __str__(self) -> str:
        return f"{self.organisation} × {self.seats}"


class Trainer(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="trainers")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("member organisation (a trainer from inside the coalition)"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainer_roles",
        verbose_name=_("account (to record attendance)"),
    )
    show_name_publicly = models.BooleanField(_("the trainer agreed to show their name publicly"), default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Trainee(models.Model):
    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")

    class AgeBand(models.TextChoices):
        UNDER_25 = "18-24", _("18–24")
        FROM_25 = "25-34", _("25–34")
        FROM_35 = "35-44", _("35–44")
        FROM_45 = "45-54", _("45–54")
        FROM_55 = "55+", _("55 and over")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="trainees")
    name = models.CharField(_("name"), max_length=200, help_text=_("Never shown publicly; printed on the certificate."))
    name_key = models.CharField(max_length=200, editable=False, db_index=True)  # folded name: the same person
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="trainees", verbose_name=_("organisation")
    )
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices)
    town = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("town"))
    role = models.CharField(_("role in the organisation"), max_length=120, blank=True)
    language = models.CharField(_("language of the certificate"), max_length=3, choices=settings.LANGUAGES)
    pre_score = models.PositiveSmallIntegerField(_("pre-test score (%)"), null=True, blank=True)
    post_score = models.PositiveSmallIntegerField(_("post-test score (%)"), null=True, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class Attendance(models.Model):
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendances")
    day = models.ForeignKey(WorkshopDay, on_delete=models.CASCADE, related_name="attendances")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trainee", "day"], name="one_attendance_per_day")]

    def __str__(self) -> str:
        return f"{self.trainee} — {self.day}"


def new_certificate_code() -> str:
    """16 random bytes from `secrets`, URL-safe: 128 bits, not guessable, not enumerable."""
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    trainee = models.OneToOneField(Trainee, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(max_length=40, unique=True, default=new_certificate_code, editable=False)
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self) -> str:
        return self.code
