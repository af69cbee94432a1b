from django.db import transaction

from core import audit
from core.text import normalise
from places.models import Place


@transaction.atomic
def community_add(*, actor, parent: Place, name_ar: str, name_en: str, pcode: str = "", aliases: str = "") -> Place:
    """A community (village, town quarter) under a sub-district, for projects that work there."""
    if parent.level != Place.Level.SUB_DISTRICT:
        raise ValueError("Communities are added under a sub-district.")
    if pcode and Place.objects.filter(pcode=pcode).exists():
        raise ValueError("This P-code is already in the gazetteer.")
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
    audit.record(actor=actor, action="place.community_added", target=place, data={"parent": parent.pcode})
    return place
