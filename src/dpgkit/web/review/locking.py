"""Optimistic locking: an edit names the version it was made from; a newer one wins loudly.

Two reviewers who open the same line and both save: the second save matches no row (the
version moved on), so it is refused with ``StaleEdit`` and the page shows the current text.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model
from django.utils import timezone


class StaleEdit(Exception):
    """The record changed since the editor loaded it."""


def save_versioned(instance: Model, read_version: int, **changes: Any) -> None:
    """Apply changes to instance's row if its version is still read_version; bump it."""
    model = type(instance)
    if any(field.name == "updated_at" for field in model._meta.get_fields()):
        changes.setdefault("updated_at", timezone.now())
    updated = model._default_manager.filter(pk=instance.pk, version=read_version).update(
        version=F("version") + 1, **changes
    )
    if updated != 1:
        raise StaleEdit
    instance.refresh_from_db()
