"""The gazetteer: Syria's governorates, districts and sub-districts with OCHA P-codes, the communities below them
that the technical team adds, and the places people ask them to add."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import Translated


class Place(models.Model):
    class Level(models.IntegerChoices):
        GOVERNORATE = 1, _("Governorate")
        DISTRICT = 2, _("District")
        SUB_DISTRICT = 3, _("Sub-district")
        COMMUNITY = 4, _("Community")

    pcode = models.CharField(_("P-code"), max_length=20, blank=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = Translated(models.CharField, max_length=120)
    aliases = models.TextField(blank=True, help_text="Other spellings, one per line.")
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    geonames_id = models.CharField(max_length=20, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    original_language = "en"

    class Meta:
        ordering = ["pcode", "name_en"]
        constraints = [models.UniqueConstraint(fields=["pcode"], condition=~Q(pcode=""), name="place_pcode_unique")]

    def __str__(self) -> str:
        return f"{self.name_en or self.name_ar} ({self.pcode})" if self.pcode else self.name_en or self.name_ar


class PlaceRequest(models.Model):
    """A place someone could not find in the picker (a village, a camp, a town quarter), asked of the technical
    team, who add it as a community or decline with a reason; the person who asked is told either way."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the technical team")
        ADDED = "added", _("Added")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name of the place"), max_length=120)
    # Where it is, as far as the person knows: a sub-district, a district or a governorate.
    parent = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True, max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answer = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return self.name
