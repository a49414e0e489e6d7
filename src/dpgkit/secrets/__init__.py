"""Committed-secret scanning: credential formats and random values, always redacted."""

from dpgkit.secrets.context import SecretContext, secret_context
from dpgkit.secrets.scan import Confidence, SecretHit, SecretScan, scan_secrets

__all__ = [
    "Confidence",
    "SecretContext",
    "SecretHit",
    "SecretScan",
    "scan_secrets",
    "secret_context",
]
