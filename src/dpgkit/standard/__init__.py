"""The DPG Standard as data: indicators, questions and approved licenses, by version."""

from dpgkit.standard.loader import (
    CURRENT_VERSION,
    INDICATOR_IDS,
    ApprovedLicense,
    IndicatorSpec,
    QuestionSpec,
    Standard,
    load_standard,
    normalise_spdx_id,
)

__all__ = [
    "CURRENT_VERSION",
    "INDICATOR_IDS",
    "ApprovedLicense",
    "IndicatorSpec",
    "QuestionSpec",
    "Standard",
    "load_standard",
    "normalise_spdx_id",
]
