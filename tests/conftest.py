"""Shared fixtures: real checkouts built with real git in temporary folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test Author",
    "GIT_AUTHOR_EMAIL": "author@example.org",
    "GIT_COMMITTER_NAME": "Test Author",
    "GIT_COMMITTER_EMAIL": "author@example.org",
    "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
    "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}

Files = Mapping[str, str | bytes]

_MIT_BODY = """Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


# A README that reads like a real project's: what it does for whom, how to install and use it.
WATER_WATCH_README = """# Water Watch

Water Watch helps rural communities monitor the safety of their drinking water wells.
Volunteers record test results with a phone, and district health offices see which wells
need treatment. It is free software built with and for the communities that use it.

## Installation

Install Python 3.11, then run `pip install -r requirements.txt` and `python manage.py migrate`.
Copy the example settings file and fill in the database address before the first start.

## Usage

Run `python manage.py runserver` and open the map in a browser. Every well has a page with
its history of test results; the export button downloads them as CSV for analysis.
"""


def mit_license(owner: str) -> str:
    """The full MIT license text with a copyright line naming owner."""
    return f"MIT License\n\nCopyright (c) 2026 {owner}\n\n{_MIT_BODY}"


def run_dpg(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real `dpg` command in a subprocess; wide columns so one-line errors stay one line."""
    return subprocess.run(
        [sys.executable, "-m", "dpgkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=300,
        env={**os.environ, "COLUMNS": "250"},
    )


def write_tree(root: Path, files: Files) -> None:
    for rel, content in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


def git(root: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(
        ["git", "-C", str(root), *args], check=True, capture_output=True, text=True, env=env
    ).stdout


def make_repo(root: Path, files: Files, remote: str | None = None, commit: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_tree(root, files)
    git(root, "init", "-q", "-b", "main")
    if remote:
        git(root, "remote", "add", "origin", remote)
    if commit:
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "initial", "--allow-empty")
    return root


@pytest.fixture
def repo_factory(tmp_path: Path) -> Callable[..., Path]:
    """Build a git checkout: repo_factory({"README.md": "..."}, name="x", remote=None)."""
    counter = iter(range(1000))

    def build(
        files: Files, name: str | None = None, remote: str | None = None, commit: bool = True
    ) -> Path:
        return make_repo(tmp_path / (name or f"repo{next(counter)}"), files, remote, commit)

    return build


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() not in ("", "0", "false", "no")


@pytest.fixture
def shared_dir() -> Path:
    """The reference data beside the project (registry records). A developer without it gets
    a skip; CI (CI=1) must have it, so there its absence fails instead of hiding tests."""
    if not SHARED.is_dir():
        message = f"../shared reference data is not beside the project ({SHARED})"
        if in_ci():
            pytest.fail(f"{message}; CI must provide it", pytrace=False)
        pytest.skip(message)
    return SHARED


def load_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


ASSETS = Path(__file__).resolve().parent / "assets"


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (no browser download): `make test` installs it."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        pytest.fail("chromium is not installed: run tools/ensure-system-deps.sh (Debian package)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def axe_violations(page: object, impact: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Run axe-core (vendored in tests/assets, MPL-2.0) in a Playwright page; return violations."""
    page.add_script_tag(path=str(ASSETS / "axe.min.js"))  # type: ignore[attr-defined]
    result = page.evaluate("async () => await axe.run(document)")  # type: ignore[attr-defined]
    return [v for v in result["violations"] if v.get("impact") in impact]
