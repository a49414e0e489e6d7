"""The project's own license, from its declarations, judged against the Standard.

Which declarations speak for the project: the top-level license files and the top-level
manifests first; REUSE files, then the README's license section, when those are silent.
Header tags and notices, nested and vendored license files describe parts, not the whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dpgkit.inventory.classify import is_example_path, is_test_path
from dpgkit.licenses.declarations import COMMONS_CLAUSE_ID, Declaration, Declarations
from dpgkit.licenses.expressions import (
    SOURCE_AVAILABLE,
    Judgement,
    combine,
    is_non_commercial,
    judge,
    parse_expression,
)
from dpgkit.standard import Standard
from dpgkit.standard.loader import normalise_spdx_id

# Which license categories of the Standard fit each project type.
FITTING_CATEGORIES: dict[str, set[str]] = {
    "software": {"software"},
    "data": {"data"},
    "content": {"content"},
    "aimodel": {"software", "data"},
    "standard": {"content", "software"},
}


@dataclass
class ProjectLicense:
    """status: approved, missing, not_approved, source_available, all_rights_reserved,
    non_commercial, category_mismatch, unidentified, unconfirmed (a license named only in
    passing, for the owner to confirm)."""

    status: str
    message: str
    expression: str | None = None
    evidence: list[Declaration] = field(default_factory=list)
    conflicts: list[tuple[Declaration, Declaration]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    categories: set[str] = field(default_factory=set)

    @property
    def approved(self) -> bool:
        return self.status == "approved"


_ADDITIVE = {"file", "name", "tag", "reuse"}


def _ids(expression: str) -> set[str]:
    return {normalise_spdx_id(key).lower() for key in parse_expression(expression).keys}


def _conflicts(primary: list[Declaration]) -> list[tuple[Declaration, Declaration]]:
    """Pairs of top-level declarations that name no license in common."""
    found = []
    known = [d for d in primary if d.spdx]
    for number, left in enumerate(known):
        for right in known[number + 1 :]:
            if {left.source, right.source} <= _ADDITIVE:
                continue  # license files and REUSE annotations add up (LICENSE-MIT + LICENSE-APACHE)
            if left.spdx and right.spdx and not _ids(left.spdx) & _ids(right.spdx):
                found.append((left, right))
    return found


def _where(declaration: Declaration) -> str:
    return f"{declaration.path}" + (f":{declaration.line}" if declaration.line else "")


def _type_words(types: list[str]) -> str:
    return " and ".join(types) or "software"


def _describe(expression: str, judgement: Judgement) -> str:
    return expression if not judgement.not_approved else ", ".join(judgement.not_approved)


_GNU_ONLY = re.compile(r"\b((?:A|L)?GPL-\d\.\d)-only\b")


def _or_later(expression: str, declarations: Declarations) -> str:
    """GPL-3.0-only from a full text becomes -or-later when the project's notices say "or
    (at your option) any later version" more often than they state "only"."""
    if "-only" not in expression:
        return expression
    votes: dict[str, int] = {}
    stated = [
        *[(spdx, 1) for d in declarations.project_files() for spdx in d.stated],
        *[(d.spdx, 1) for d in declarations.readme if d.spdx and d.kind != "mention"],
        *[(d.spdx, 1) for d in declarations.manifests if d.spdx and d.scope == "project"],
        *[(d.spdx, 1) for d in declarations.reuse if d.spdx],
        *[(d.spdx, d.count) for d in declarations.headers.notices.values() if d.spdx],
        *[(d.spdx, d.count) for d in declarations.headers.tags.values() if d.spdx],
    ]
    for spdx, count in stated:
        for key in parse_expression(spdx).keys:
            votes[key] = votes.get(key, 0) + count

    def upgrade(match: re.Match[str]) -> str:
        family = match.group(1)
        later, only = votes.get(f"{family}-or-later", 0), votes.get(f"{family}-only", 0)
        return f"{family}-or-later" if later > only else match.group(0)

    return _GNU_ONLY.sub(upgrade, expression)


def project_license(
    declarations: Declarations, standard: Standard, types: list[str]
) -> ProjectLicense:
    files = declarations.project_files()
    manifests = [d for d in declarations.manifests if d.scope == "project"]
    primary = [*files, *manifests]
    if not any(d.spdx for d in primary):
        primary += [d for d in declarations.reuse if d.spdx]
    if not any(d.spdx for d in primary):
        primary += [d for d in declarations.readme if d.kind != "mention"]
    if not any(d.spdx for d in primary) and "software" not in types:
        # A content site's pages speak for the work; software's pages may speak for its site.
        primary += declarations.pages
    nested = False
    if not any(d.spdx or d.problem for d in primary):
        # Nothing at the top, not even a reservation: the program may live in a folder with
        # its own license (pkg/LICENSE, packages/*/LICENSE); those licenses are the project's.
        primary = _nested_project_licenses(declarations)
        nested = bool(primary)
    identified = [d for d in primary if d.spdx]
    problems = [d for d in primary if d.problem and d.kind not in {"reference"}]
    conflicts = _conflicts(identified)
    warnings = [f"{d.path}: {d.problem}" for d in problems]

    if not identified:
        return _without_license(primary, problems, declarations, warnings, types)

    manifest_expressions = [d.spdx for d in identified if d.source == "manifest" and d.spdx]
    file_expressions = [d.spdx for d in identified if d.source != "manifest" and d.spdx]
    # A manifest states the combination (MIT OR Apache-2.0) that separate files cannot.
    expression = (
        manifest_expressions[0]
        if manifest_expressions and not conflicts
        else combine(file_expressions or manifest_expressions)
    ) or ""
    expression = _or_later(expression, declarations)
    evidence = identified
    judgement = judge(expression, standard)
    result = ProjectLicense(
        status="approved",
        message="",
        expression=expression,
        evidence=evidence,
        conflicts=conflicts,
        warnings=warnings,
        categories=judgement.categories,
    )
    commons = COMMONS_CLAUSE_ID in expression
    if commons or (judgement.source_available and not judgement.approved):
        names = sorted(
            {SOURCE_AVAILABLE.get(key, key) for key in judgement.source_available}
            | ({"Commons Clause"} if commons else set())
        )
        result.status = "source_available"
        result.message = (
            f"The project's license ({expression}) is source-available ({', '.join(names)}), "
            "not an open license."
        )
        return result
    if not judgement.approved:
        bad = judgement.not_approved or [expression]
        non_commercial = [key for key in bad if is_non_commercial(key)]
        if non_commercial and "software" in types:
            result.status = "non_commercial"
            result.message = f"{', '.join(non_commercial)} forbids commercial use: not an open license for software."
            return result
        result.status = "not_approved"
        result.message = f"The project's license {_describe(expression, judgement)} is not on the DPG approved list."
        return result
    fitting = set().union(
        *(FITTING_CATEGORIES.get(kind, {"software"}) for kind in types or ["software"])
    )
    if "software" in types and "software" not in judgement.categories:
        result.status = "category_mismatch"
        result.message = (
            f"{expression} is a {'/'.join(sorted(judgement.categories))} license, but this project is "
            "software: software needs an OSI-approved license."
        )
        return result
    if not judgement.categories & fitting:
        result.warnings.append(
            f"{expression} is a {'/'.join(sorted(judgement.categories))} license, but the project is "
            f"{_type_words(types)}; a data or content license (CC-BY-4.0, ODbL-1.0, CC0-1.0) fits better."
        )
    elif "software" not in types and judgement.categories == {"software"}:
        result.warnings.append(
            f"{expression} is a software license for a {_type_words(types)} project."
        )
    where = ", ".join(_where(d) for d in evidence[:3])
    result.message = f"Approved license {expression} ({where})."
    if nested:
        result.message += (
            " It is declared in a folder, not at the top level: a top-level LICENSE would "
            "state it for the whole repository."
        )
    return result


# License files that bundlers write next to minified code name third-party licenses.
_BUNDLED = re.compile(r"\.(?:js|css)\.LICEN[CS]E(?:\.txt)?$", re.I)
NESTED_DEPTH = 2


def _nested_project_licenses(declarations: Declarations) -> list[Declaration]:
    """The project's own nested license files near the top (not tests, examples, vendored
    or bundled code). A nested manifest alone speaks for its module, not the repository."""
    return [
        d
        for d in declarations.files
        if d.scope == "nested"
        and d.spdx
        and d.path.count("/") <= NESTED_DEPTH
        and not _BUNDLED.search(d.path)
        and not is_test_path(d.path)
        and not is_example_path(d.path)
    ]


def _without_license(
    primary: list[Declaration],
    problems: list[Declaration],
    declarations: Declarations,
    warnings: list[str],
    types: list[str],
) -> ProjectLicense:
    kinds = {d.kind for d in problems}
    for kind, status, text in (
        (
            "source_available",
            "source_available",
            "holds source-available terms (Commons Clause), not an open license",
        ),
        (
            "non_commercial",
            "non_commercial",
            "restricts use to non-commercial purposes: not an open license",
        ),
        (
            "all_rights_reserved",
            "all_rights_reserved",
            "reserves all rights: nobody may reuse the project",
        ),
    ):
        if kind in kinds:
            first = next(d for d in problems if d.kind == kind)
            return ProjectLicense(
                status, f"{first.path} {text}.", evidence=[first], warnings=warnings
            )
    unidentified = [
        d for d in problems if d.kind in {"unidentified", "modified", "empty", "binary"}
    ]
    if unidentified:
        first = unidentified[0]
        return ProjectLicense(
            "unidentified",
            f"{first.path} {first.problem}; the project's license could not be identified.",
            evidence=unidentified,
            warnings=warnings,
        )
    mentions = [d for d in declarations.readme if d.kind == "mention" and d.spdx]
    if "software" in types:
        mentions += [d for d in declarations.pages if d.spdx]
    if mentions:
        named = combine([d.spdx for d in mentions if d.spdx]) or ""
        return ProjectLicense(
            "unconfirmed",
            f"No license file; {mentions[0].path} names {named} "
            f"(line {mentions[0].line}: “{mentions[0].raw}”). Which license covers the project?",
            expression=named,
            evidence=mentions,
            warnings=warnings,
        )
    invalid = [d for d in problems if d.kind in {"invalid_expression", "unparsable"}]
    nested = [d for d in declarations.files if d.scope != "project" and d.spdx]
    message = "No license was found: add a LICENSE file with an approved license at the top level."
    if invalid:
        message = f"No usable license declaration: {invalid[0].path}: {invalid[0].problem}."
    elif nested:
        message = (
            "No license at the top level; only nested or vendored ones "
            f"({', '.join(d.path for d in nested[:3])}), which cover parts, not the project."
        )
    return ProjectLicense("missing", message, evidence=invalid, warnings=warnings)
