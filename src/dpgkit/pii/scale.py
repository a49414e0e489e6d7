"""The registry's screening scale for personal data: not collected, collected, stored,
distributed (the four answers of the 9A question "Does your solution allow the
collection / storage / distribution of PII data?").
"""

from __future__ import annotations

from enum import StrEnum


class Scale(StrEnum):
    NOT_COLLECTED = "not collected"
    COLLECTED = "collected"
    STORED = "stored"
    DISTRIBUTED = "distributed"

    @property
    def registry_answer(self) -> str:
        return {
            Scale.NOT_COLLECTED: "PII data can NOT be collected NOT stored and NOT distributed.",
            Scale.COLLECTED: "PII data can be collected but NOT stored and NOT distributed.",
            Scale.STORED: "PII data can be collected and stored but NOT distributed.",
            Scale.DISTRIBUTED: "PII data can be collected and stored and distributed.",
        }[self]
