"""License probe: a top-level license file names an approved license.

This is the simple identification of the foundation: SPDX tags and the distinctive
sentences of common licenses. The full matcher over every SPDX text replaces it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dpgkit.inventory import FileEntry
from dpgkit.model import LicenseEntry, Location
from dpgkit.probes.base import ProbeContext, Result, failed, passed
from dpgkit.probes.registry import probe
from dpgkit.sections import licenses_section

_SPDX_TAG = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)")
# Distinctive sentences, most specific first (AGPL before GPL, LGPL before GPL).
_SIGNATURES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (spdx, re.compile(pattern, re.IGNORECASE | re.DOTALL))
    for spdx, pattern in (
        ("AGPL-3.0", r"GNU AFFERO GENERAL PUBLIC LICENSE\s+Version 3"),
        ("LGPL-3.0", r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 3"),
        ("LGPL-2.1", r"GNU LESSER GENERAL PUBLIC LICENSE\s+Version 2\.1"),
        ("GPL-3.0", r"GNU GENERAL PUBLIC LICENSE\s+Version 3"),
        ("GPL-2.0", r"GNU GENERAL PUBLIC LICENSE\s+Version 2"),
        ("Apache-2.0", r"Apache License\s*,?\s+Version 2\.0"),
        ("MPL-2.0", r"Mozilla Public License,?\s+(version|v\.?)\s*2\.0"),
        ("EUPL-1.2", r"European Union Public Licen[cs]e\s+v\.?\s*1\.2"),
        ("CC-BY-SA-4.0", r"Attribution-ShareAlike 4\.0 International"),
        ("CC-BY-4.0", r"Attribution 4\.0 International"),
        ("CC0-1.0", r"CC0 1\.0 Universal"),
        ("ODbL-1.0", r"Open Database License"),
        ("Unlicense", r"This is free and unencumbered software released into the public domain"),
        ("BSD-3-Clause", r"Neither the name of .{0,200}? nor the names of its\s+contributors"),
        ("BSD-2-Clause", r"Redistributions in binary form must reproduce the above copyright"),
        ("ISC", r"Permission to use, copy, modify, and(/or)? distribute this software for any"),
        ("MIT", r"Permission is hereby granted, free of charge, to any person obtaining a copy"),
    )
)


@dataclass(frozen=True)
class SimpleLicense:
    spdx: str | None
    path: str
    line: int | None


def license_files(ctx: ProbeContext) -> list[FileEntry]:
    return ctx.inventory.named("license", "licence", "copying", "license-mit", top_only=True)


def identify(text: str) -> tuple[str | None, int | None]:
    tag = _SPDX_TAG.search(text)
    if tag:
        return tag.group(1), text.count("\n", 0, tag.start()) + 1
    for spdx, pattern in _SIGNATURES:
        match = pattern.search(text)
        if match:
            return spdx, text.count("\n", 0, match.start()) + 1
    return None, None


def simple_licenses(ctx: ProbeContext) -> list[SimpleLicense]:
    found = []
    for entry in license_files(ctx):
        text = ctx.inventory.text(entry) or ""
        spdx, line = identify(text)
        found.append(SimpleLicense(spdx=spdx, path=entry.path, line=line))
    return found


@probe("license_file_identified")
def license_file_identified(ctx: ProbeContext) -> Result:
    found = ctx.derive(simple_licenses)
    if not found:
        return failed("No license file was found at the top level.")
    unidentified = [item for item in found if item.spdx is None]
    identified = [item for item in found if item.spdx is not None]
    locations = [ctx.location(item.path, item.line) for item in identified]
    approved = [item for item in identified if ctx.standard.approved(item.spdx or "")]
    if approved:
        names = ", ".join(sorted({item.spdx or "" for item in approved}))
        return passed(
            f"Approved license found: {names}.",
            locations,
            suggestions={"licenses": names},
        )
    if identified:
        names = ", ".join(sorted({item.spdx or "" for item in identified}))
        return failed(f"The license found ({names}) is not on the approved list.", locations)
    return failed(
        f"{unidentified[0].path} does not hold a license that could be identified.",
        [Location(path=item.path, line=1) for item in unidentified],
    )


@licenses_section
def license_entries(ctx: ProbeContext) -> list[LicenseEntry]:
    entries = []
    for item in ctx.derive(simple_licenses):
        approved = ctx.standard.approved(item.spdx) if item.spdx else None
        entries.append(
            LicenseEntry(
                spdx=item.spdx,
                path=item.path,
                line=item.line,
                category=approved.categories[0] if approved else None,
                approved=approved is not None,
                score=1.0 if item.spdx else 0.0,
                source="file",
            )
        )
    return entries
