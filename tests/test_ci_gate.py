"""The CI gate: `dpg assess --fail-on ...` exit codes, and the pre-commit hook's command."""

from __future__ import annotations

import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Verdict
from dpgkit.parsing import load_yaml
from tests.conftest import mit_license, run_dpg

ROOT = Path(__file__).resolve().parents[1]
README = """# Water Points

Water Points maps the public water points of a district and records whether each one works,
so that repair crews go where they are needed first and residents know where to get water.
It runs on cheap Android phones and a small server, and it works offline in the field.

## Installation

Install Python 3.11, run `pip install -r requirements.txt`, then `python -m waterpoints init`.
Copy `settings.example.toml` to `settings.toml` and set the database path before starting.

## Usage

Run `python -m waterpoints serve` and open the map. Field staff add a water point from its
page; the export button writes the whole register as CSV or GeoJSON for other tools to use.
Everything is documented in the docs folder, including deployment on a district server.

## Contributing

District engineers and volunteers improve the register together. Read CONTRIBUTING.md to
learn how to report a broken water point, translate the app, or propose a change; we answer
every question in the issue tracker within a week and explain each decision we make.
"""
MIT = mit_license("Water Points Trust")


def dpg(*args: str, cwd: Path | None = None) -> int:
    return run_dpg(*args, cwd=cwd).returncode


@pytest.fixture
def licensed(repo_factory: Callable[..., Path]) -> Path:
    return repo_factory(
        {"README.md": README, "LICENSE": MIT, "waterpoints/app.py": "POINTS = []\n"}
    )


@pytest.fixture
def unlicensed(repo_factory: Callable[..., Path]) -> Path:
    return repo_factory({"README.md": README, "waterpoints/app.py": "POINTS = []\n"})


def test_gate_policies_on_real_checkouts(licensed: Path, unlicensed: Path) -> None:
    verdicts = {r.verdict for r in assess(licensed, AssessOptions()).indicators}
    assert Verdict.NOT_MET not in verdicts and Verdict.NEEDS_ANSWER in verdicts
    assert Verdict.NOT_MET in {r.verdict for r in assess(unlicensed, AssessOptions()).indicators}

    assert dpg("assess", str(licensed), "--fail-on", "not_met") == 0
    assert dpg("assess", str(licensed), "--fail-on", "needs_answer") == 1
    assert dpg("assess", str(licensed)) == 1  # default: not eligible
    assert dpg("assess", str(licensed), "--fail-on", "never") == 0
    assert dpg("assess", str(unlicensed), "--fail-on", "not_met") == 1
    assert dpg("assess", str(licensed), "--fail-on", "sometimes") == 2


def test_pre_commit_hook_runs_the_documented_command(licensed: Path, unlicensed: Path) -> None:
    hooks = load_yaml((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "dpg-assess")
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    command = shlex.split(hook["entry"]) + list(hook["args"])
    assert command[0] == "dpg"
    # pre-commit runs the entry from the repository root; "dpg" is python -m dpgkit here.
    argv = [sys.executable, "-m", "dpgkit", *command[1:]]
    assert subprocess.run(argv, cwd=licensed, capture_output=True, timeout=300).returncode == 0
    assert subprocess.run(argv, cwd=unlicensed, capture_output=True, timeout=300).returncode == 1
