"""The coalition itself: who it is, its regions, its bodies and who holds their seats."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import OriginalLanguageField, Translated


class Coalition(models.Model):
    """One row: the coalition's names and its charter texts (who we are, vision, message, goals)."""

    name = Translated(models.CharField, max_length=200)
    short_name = models.CharField(max_length=30, blank=True)
    introduction = Translated(models.TextField)
    who_we_are = Translated(models.TextField)
    vision = Translated(models.TextField)
    message = Translated(models.TextField)
    goals = Translated(models.TextField, help_text="One goal per line.")
    founded_on = models.DateField(null=True, blank=True)
    original_language = OriginalLanguageField()

    def __str__(self) -> str:
        return self.short_name or self.name_en

    @classmethod
    def current(cls) -> "Coalition":
        return cls.objects.order_by("pk").first() or cls(short_name="CivNet")


class Region(models.Model):
    slug = models.SlugField(unique=True)
    name = Translated(models.CharField, max_length=100)
    description = Translated(models.TextField)
    places = models.ManyToManyField("places.Place", blank=True, related_name="regions")
    order = models.PositiveSmallIntegerField(default=0)
    original_language = OriginalLanguageField()

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name_en or self.slug


class MandateQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))

    def past(self, on=None):
        on = on or timezone.localdate()
        return self.filter(ends_on__lt=on)


class Body(models.Model):
    class Kind(models.TextChoices):
        GENERAL_BOARD = "general_board", _("General board")
        LOCAL_BOARD = "local_board", _("Local board")
        COORDINATION_COMMITTEE = "coordination_committee", _("Coordination committee")
        TECHNICAL_TEAM = "technical_team", _("Technical team")
        OPERATIONAL_BODY = "operational_body", _("Operational body")

    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT, related_name="bodies")
    name = Translated(models.CharField, max_length=150)
    description = Translated(models.TextField)
    is_elected = models.BooleanField(default=False)
    order = models.PositiveSmallIntegerField(default=0)
    original_language = OriginalLanguageField()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.name_en or self.slug


class Mandate(models.Model):
    """A seat in a body, held by a person for an organisation, with a role and a term."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY = "deputy", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="mandates")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandates")
    organisation = models.ForeignKey(
        "members.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="mandates"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    # Names of people are not public unless they agreed: in this setting a name can put someone at risk.
    show_person_publicly = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MandateQuerySet.as_manager()

    ROLE_ORDER = {Role.CHAIR: 0, Role.DEPUTY: 1, Role.SECRETARY: 2, Role.MEMBER: 3}

    class Meta:
        ordering = ["body", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="mandate_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.get_role_display()} — {self.person}"
