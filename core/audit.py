"""`record()` writes an audit event; services call it inside their transaction."""

from django.db import models

from core.models import AuditEvent


def record(*, actor, action: str, target: models.Model, data: dict | None = None) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        data=data or {},
    )
