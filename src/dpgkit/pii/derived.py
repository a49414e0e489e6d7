"""Shared analyses for the privacy and do-no-harm probes, computed once per assessment
through ``ProbeContext.derive``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dpgkit.inventory import FileEntry
from dpgkit.pii.analysis import PersonalData, analyse_personal_data
from dpgkit.pii.laws import LawReference, find_law_references
from dpgkit.pii.signals import Signals, code_signals, document_signals, policy_files

if TYPE_CHECKING:
    from dpgkit.probes.base import ProbeContext


def personal_data(ctx: ProbeContext) -> PersonalData:
    report = analyse_personal_data(ctx.inventory)
    for problem in report.problems[:20]:
        ctx.inventory.warnings.append(
            f"{problem.path}: {problem.message} (personal data in it may be missed)"
        )
    return report


def code_features(ctx: ProbeContext) -> Signals:
    return code_signals(ctx.inventory)


def document_features(ctx: ProbeContext) -> Signals:
    return document_signals(ctx.inventory)


def policies(ctx: ProbeContext) -> dict[str, list[FileEntry]]:
    return policy_files(ctx.inventory)


def law_references(ctx: ProbeContext) -> list[LawReference]:
    return find_law_references(ctx.inventory)
