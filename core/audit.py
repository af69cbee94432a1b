"""`record()` writes an audit event; services call it inside their transaction."""

from django.db import models

from core.models import AuditEvent


def record(*, actor, action: AuditEvent.Action, target: models.Model, data: dict | None = None) -> AuditEvent:
    if action not in AuditEvent.Action.values:
        raise ValueError(f"Unknown audit action {action!r}: add it to AuditEvent.Action.")
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        data=data or {},
    )
