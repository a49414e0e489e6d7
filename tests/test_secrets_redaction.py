"""No secret ever appears in any output: every renderer, the terminal report, the answers
template and the logs, for a checkout full of committed secrets."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


def _secret_rows(assessment: Any) -> list[dict[str, Any]]:
    """Every secret row indicator 9A reports, blocking or for review."""
    return [
        row
        for f in assessment.indicator("9A").findings
        if f.probe in {"committed_secrets", "secrets_to_review"}
        for row in f.data["secrets"]
    ]


def test_secrets_are_found_with_file_and_line(secret_assessment) -> None:  # type: ignore[no-untyped-def]
    rows = _secret_rows(secret_assessment)
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


# A second project: weak passwords equal to the project's name, "password", "admin" and a
# library's name, beside real provider-shaped keys whose values also appear elsewhere.
AWS_KEY_ID = "AKIA" + "Q7ZL2MXW4RB8TN1V"
# The project's name inside a provider's key must not stop it being masked everywhere.
AWS_SECRET = "Harbourline" + "/k7Qz2Lx9Vb4Nw8Rt1Mp6Yc3Hd5Js"
GITHUB_TOKEN = "ghp_" + "harbourline" + "Xq8Rt2Vz5Lm9Kp3Wn7Bc4Yd6F"
WEAK_WORDS = {
    "README.md": (
        "# Harbourline\n\nHarbourline schedules harbour pilots for small ports.\n\n"
        "Documentation: https://docs.harbourline.org/start\n\n"
        "## Security\n\n"
        "Passwords are hashed with Argon2. Keycloak authentication uses a maintained library;\n"
        "the admin account is created on first start.\n\n"
        # A provider key quoted in prose, away from its own line: masked here too.
        f"Rotate the deploy key {AWS_SECRET} and the bot token {GITHUB_TOKEN} yearly.\n"
    ),
    "LICENSE": "MIT License\n\nCopyright (c) 2024 Harbourline contributors\n",
    "pyproject.toml": (
        '[project]\nname = "harbourline"\n'
        # A field every output shows, holding the provider key without its key name.
        'description = "Harbourline schedules harbour pilots: the admin password is hashed '
        f'with Argon2 and Keycloak signs users in (deploy key {AWS_SECRET})."\n'
        'dependencies = ["keycloak", "argon2-cffi"]\n\n'
        '[project.urls]\nDocumentation = "https://docs.harbourline.org/start"\n'
    ),
    "harbourline/__init__.py": "",
    "harbourline/auth.py": "from keycloak import KeycloakOpenID\n",
    # Weak values in deployed configuration: listed for review, masked on their own line.
    "deploy/app.env": (
        "DB_PASSWORD=harbourline\nADMIN_PASSWORD=admin\nKEYCLOAK_SECRET=keycloak\n"
        # A placeholder: not a secret at all, never fed to redaction.
        "SMTP_PASSWORD=password\n"
    ),
    # Real provider-shaped keys.
    "deploy/aws.env": (
        f"AWS_ACCESS_KEY_ID={AWS_KEY_ID}\nAWS_SECRET_ACCESS_KEY={AWS_SECRET}\n"
        f"GITHUB_TOKEN={GITHUB_TOKEN}\n"
    ),
}


def _outputs(assessment) -> dict[str, str]:  # type: ignore[no-untyped-def]
    from dpgkit.answers import Answers
    from dpgkit.nomination import build_nomination
    from dpgkit.nomination.records import record_text

    buffer = io.StringIO()
    print_terminal(assessment, Console(file=buffer, width=200, no_color=True), verbose=True)
    nomination = build_nomination(assessment, Answers())
    return {
        **{name: render(assessment) for name, render in renderers().items()},
        "terminal": buffer.getvalue(),
        "answers template": answers_template(assessment),
        "records": record_text(nomination.nominee) + record_text(nomination.screening),
        "provenance": nomination.provenance.model_dump_json(),
    }


def test_words_survive_and_provider_keys_are_masked_everywhere(
    repo_factory: RepoFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    assessment = assess(
        repo_factory(WEAK_WORDS, name="harbourline", remote="https://github.com/port/harbourline")
    )
    rows = _secret_rows(assessment)
    places = {(row["path"], row["line"]) for row in rows}
    # Each weak value is found and shown masked on its own line; the placeholder is not found.
    assert {("deploy/app.env", 1), ("deploy/app.env", 2), ("deploy/app.env", 3)} <= places
    assert ("deploy/app.env", 4) not in places
    excerpts = {
        (loc.path, loc.line): loc.excerpt or ""
        for indicator in assessment.indicators
        for f in indicator.findings
        for loc in f.locations
        if loc.path == "deploy/app.env"
    }
    assert excerpts[("deploy/app.env", 1)].endswith("DB_PASSWORD=[REDACTED]")
    assert excerpts[("deploy/app.env", 2)].endswith("ADMIN_PASSWORD=[REDACTED]")
    assert excerpts[("deploy/app.env", 3)].endswith("KEYCLOAK_SECRET=[REDACTED]")
    outputs = {**_outputs(assessment), "logs": caplog.text}
    for where, text in outputs.items():
        # The provider keys: nowhere, however quoted, in no output.
        for secret in (AWS_KEY_ID, AWS_SECRET, GITHUB_TOKEN):
            assert secret not in text, f"a provider key leaked into {where}"
            assert secret[:16] not in text, f"the start of a provider key leaked into {where}"
    # The words survive wherever the description is shown; in the registry records, the
    # only mask hides the provider key quoted in it.
    for where in ("json", "markdown", "html", "terminal", "records"):
        for word in ("Harbourline", "admin password", "Argon2", "Keycloak"):
            assert word in outputs[where], f"{word!r} is missing from {where}"
    records = outputs["records"]
    assert records.count("[REDACTED]") == records.count("(deploy key [REDACTED])") == 1
    assert "docs.harbourline.org" in outputs["json"]
