"""The commands as a user runs them, in subprocesses on a fresh data folder: `dpg registry`,
`dpg serve`, and Django's deployment check with the production settings."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.web.conftest import free_port

DPG = [sys.executable, "-m", "dpgkit"]


def fresh_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DPGKIT_DATA_DIR": str(tmp_path / "data"), **extra})
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, capture_output=True, text=True, timeout=180)


@pytest.mark.slow
def test_registry_import_export_commands(shared_dir: Path, tmp_path: Path) -> None:
    env = fresh_env(tmp_path)
    first = run([*DPG, "registry", "import", str(shared_dir / "dpga" / "registry")], env)
    assert first.returncode == 0, first.stderr
    assert "394 added, 0 changed, 0 unchanged, 0 rejected" in first.stdout
    again = run([*DPG, "registry", "import", str(shared_dir / "dpga" / "registry")], env)
    assert "0 added, 0 changed, 394 unchanged, 0 rejected" in again.stdout
    out = tmp_path / "out" / "registry.ndjson"
    export = run([*DPG, "registry", "export", "--format", "ndjson", "-o", str(out)], env)
    assert export.returncode == 0, export.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == 394
    bad = tmp_path / "bad" / "nominees"
    bad.mkdir(parents=True)
    (bad / "broken.json").write_text("{", encoding="utf-8")
    rejected = run([*DPG, "registry", "import", str(bad.parent)], env)
    assert rejected.returncode == 1
    assert "rejected" in rejected.stdout and "malformed JSON" in rejected.stdout
    missing = run([*DPG, "registry", "import", str(tmp_path / "nowhere")], env)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr and "nowhere" in missing.stderr
    wrong_format = run([*DPG, "registry", "export", "--format", "xml"], env)
    assert wrong_format.returncode == 2


@pytest.mark.slow
def test_serve_on_a_fresh_machine_shows_the_registry(tmp_path: Path) -> None:
    port = free_port()
    env = fresh_env(tmp_path)
    server = subprocess.Popen(
        [*DPG, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(base + "/api/dpgs", timeout=5) as response:
                    dpgs = json.load(response)
                break
            except OSError:
                assert server.poll() is None, server.communicate()[1]
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.3)
        assert len(dpgs) == 165
        for path, text in [("/", "228 results"), ("/ru/", "Цифровые"), ("/kk/", "Цифрлық")]:
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert text in response.read().decode()
        # Static files are collected and served (with a hashed name) by WhiteNoise.
        html = urllib.request.urlopen(base + "/", timeout=10).read().decode()
        css = html.split('rel="stylesheet" href="')[1].split('"')[0]
        assert css.startswith("/static/dpgkit/site.") and css.endswith(".css")
        with urllib.request.urlopen(base + css, timeout=10) as response:
            assert "max-age" in response.headers["Cache-Control"]
        assert (tmp_path / "data" / "registry.sqlite3").is_file()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    # The operator is told where the site's mail goes and how reviewers are made.
    said = " ".join((server.stderr.read() if server.stderr else "").split())
    assert "mail (confirmation links, password resets, notifications) is printed here" in said
    assert "DJANGO_EMAIL_HOST" in said and "dpg users add" in said
    # Notifications link to the port served, not to a default one.
    assert f"links in notifications start with http://127.0.0.1:{port} " in said


@pytest.mark.parametrize(
    ("host", "port", "allowed", "expected"),
    [
        ("127.0.0.1", 8765, [], "http://127.0.0.1:8765"),
        ("0.0.0.0", 8000, [], "http://127.0.0.1:8000"),
        ("0.0.0.0", 80, ["*", "dpg.example.org"], "http://dpg.example.org"),
        ("::1", 8000, [], "http://[::1]:8000"),
    ],
)
def test_notification_links_follow_the_address_served(
    host: str, port: int, allowed: list[str], expected: str
) -> None:
    from dpgkit.cli.serve import site_url

    assert site_url(host, port, allowed) == expected


def test_users_command_makes_reviewers_and_administrators(tmp_path: Path) -> None:
    env = fresh_env(tmp_path)
    add = [*DPG, "users", "add", "rosa", "--email", "rosa@example.org", "--password-stdin"]
    weak = subprocess.run(
        [*add, "--role", "reviewer"], env=env, input="123\n", capture_output=True, text=True,
        timeout=180,
    )  # fmt: skip
    assert weak.returncode == 2
    assert weak.stderr.count("\n") == 1 and "too short" in weak.stderr
    made = subprocess.run(
        [*add, "--role", "reviewer"], env=env, input="reviews-with-care-7\n",
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    again = subprocess.run(
        [*add, "--role", "reviewer"], env=env, input="reviews-with-care-7\n",
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert again.returncode == 2 and "dpg users grant" in again.stderr
    granted = run([*DPG, "users", "grant", "rosa", "--role", "administrator"], env)
    assert granted.returncode == 0, granted.stderr
    listed = run([*DPG, "users", "list"], {**env, "COLUMNS": "200"})
    row = next(line for line in listed.stdout.splitlines() if "rosa" in line)
    assert "administrator, reviewer" in row and "active" in row  # as --role takes them
    assert run([*DPG, "users", "grant", "nobody", "--role", "reviewer"], env).returncode == 2


def test_smtp_is_chosen_by_naming_a_host(tmp_path: Path) -> None:
    show = "from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"
    console = run(
        [sys.executable, "-m", "dpgkit.web", "shell", "--no-imports", "-c", show],
        fresh_env(tmp_path),
    )
    assert console.stdout.split()[0].endswith("console.EmailBackend"), console.stderr
    env = fresh_env(tmp_path, DJANGO_EMAIL_HOST="smtp.example.org", DJANGO_EMAIL_HOST_USER="r")
    smtp = run([sys.executable, "-m", "dpgkit.web", "shell", "--no-imports", "-c", show], env)
    assert smtp.stdout.split() == [
        "django.core.mail.backends.smtp.EmailBackend", "smtp.example.org", "587", "True"
    ]  # fmt: skip


def test_production_settings_pass_the_deployment_check(tmp_path: Path) -> None:
    env = fresh_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="dpgkit.web.settings.prod",
        DJANGO_SECRET_KEY="a-long-random-secret-for-the-check-" + "x7Qp2" * 10,
        DJANGO_ALLOWED_HOSTS="registry.example.org",
    )
    check = run(
        [sys.executable, "-m", "dpgkit.web", "check", "--deploy", "--fail-level", "WARNING"], env
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert "no issues" in check.stdout
    missing_key = run(
        [sys.executable, "-m", "dpgkit.web", "check"], {**env, "DJANGO_SECRET_KEY": ""}
    )
    assert missing_key.returncode != 0


def test_bad_database_url_is_a_one_line_error(tmp_path: Path) -> None:
    result = run(
        [*DPG, "serve", "--database-url", "mysql://nobody@nowhere/db"], fresh_env(tmp_path)
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--database-url" in result.stderr
