"""Writes to the coalition's structure: regions, bodies, mandates. Each one audited."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from coalition.models import Body, Mandate, Region
from core import audit
from core.models import AuditEvent
from core.services import Refused


@transaction.atomic
def region_update(*, actor, region: Region, fields: dict) -> Region:
    changed = sorted(k for k, v in fields.items() if getattr(region, k) != v)
    for key, value in fields.items():
        setattr(region, key, value)
    region.save()
    if changed:
        audit.record(actor=actor, action=AuditEvent.Action.REGION_UPDATED, target=region, data={"fields": changed})
    return region


@transaction.atomic
def body_save(*, actor, body: Body, fields: dict) -> Body:
    creating = body.pk is None
    changed = sorted(k for k, v in fields.items() if getattr(body, k) != v)
    for key, value in fields.items():
        setattr(body, key, value)
    body.save()
    if creating or changed:
        audit.record(
            actor=actor,
            action=AuditEvent.Action.BODY_CREATED if creating else "body.updated",
            target=body,
            data={"fields": changed},
        )
    return body


@transaction.atomic
def mandate_add(
    *,
    actor,
    body: Body,
    person,
    organisation,
    role: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    show_person_publicly: bool = False,
) -> Mandate:
    if ends_on and ends_on < starts_on:
        raise Refused(_("A seat cannot end before it starts."))
    mandate = Mandate.objects.create(
        body=body,
        person=person,
        organisation=organisation,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        show_person_publicly=show_person_publicly,
    )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.MANDATE_ADDED,
        target=body,
        data={"mandate": mandate.pk, "person": person.email, "role": role, "starts_on": str(starts_on)},
    )
    return mandate


@transaction.atomic
def mandate_end(*, actor, mandate: Mandate, ends_on: datetime.date, reason: str) -> Mandate:
    mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if mandate.ends_on and mandate.ends_on < ends_on:
        raise Refused(_("This seat has already ended."))
    if ends_on < mandate.starts_on:
        raise Refused(_("A seat cannot end before it starts."))
    mandate.ends_on = ends_on
    mandate.end_reason = reason
    mandate.save(update_fields=["ends_on", "end_reason"])
    audit.record(
        actor=actor,
        action=AuditEvent.Action.MANDATE_ENDED,
        target=mandate.body,
        data={"mandate": mandate.pk, "person": mandate.person.email, "ends_on": str(ends_on), "reason": reason},
    )
    return mandate
