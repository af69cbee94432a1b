"""Writes to the coalition's structure: regions and bodies (seats in bodies are written by `members.services`).
Each one audited."""

from django.db import transaction

from coalition.models import Body, Region
from core import audit
from core.models import AuditEvent


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
            action=AuditEvent.Action.BODY_CREATED if creating else AuditEvent.Action.BODY_UPDATED,
            target=body,
            data={"fields": changed},
        )
    return body
