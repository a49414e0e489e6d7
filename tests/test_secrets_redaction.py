"""No secret ever appears in any output: every renderer, the terminal report, the answers
template and the logs, for a checkout full of committed secrets."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console

from dpgkit.answers_template import answers_template
from dpgkit.assess import assess
from dpgkit.reports import renderers
from dpgkit.reports.terminal import print_terminal
from tests import harm_fixtures as fixtures

RepoFactory = Callable[..., Path]

UTF16_TOKEN = "glpat-" + "Vq8rT2mZ4kLp9sXw3yNb"
LATIN1_PASSWORD = "Zürich-" + "S3cr3tPässw0rd!x"
SLACK_WEBHOOK_PATH = "T0" + "4KQ7ZPL2M/B05XR8TN1QW/Lq8Xn2Vb7Kc4Jd9Hf1Gs6Pw3"
DB_URL_PASSWORD = "hunter2" + "-QwErTy"
ENTROPY_ONLY = "q7Fz2Lk9Xw4Rb8Tn1Mv6Pc3Hd5Js0Ga" + "Yu"

ALL_SECRETS = (
    *fixtures.SECRET_VALUES,
    UTF16_TOKEN,
    LATIN1_PASSWORD,
    SLACK_WEBHOOK_PATH,
    DB_URL_PASSWORD,
    ENTROPY_ONLY,
)


def _secret_repo(repo_factory: RepoFactory) -> Path:
    files: dict[str, str | bytes] = {
        **fixtures.COMMITTED_KEY,
        **fixtures.POLICY_AND_MODERATION,
        "config/legacy.env": f'GITLAB_TOKEN="{UTF16_TOKEN}"\n'.encode("utf-16"),
        "config/latin1.ini": f"db_password = {LATIN1_PASSWORD}\n".encode("latin-1"),
        "notify.py": f'WEBHOOK = "https://hooks.slack.com/services/{SLACK_WEBHOOK_PATH}"\n',
        "deploy/production.env": f"DATABASE_URL=postgres://app:{DB_URL_PASSWORD}@db.clinic-prod.net/app\n",
        # A local database's default (compose service host): not a secret, not listed.
        "docker-compose.yml": "services:\n  app:\n    environment:\n      DATABASE_URL: postgres://app:apppass@db/app\n",
        "config/signing.yml": f"signer:\n  hmac_key: {ENTROPY_ONLY}\n",
        # A README that quotes the private key's body line: other probes read READMEs.
        "docs/deploy.md": f"# Deploy\n\nThe key starts with {fixtures.PRIVATE_KEY_BODY}\n",
    }
    return repo_factory(files)


def _assert_clean(text: str, where: str) -> None:
    for secret in ALL_SECRETS:
        assert secret not in text, f"a secret leaked into {where}"
        # A truncated excerpt must not leak the start of a long secret either.
        if len(secret) >= 24:
            assert secret[:16] not in text, f"the start of a secret leaked into {where}"


@pytest.fixture
def secret_assessment(repo_factory: RepoFactory, caplog: pytest.LogCaptureFixture):  # type: ignore[no-untyped-def]
    caplog.set_level(logging.DEBUG)
    assessment = assess(_secret_repo(repo_factory))
    _assert_clean(caplog.text, "the logs")
    return assessment


def test_secrets_are_found_with_file_and_line(secret_assessment) -> None:  # type: ignore[no-untyped-def]
    rows = [
        row
        for f in secret_assessment.indicator("9A").findings
        if f.probe in {"committed_secrets", "secrets_to_review"}
        for row in f.data["secrets"]
    ]
    places = {(s["path"], s["kind"]) for s in rows}
    assert ("config/legacy.env", "GitLab token") in places  # UTF-16 file
    assert ("config/latin1.ini", "password in configuration") in places  # Latin-1 file
    assert ("notify.py", "Slack webhook") in places
    assert ("deploy/production.env", "credentials in a URL") in places
    assert not any(path == "docker-compose.yml" for path, _kind in places)
    assert ("config/signing.yml", "random-looking secret value") in places
    assert ("deploy/id_rsa", "private key") in places
    assert all(isinstance(s["line"], int) and s["line"] >= 1 for s in rows)


def test_every_renderer_is_clean(secret_assessment) -> None:  # type: ignore[no-untyped-def]
    formats = renderers()
    assert {"json", "markdown"} <= set(formats)
    for name, render in formats.items():
        _assert_clean(render(secret_assessment), f"the {name} report")


def test_terminal_report_is_clean(secret_assessment) -> None:  # type: ignore[no-untyped-def]
    buffer = io.StringIO()
    print_terminal(secret_assessment, Console(file=buffer, width=200, no_color=True), verbose=True)
    _assert_clean(buffer.getvalue(), "the terminal report")


def test_answers_template_is_clean(secret_assessment) -> None:  # type: ignore[no-untyped-def]
    _assert_clean(answers_template(secret_assessment), "the answers template")


def test_model_dump_is_clean(secret_assessment) -> None:  # type: ignore[no-untyped-def]
    _assert_clean(secret_assessment.model_dump_json(), "the assessment")


# --- redaction by place (issue 21) ------------------------------------------------------------

WEAK_PROJECT = {
    "README.md": (
        "# Ferrywatch\n\nFerrywatch tracks ferry schedules for island communities.\n\n"
        "Documentation: https://docs.ferrywatch.org/guide\n\n"
        "Passwords are hashed with bcrypt; the admin dashboard needs a login.\n"
    ),
    "LICENSE": "MIT License\n\nCopyright (c) 2024 Ferrywatch contributors\n",
    "pyproject.toml": '[project]\nname = "ferrywatch"\ndescription = "Tracks ferry schedules."\n',
    "ferrywatch/__init__.py": "",
    "ferrywatch/auth.py": "import bcrypt\n\n\ndef check(pw, hashed):\n    return bcrypt.checkpw(pw, hashed)\n",
    # Weak values in deployed configuration: listed for review, masked on their own line.
    "deploy/app.ini": "[db]\ndb_password = ferrywatch\nadmin_password = admin\nsession_secret = bcrypt\n",
    # Test credentials: not secrets, never fed to redaction.
    "tests/settings.py": 'PASSWORD = "password"\nDB_PASSWORD = "ferrywatch"\n',
}


def test_weak_passwords_are_masked_at_their_place_only(repo_factory: RepoFactory) -> None:
    from dpgkit.answers import Answers
    from dpgkit.nomination import build_nomination
    from dpgkit.nomination.records import record_text

    assessment = assess(repo_factory(WEAK_PROJECT, name="ferrywatch"))
    review = next(f for f in assessment.indicator("9A").findings if f.probe == "secrets_to_review")
    shown = {(loc.path, loc.line): loc.excerpt or "" for loc in review.locations}
    assert set(shown) == {("deploy/app.ini", 2), ("deploy/app.ini", 3), ("deploy/app.ini", 4)}
    for excerpt in shown.values():
        assert "[REDACTED]" in excerpt
        assert not {"ferrywatch", "admin =", "= admin", "= bcrypt"} & {
            part for part in ("ferrywatch", "= admin", "= bcrypt") if part in excerpt
        }
    dumped = assessment.model_dump_json()
    # The project's name, its docs URL and the library survive; the only masks in the whole
    # assessment are those on the secrets' own lines.
    for word in ("Ferrywatch", "https://docs.ferrywatch.org/guide", "bcrypt"):
        assert word in dumped, word
    at_place = sum(
        (loc.excerpt or "").count("[REDACTED]")
        for indicator in assessment.indicators
        for f in indicator.findings
        for loc in f.locations
        if loc.path == "deploy/app.ini"
    )
    assert dumped.count("[REDACTED]") == at_place
    hashing = next(
        f for f in assessment.indicator("9A").findings if f.probe == "password_hashing_and_auth"
    )
    assert "bcrypt" in json.dumps(hashing.model_dump(mode="json"))
    nomination = build_nomination(assessment, Answers())
    records = record_text(nomination.nominee) + record_text(nomination.screening)
    assert "[REDACTED]" not in records
    assert "ferrywatch" in records.lower()
