"""Writes to the gazetteer, each one audited: communities the technical team adds, and the places people ask
them to add (added as a community, or declined with a reason)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit
from core.models import AuditEvent
from core.services import Refused
from core.text import normalise
from places import notifications
from places.models import Place, PlaceRequest


@transaction.atomic
def community_add(
    *,
    actor,
    parent: Place,
    name_ar: str,
    name_en: str,
    pcode: str = "",
    aliases: str = "",
    request: PlaceRequest | None = None,
) -> Place:
    """A community (village, town quarter) under a sub-district, for projects that work there; when it answers a
    person's request, the request is marked added and the person told."""
    if parent.level != Place.Level.SUB_DISTRICT:
        raise Refused(_("Communities are added under a sub-district."))
    if pcode and Place.objects.filter(pcode=pcode).exists():
        raise Refused(_("This P-code is already in the gazetteer."))
    if request is not None:
        request = PlaceRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != PlaceRequest.Status.PENDING:
            raise Refused(_("This request was already answered."))
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
    data = {"parent": parent.pcode}
    if request is not None:
        request.status = PlaceRequest.Status.ADDED
        request.place = place
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "place", "decided_by", "decided_at"])
        data["request"] = request.pk
        transaction.on_commit(lambda: notifications.request_answered(request), robust=True)
    audit.record(actor=actor, action=AuditEvent.Action.COMMUNITY_ADDED, target=place, data=data)
    return place


@transaction.atomic
def place_request(*, actor, name: str, parent: Place | None, note: str = "") -> PlaceRequest:
    """Ask the technical team to add a place the picker does not know."""
    name = " ".join(name.split())
    if not name:
        raise Refused(_("Give the name of the place."))
    waiting = PlaceRequest.objects.filter(requested_by=actor, status=PlaceRequest.Status.PENDING)
    if any(normalise(r.name) == normalise(name) and r.parent_id == getattr(parent, "pk", None) for r in waiting):
        raise Refused(_("You already asked for this place; the technical team will answer."))
    request = PlaceRequest.objects.create(name=name, parent=parent, note=note, requested_by=actor)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.PLACE_REQUESTED,
        target=request,
        data={"parent": parent.pcode if parent else "", "note": note},
    )
    return request


@transaction.atomic
def place_request_decline(*, actor, request: PlaceRequest, reason: str) -> PlaceRequest:
    """Decline a request (the place exists under another name, it is outside Syria ...), saying why."""
    request = PlaceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != PlaceRequest.Status.PENDING:
        raise Refused(_("This request was already answered."))
    if not reason.strip():
        raise Refused(_("Say why the place is not added: the person who asked reads it."))
    request.status = PlaceRequest.Status.DECLINED
    request.answer = reason.strip()
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "answer", "decided_by", "decided_at"])
    audit.record(
        actor=actor, action=AuditEvent.Action.PLACE_REQUEST_DECLINED, target=request, data={"reason": request.answer}
    )
    transaction.on_commit(lambda: notifications.request_answered(request), robust=True)
    return request
