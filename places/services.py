"""Writes to the gazetteer by the technical team, each one audited."""

from django.db import transaction
from django.utils.translation import gettext as _

from core import audit
from core.models import AuditEvent
from core.services import Refused
from core.text import normalise
from places.models import Place


@transaction.atomic
def community_add(*, actor, parent: Place, name_ar: str, name_en: str, pcode: str = "", aliases: str = "") -> Place:
    """A community (village, town quarter) under a sub-district, for projects that work there."""
    if parent.level != Place.Level.SUB_DISTRICT:
        raise Refused(_("Communities are added under a sub-district."))
    if pcode and Place.objects.filter(pcode=pcode).exists():
        raise Refused(_("This P-code is already in the gazetteer."))
    place = Place.objects.create(
        level=Place.Level.COMMUNITY,
        parent=parent,
        pcode=pcode,
        name_ar=name_ar,
        name_en=name_en,
        aliases=aliases,
        latitude=parent.latitude,
        longitude=parent.longitude,
        search_text=normalise(f"{name_ar} {name_en} {aliases}"),
    )
    audit.record(actor=actor, action=AuditEvent.Action.COMMUNITY_ADDED, target=place, data={"parent": parent.pcode})
    return place
