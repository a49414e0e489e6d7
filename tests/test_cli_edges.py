"""The CLI's edges as the README promises them: one-line usage errors with exit 2, help that
names the formats, answers shown as written, `make demo` without the development tools."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_dpg

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "accessible-map"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["assess", ".", "--fail-on", "bogus"], "Invalid value for '--fail-on': 'bogus'"),
        (["bogus"], "No such command 'bogus'"),
        (["assess", ".", "--bogus"], "No such option: --bogus"),
        (["assess"], "Missing argument"),
        (["nominate", "."], "Missing option '--out'"),
        (["diff", "a.json"], "Missing argument"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = run_dpg(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("dpg: error: ") and message in lines[0]
    assert "--help" in lines[0] and "╭" not in result.stderr and result.stdout == ""


def test_help_names_every_report_format() -> None:
    from dpgkit.reports import renderers

    text = " ".join(run_dpg("assess", "--help").stdout.split())
    for name in ["terminal", *renderers()]:
        assert name in text
    assert "..." not in text


def test_verbose_report_shows_list_answers_as_written(repo_factory: Callable[..., Path]) -> None:
    repo = repo_factory({"README.md": "# Wells\n\nA map of water wells.\n"})
    answers = repo / "answers.yaml"
    answers.write_text(
        'indicators:\n  "7": {privacy_laws: ["Data Protection Act 2019", "GDPR"]}\n',
        encoding="utf-8",
    )
    for output_format in ("terminal", "markdown"):
        result = run_dpg("assess", str(repo), "-a", str(answers), "-v", "-f", output_format)
        assert "Data Protection Act 2019; GDPR" in result.stdout, output_format
        assert "['Data Protection" not in result.stdout


def test_make_demo_installs_only_the_package() -> None:
    """The demo needs dpgkit itself, not its development extras (577 MB of tools)."""
    result = subprocess.run(
        ["make", "-n", "demo", "VENV=/nonexistent/venv"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "MAKEFLAGS": ""},
    )
    assert result.returncode == 0, result.stderr
    installs = [line for line in result.stdout.splitlines() if " install " in line]
    assert installs, result.stdout
    assert not [line for line in installs if "[dev]" in line or "[web]" in line], installs
    assert "dpg assess samples/accessible-map" in result.stdout


def test_shared_reference_data_is_required_in_ci(tmp_path: Path) -> None:
    """Tests that read ../shared skip on a developer's machine without it, but fail in CI."""
    test = tmp_path / "test_needs_shared.py"
    test.write_text("def test_it(shared_dir):\n    assert shared_dir\n", encoding="utf-8")
    conftest = (ROOT / "tests" / "conftest.py").read_text(encoding="utf-8")
    conftest = conftest.replace(
        'SHARED = Path(__file__).resolve().parents[2] / "shared"',
        f"SHARED = Path({str(tmp_path / 'no-shared')!r})",
    )
    (tmp_path / "conftest.py").write_text(conftest, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    base = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist"]
    base.append(str(test))
    skipped = subprocess.run(base, cwd=tmp_path, capture_output=True, text=True, env=env)
    assert "1 skipped" in skipped.stdout, skipped.stdout
    failed = subprocess.run(
        base, cwd=tmp_path, capture_output=True, text=True, env={**env, "CI": "1"}
    )
    assert failed.returncode == 1 and "1 error" in failed.stdout, failed.stdout  # fails in setup
    assert "../shared" in failed.stdout
