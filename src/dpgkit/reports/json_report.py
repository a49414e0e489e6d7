"""The JSON contract, as published by ``dpg schema``."""

from __future__ import annotations

from dpgkit.model import Assessment
from dpgkit.reports import renderer


@renderer("json")
def render_json(assessment: Assessment) -> str:
    return assessment.model_dump_json(indent=2) + "\n"
