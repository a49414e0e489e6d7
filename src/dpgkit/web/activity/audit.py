"""The audit log: one call per change, inside the change's transaction."""

from __future__ import annotations

from typing import Any

from dpgkit.web.activity.models import AuditEntry


def record(
    actor: Any,
    action: str,
    submission: Any = None,
    target: Any = None,
    **detail: Any,
) -> AuditEntry:
    user = actor if actor is not None and getattr(actor, "pk", None) else None
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user is not None else "system",
        action=action,
        submission=submission,
        target=f"{type(target).__name__.lower()}:{target.pk}" if target is not None else "",
        detail=detail,
    )
