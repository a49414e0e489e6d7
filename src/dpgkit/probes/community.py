"""Community health files: the contributing guide, and the lookup the others share.

The security policy (9A) lives in security.py and the code of conduct (9C) in harassment.py.
"""

from __future__ import annotations

from dpgkit.inventory import FileEntry
from dpgkit.probes.base import ProbeContext, Result, failed, passed
from dpgkit.probes.registry import probe

# Where forges look for community files.
_COMMUNITY_DIRS = ("", ".github", "docs", ".gitlab")


def community_file(ctx: ProbeContext, *stems: str) -> FileEntry | None:
    for entry in ctx.inventory.named(*stems):
        if entry.parent in _COMMUNITY_DIRS:
            return entry
    return None


@probe("contributing_guide_present")
def contributing_guide_present(ctx: ProbeContext) -> Result:
    entry = community_file(ctx, "contributing")
    if entry is None:
        return failed("No contributing guide was found.")
    return passed(f"{entry.path} explains how to contribute.", [ctx.location(entry, 1)])
