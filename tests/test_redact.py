"""Redaction masks well-known secret formats wherever they appear."""

from __future__ import annotations

import pytest

from dpgkit.model import Finding, Location, Outcome
from dpgkit.redact import MASK, redact_model, redact_text

AWS = "AKIA" + "Q7ZL2MXW4RB8TN1V"  # not AWS docs' EXAMPLE key: that one is left
GITHUB = "ghp_" + "a" * 36


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (f"aws_access_key_id = {AWS}", AWS),
        (f"token: {GITHUB}", GITHUB),
        ('DB_PASSWORD = "s3cr3t-Pa55"', "s3cr3t-Pa55"),
        ("postgres://app:hunter22@db.example.org/app", "hunter22"),
        (
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
            "MIIEowIBAAKCAQEA",
        ),
    ],
)
def test_secrets_are_masked(text: str, secret: str) -> None:
    redacted = redact_text(text)
    assert secret not in redacted
    assert MASK in redacted


def test_ordinary_text_is_untouched() -> None:
    text = "Passwords are hashed with Argon2; see SECURITY.md line 3."
    assert redact_text(text) == text


def test_models_are_redacted_in_every_string() -> None:
    finding = Finding(
        probe="p",
        outcome=Outcome.FAIL,
        message=f"key {AWS} found",
        locations=[Location(path="config.py", line=3, excerpt=f'API_KEY = "{AWS}"')],
        data={"nested": [f"{GITHUB}"]},
    )
    dumped = redact_model(finding).model_dump_json()
    assert AWS not in dumped and GITHUB not in dumped


@pytest.mark.parametrize(
    "text",
    [
        "mapboxgl.accessToken=changeit",
        'DB_PASSWORD="${DB_PASSWORD}"',
        "token: your.token.here",
        "postgres://app:password@db.example.org/app",
        'api_key = "<your key>"',
        "SECRET_KEY={{ secret_key }}",
        "password: xxxxxxxx",
        "CLIENT_SECRET=CLIENT_SECRET_VALUE",
    ],
)
def test_placeholders_are_no_secrets_to_mask(text: str) -> None:
    # Masked, a reference or filler word quoted as evidence reads as if a secret were there.
    assert redact_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        'token = "changeit-Xk9QzL2m"',  # a placeholder word with more added
        "password: Pa55word-2024",
        "postgres://app:s3cret@db.example.org/app",
        'api_key = "<Xk9QzL2m"',
    ],
)
def test_values_beside_placeholder_forms_are_masked(text: str) -> None:
    assert MASK in redact_text(text)


AZURITE = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="


@pytest.mark.parametrize(
    "text",
    [
        f"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AZURITE};",
        # Cut short by an excerpt.
        f"AccountName=devstoreaccount1;AccountKey={AZURITE[:60]}…",
        "aws_access_key_id = AKIA" + "IOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY",
    ],
)
def test_keys_providers_publish_are_left(text: str) -> None:
    assert redact_text(text) == text


def test_a_real_key_in_the_same_format_is_masked() -> None:
    key = "Q7f" + AZURITE[3:]
    assert MASK in redact_text(f"AccountKey={key}")
    assert MASK in redact_text(f"AccountKey={key[:60]}…")
