"""Shared analyses for the privacy and do-no-harm probes, computed once per assessment
through ``ProbeContext.derive``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import pathspec

from dpgkit.inventory import FileEntry, Inventory
from dpgkit.pii.analysis import PersonalData, analyse_personal_data
from dpgkit.pii.laws import LAWS, LawReference, find_law_references
from dpgkit.pii.readers import MODELS
from dpgkit.pii.signals import (
    CODE_SIGNALS,
    DOCUMENT_SIGNALS,
    Signals,
    code_signals,
    document_signals,
    policy_files,
)

if TYPE_CHECKING:
    from dpgkit.analysis.context import ProbeContext

T = TypeVar("T")


def evidence_inventory(ctx: ProbeContext) -> Inventory:
    """The inventory less the configured ``evidence_exclude`` paths.

    A shallow copy shares the file caches and warnings; only its file list differs.
    """
    patterns = ctx.config.evidence_exclude
    if not patterns:
        return ctx.inventory
    spec = pathspec.GitIgnoreSpec.from_lines(patterns)
    view = copy.copy(ctx.inventory)
    view.files = [entry for entry in ctx.inventory.files if not spec.match_file(entry.path)]
    return view


def _on_evidence(ctx: ProbeContext, analysis: Callable[[Inventory], T]) -> T:
    view = ctx.derive(evidence_inventory)
    before = view.bytes_read
    result = analysis(view)
    if view is not ctx.inventory:
        ctx.inventory.bytes_read += view.bytes_read - before
    return result


def personal_data(ctx: ProbeContext) -> PersonalData:
    scanned = ctx.scanned(MODELS)
    report = _on_evidence(ctx, lambda view: analyse_personal_data(view, scanned))
    for problem in report.problems[:20]:
        ctx.inventory.warnings.append(
            f"{problem.path}: {problem.message} (personal data in it may be missed)"
        )
    return report


def code_features(ctx: ProbeContext) -> Signals:
    scanned = ctx.scanned(CODE_SIGNALS)
    return _on_evidence(ctx, lambda view: code_signals(view, scanned))


def document_features(ctx: ProbeContext) -> Signals:
    scanned = ctx.scanned(DOCUMENT_SIGNALS)
    return _on_evidence(ctx, lambda view: document_signals(view, scanned))


def policies(ctx: ProbeContext) -> dict[str, list[FileEntry]]:
    return _on_evidence(ctx, policy_files)


def law_references(ctx: ProbeContext) -> list[LawReference]:
    scanned = ctx.scanned(LAWS)
    return _on_evidence(ctx, lambda view: find_law_references(view, scanned))
