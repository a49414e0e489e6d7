"""Indicator 5: the required documentation depends on the project's types."""

from __future__ import annotations

from dataclasses import replace

from dpgkit.model import Outcome
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
    return default_rule(replace(item, findings=kept or item.findings))
