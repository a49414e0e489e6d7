"""Indicator 5: the required documentation depends on the project's types.

``not_met`` needs proof that there is no documentation at all (``docs_available`` fails);
documentation that only lives outside the repository, or a type-specific topic not found
(a data dictionary, how to access content), is a question for the owner, never a failure.
"""

from __future__ import annotations

from dataclasses import replace

from dpgkit.model import Outcome, Verdict
from dpgkit.rules.engine import RuleInput, RuleOutcome, default_rule, rule

# README install/usage sections are what software needs; data and content have their own.
_SOFTWARE_ONLY = {"readme_install_usage"}


@rule("5")
def documentation(item: RuleInput) -> RuleOutcome:
    kept = [
        finding
        for finding in item.findings
        if not (item.role(finding) == "required" and finding.outcome is Outcome.NOT_APPLICABLE)
        and not (finding.probe in _SOFTWARE_ONLY and "software" not in item.project_types)
    ]
    outcome = default_rule(replace(item, findings=kept or item.findings))
    if outcome.verdict is Verdict.NEEDS_ANSWER:
        # Say what is missing, not that "the evidence is not enough".
        open_items = [
            finding.message
            for finding in kept
            if item.role(finding) == "required" and finding.outcome is Outcome.UNKNOWN
        ]
        if open_items:
            outcome.summary = " ".join(open_items[:2])
    return outcome
