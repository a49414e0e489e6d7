"""Redaction applied to every string of an Assessment before any consumer sees it.

Secret detectors report where a secret is; this module makes sure no output ever carries
the secret itself, whichever probe or message happened to quote the line.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from pydantic import BaseModel

# Patterns for well-known credential formats; group "secret" is what gets masked.
SECRET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        (
            "private key",
            r"(?P<secret>-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$))",
        ),
        ("AWS access key", r"(?P<secret>\b(?:AKIA|ASIA)[0-9A-Z]{16}\b)"),
        (
            "GitHub token",
            r"(?P<secret>\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b|\bgithub_pat_[A-Za-z0-9_]{40,255})",
        ),
        ("GitLab token", r"(?P<secret>\bglpat-[A-Za-z0-9_-]{20,}\b)"),
        ("Slack token", r"(?P<secret>\bxox[abposr]-[A-Za-z0-9-]{10,}\b)"),
        ("Google API key", r"(?P<secret>\bAIza[0-9A-Za-z_-]{35}\b)"),
        ("Stripe key", r"(?P<secret>\b[sr]k_(?:live|test)_[0-9A-Za-z]{16,}\b)"),
        ("OpenAI key", r"(?P<secret>\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}\b)"),
        (
            "JSON web token",
            r"(?P<secret>\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})",
        ),
        ("credentials in a URL", r"[a-z][a-z0-9+.-]*://[^\s:/@]+:(?P<secret>[^\s@/]{3,})@"),
        (
            "assigned password or secret",
            r"(?i)\b[\w.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret)[\w.-]*"
            r"[\"']?\s*[:=]\s*[\"'](?P<secret>[^\"'\s]{4,})[\"']",
        ),
    )
)

# A fixed mask, never a prefix or length of the secret: both would leak something.
MASK = "[REDACTED]"


def redact_text(text: str) -> str:
    for _name, pattern in SECRET_PATTERNS:
        text = pattern.sub(_mask_group, text)
    return text


def _mask_group(match: re.Match[str]) -> str:
    whole = match.group(0)
    start, end = match.span("secret")
    offset = match.start()
    return whole[: start - offset] + MASK + whole[end - offset :]


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact_text(value)
    if isinstance(value, list):
        return [_redact_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _redact_value(item) for key, item in value.items()}
    return value


ModelT = TypeVar("ModelT", bound=BaseModel)


def redact_model(model: ModelT) -> ModelT:
    """A copy of model with every string passed through redact_text."""
    data = _redact_value(model.model_dump(mode="json"))
    return type(model).model_validate(data)
