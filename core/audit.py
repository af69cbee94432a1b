"""`record()` writes an audit event; services call it inside their transaction. Apps may `listen()` to an action
to act once the write is committed (the emails that tell organisations what happened), without the service that
made the write knowing them."""

import functools
from collections.abc import Callable

from django.db import models, transaction

from core.models import AuditEvent

_LISTENERS: dict[str, list[Callable[[AuditEvent], None]]] = {}


def listen(action: AuditEvent.Action, callback: Callable[[AuditEvent], None]) -> None:
    """Call `callback(event)` after the commit of every event of `action`; called from an app's
    `AppConfig.ready()`. A failing callback is logged by Django and never undoes or refuses the write."""
    if action not in AuditEvent.Action.values:
        raise ValueError(f"Unknown audit action {action!r}.")
    callbacks = _LISTENERS.setdefault(action, [])
    if callback not in callbacks:
        callbacks.append(callback)


def record(*, actor, action: AuditEvent.Action, target: models.Model, data: dict | None = None) -> AuditEvent:
    if action not in AuditEvent.Action.values:
        raise ValueError(f"Unknown audit action {action!r}: add it to AuditEvent.Action.")
    event = AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=getattr(actor, "email", "") or "",
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        target_label=str(target)[:300],
        data=data or {},
    )
    for callback in _LISTENERS.get(action, ()):
        transaction.on_commit(functools.partial(callback, event), robust=True)
    return event
