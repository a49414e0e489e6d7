"""Indicator rules: how findings and answers combine into a verdict, in one place."""

from dpgkit.rules.engine import RuleInput, RuleOutcome, evaluate, overall_verdict, rule

__all__ = ["RuleInput", "RuleOutcome", "evaluate", "overall_verdict", "rule"]
