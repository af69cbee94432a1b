"""The coalition itself: who it is, its regions and its bodies (the seats in them are `members.Mandate`)."""

from django.db import models
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
