"""Member organisations' projects: who does what, where and when, with people reached and outputs; and the
changes proposed to a published project, which wait for the technical team's review."""

import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import OriginalLanguageField, Translated
from members.models import Organisation
from projects.currencies import currency_code


def new_code() -> str:
    return "p" + secrets.token_hex(4)


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(review_state=Project.Review.PUBLISHED, organisation__status__in=Organisation.PUBLIC_STATUSES)


class Project(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        SUSPENDED = "suspended", _("Suspended")

    class Review(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned with a comment")
        PUBLISHED = "published", _("Published")

    code = models.SlugField(max_length=12, unique=True, default=new_code, editable=False)
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="projects")
    title = Translated(models.CharField, max_length=300)
    description = Translated(models.TextField)
    original_language = OriginalLanguageField()
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.ONGOING)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    sectors = models.ManyToManyField("members.Sector", related_name="projects", blank=True)
    places = models.ManyToManyField("places.Place", related_name="projects", blank=True)
    targeted_total = models.PositiveIntegerField(_("people targeted"), null=True, blank=True)
    reached_total = models.PositiveIntegerField(_("people reached"), null=True, blank=True)
    reached_women = models.PositiveIntegerField(_("women reached"), null=True, blank=True)
    reached_men = models.PositiveIntegerField(_("men reached"), null=True, blank=True)
    reached_girls = models.PositiveIntegerField(_("girls reached"), null=True, blank=True)
    reached_boys = models.PositiveIntegerField(_("boys reached"), null=True, blank=True)
    reached_residents = models.PositiveIntegerField(_("residents reached"), null=True, blank=True)
    reached_displaced = models.PositiveIntegerField(_("displaced people reached"), null=True, blank=True)
    reached_returnees = models.PositiveIntegerField(_("returnees reached"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True, validators=[currency_code])
    review_state = models.CharField(max_length=12, choices=Review.choices, default=Review.DRAFT, db_index=True)
    review_comment = models.TextField(blank=True)
    # Problems found when the project was extracted or imported (an invalid date, a place not found):
    # kept until the editor corrects the field, so nothing is silently fixed.
    flags = models.JSONField(default=list, blank=True)
    source_text = models.TextField(blank=True, help_text="The pasted text this project was extracted from.")
    # The IATI identifier of an imported activity, so importing the same file again updates, not duplicates.
    external_id = models.CharField(max_length=200, blank=True, db_index=True)
    search_text = models.TextField(blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = ProjectQuerySet.as_manager()

    # People reached, by sex and age and by displacement: each group adds up to at most the total.
    BREAKDOWN = ("reached_women", "reached_men", "reached_girls", "reached_boys")
    GROUPS = ("reached_residents", "reached_displaced", "reached_returnees")
    # Every count of people, in the order forms, checks, exports and the API list them.
    COUNT_FIELDS = ("targeted_total", "reached_total", *BREAKDOWN, *GROUPS)

    class Meta:
        ordering = ["-actual_start", "-planned_start", "-id"]
        indexes = [
            models.Index(fields=["organisation", "review_state"]),
            # The registry lists the latest first and stops at one page.
            models.Index(fields=["actual_start"], name="project_actual_start_idx"),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ar or self.code

    @property
    def start(self):
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end


class Output(models.Model):
    """What the project produced: a quantity, a unit and what it is ("12,596 school desks maintained")."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="outputs")
    quantity = models.DecimalField(max_digits=14, decimal_places=2)
    unit = models.CharField(max_length=60)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project", "order", "id"]

    def __str__(self) -> str:
        return f"{self.quantity.normalize():f} {self.unit} {self.description}".strip()


class Partner(models.Model):
    class Role(models.TextChoices):
        FUNDING = "1", _("Funding")
        ACCOUNTABLE = "2", _("Accountable")
        EXTENDING = "3", _("Extending")
        IMPLEMENTING = "4", _("Implementing")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "members.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="partnerships"
    )
    role = models.CharField(max_length=1, choices=Role.choices)

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"


class Link(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        PHOTO = "photo", _("Photos")
        VIDEO = "video", _("Video")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(max_length=500)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.ARTICLE)
    title = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return self.title or self.url


class ProjectRevision(models.Model):
    """Changes proposed to a published project, by its form or a re-import. The published version stays public
    until the technical team approves them; at most one proposal waits per project (later changes join it).

    `proposed` holds what the change sets, as JSON: `fields` (model field names to values), `sectors` and
    `places` (primary keys), and, when the change sets them, `outputs`, `partners` and `links` (lists of dicts)."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned with a comment")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Source(models.TextChoices):
        FORM = "form", _("the project form")
        TABLE = "4w", _("a 4W table import")
        IATI = "iati", _("an IATI file import")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    source = models.CharField(max_length=4, choices=Source.choices, default=Source.FORM)
    proposed = models.JSONField(encoder=DjangoJSONEncoder, default=dict)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=models.Q(state="pending"), name="one_pending_revision_per_project"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} ({self.get_state_display()})"
