"""Community health files (SECURITY, CODE_OF_CONDUCT, CONTRIBUTING...) where forges look."""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.inventory import FileEntry

# Where forges look for community files.
_COMMUNITY_DIRS = ("", ".github", "docs", ".gitlab")


def community_file(ctx: ProbeContext, *stems: str) -> FileEntry | None:
    for entry in ctx.inventory.named(*stems):
        if entry.parent in _COMMUNITY_DIRS:
            return entry
    return None
