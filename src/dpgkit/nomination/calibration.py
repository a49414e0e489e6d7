"""Which yes/no screening answers the scan may write, as measured against the registry.

A nomination never writes an answer from a guess. For each yes/no question of the
screening record, the scan's answer is written only where, on the calibration corpus
(accepted DPGs whose screening records the registry holds), the reviewers accepted the
same answer at least ``MIN_AGREEMENT`` of the time when the scan gave it, on at least
``MIN_PROJECTS`` projects. Any other scan answer is left for the owner: the field is listed
as missing, and the scan's answer with its evidence goes to the provenance file. The
agreement measured becomes the written answer's confidence.

The figures below come from ``bench/screening_calibration.py`` (see "Screening answers" in
docs/fidelity.md for the command, the corpus and the table). Re-measure them when an
analysis behind one of these questions changes, and change this table only from a
measurement.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_AGREEMENT = 0.85
MIN_PROJECTS = 20  # fewer projects than this measure nothing


@dataclass(frozen=True)
class Measured:
    """How often reviewers accepted this answer on the corpus projects where the scan gave it."""

    agree: int
    projects: int

    @property
    def agreement(self) -> float:
        return round(self.agree / self.projects, 3) if self.projects else 0.0


# question -> scan answer -> measurement on the 104 calibration projects with an accepted
# screening record (assessed with main at 9581870). Answers absent here are never written.
CALIBRATION: dict[str, dict[str, Measured]] = {
    # An owner named by a copyright line, manifest or governance file (or the remote).
    "3.owner": {"Yes": Measured(104, 104)},
    # No closed component found that the code cannot run without. Closed components of
    # unclear role, or with open alternatives, are a question (reviewers split on them).
    "4.closed_components": {"No": Measured(42, 48)},
    # Documentation in evidence; its absence in the repository is never a "No".
    "5.documentation_links": {"Yes": Measured(97, 97)},
    # Open standards and best practices in evidence; never "No" from their absence.
    "8.open_standards": {"Yes": Measured(97, 97)},
    "8.best_practices": {"Yes": Measured(98, 98)},
    # No user content in the data models or code: reviewers answered "No" too.
    "9B.collects_content": {"No": Measured(39, 44)},
}


def allowed(question: str, answer: str) -> Measured | None:
    """The measurement that lets the scan write ``answer``, or None when it may not."""
    measured = CALIBRATION.get(question, {}).get(answer)
    if measured is None or measured.projects < MIN_PROJECTS:
        return None
    if measured.agreement < MIN_AGREEMENT:
        return None
    return measured
