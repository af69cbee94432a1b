"""The gazetteer: Syria's governorates, districts and sub-districts with OCHA P-codes, and the
communities below them that the technical team adds."""

from django.db import models
from django.db.models import Q
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
