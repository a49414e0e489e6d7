"""Community health files: security policy, code of conduct, contributing guide."""

from __future__ import annotations

import re

from dpgkit.inventory import FileEntry
from dpgkit.probes.base import ProbeContext, Result, failed, passed, unknown
from dpgkit.probes.registry import probe

# Where forges look for community files.
_COMMUNITY_DIRS = ("", ".github", "docs", ".gitlab")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_PRIVATE_CHANNEL = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"
    r"|security/advisories|private vulnerability reporting|report a vulnerability"
    r"|https?://\S+(security|vulnerab|disclos)\S*",
    re.IGNORECASE,
)
_CONTACT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|https?://\S+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[INSERT CONTACT METHOD\]|\[INSERT EMAIL ADDRESS\]", re.IGNORECASE)


def community_file(ctx: ProbeContext, *stems: str) -> FileEntry | None:
    for entry in ctx.inventory.named(*stems):
        if entry.parent in _COMMUNITY_DIRS:
            return entry
    return None


@probe("security_policy_present")
def security_policy_present(ctx: ProbeContext) -> Result:
    entry = community_file(ctx, "security")
    if entry is None:
        return failed("No security policy (SECURITY.md) was found.")
    channel = ctx.find(entry, _PRIVATE_CHANNEL, limit=1)
    if channel:
        return passed(f"{entry.path} names a private reporting channel.", channel)
    return unknown(
        f"{entry.path} exists but names no private reporting channel.",
        [ctx.location(entry, 1)],
    )


@probe("code_of_conduct_present")
def code_of_conduct_present(ctx: ProbeContext) -> Result:
    entry = community_file(ctx, "code_of_conduct", "code-of-conduct", "conduct")
    if entry is None:
        return failed("No code of conduct was found.")
    placeholder = ctx.find(entry, _PLACEHOLDER, limit=1)
    if placeholder:
        return unknown(
            f"{entry.path} still has the template's placeholder instead of a contact.",
            placeholder,
        )
    contact = ctx.find(entry, _CONTACT, limit=1)
    if contact:
        return passed(f"{entry.path} is a code of conduct with a contact for reports.", contact)
    return unknown(f"{entry.path} names no contact for reports.", [ctx.location(entry, 1)])


@probe("contributing_guide_present")
def contributing_guide_present(ctx: ProbeContext) -> Result:
    entry = community_file(ctx, "contributing")
    if entry is None:
        return failed("No contributing guide was found.")
    return passed(f"{entry.path} explains how to contribute.", [ctx.location(entry, 1)])
