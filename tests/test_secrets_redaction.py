"""No secret ever appears in any output: every renderer, the terminal report, the answers
template and the logs, for a checkout full of committed secrets."""

from __future__ import annotations

import io
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
SLACK_WEBHOOK_PATH = "T0" + "1ABCDEF/B02GHIJKL/abcdefghijklmnopqrstuvwx"
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
        "docker-compose.yml": f"services:\n  app:\n    environment:\n      DATABASE_URL: postgres://app:{DB_URL_PASSWORD}@db/app\n",
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
    finding = next(
        f for f in secret_assessment.indicator("9A").findings if f.probe == "committed_secrets"
    )
    places = {(s["path"], s["kind"]) for s in finding.data["secrets"]}
    assert ("config/legacy.env", "GitLab token") in places  # UTF-16 file
    assert ("config/latin1.ini", "password in configuration") in places  # Latin-1 file
    assert ("notify.py", "Slack webhook") in places
    assert ("docker-compose.yml", "credentials in a URL") in places
    assert ("config/signing.yml", "random-looking secret value") in places
    assert ("deploy/id_rsa", "private key") in places
    assert all(isinstance(s["line"], int) and s["line"] >= 1 for s in finding.data["secrets"])


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
