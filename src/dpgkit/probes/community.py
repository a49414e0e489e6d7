"""Community health files: the contributing guide.

The security policy (9A) lives in security.py and the code of conduct (9C) in harassment.py;
the lookup they share is dpgkit.evidence.community.
"""

from __future__ import annotations

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Result, failed, passed
from dpgkit.evidence.community import community_file
from dpgkit.probes.registry import probe


@probe("contributing_guide_present")
def contributing_guide_present(ctx: ProbeContext) -> Result:
    entry = community_file(ctx, "contributing")
    if entry is None:
        return failed("No contributing guide was found.")
    return passed(f"{entry.path} explains how to contribute.", [ctx.location(entry, 1)])
