"""``dpg assess --interactive``: asks the open questions, validates, saves, then reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from dpgkit.answers import load_answers
from dpgkit.answers_prompt import save_answers
from dpgkit.cli import app
from dpgkit.standard import load_standard
from tests import harm_fixtures as fixtures

RepoFactory = Callable[..., Path]


def _questions_in_order(root: Path) -> list[str]:
    from dpgkit.assess import assess

    return [q.id for result in assess(root).indicators for q in result.questions]


def test_interactive_saves_answers_and_reports(repo_factory: RepoFactory, tmp_path: Path) -> None:
    root = repo_factory(fixtures.DJANGO_PII)
    order = _questions_in_order(root)
    replies = {
        "7.privacy_laws": "GDPR; Law No. 94-V",
        "7.privacy_evidence": "",  # Enter: accept what the scan found
        "9A.collects_pii": "maybe\nyes",  # invalid first, asked again
    }
    stdin = "".join(replies.get(question, " ") + "\n" for question in order)
    answers = tmp_path / "answers.yaml"
    result = CliRunner().invoke(
        app,
        ["assess", str(root), "--interactive", "--answers", str(answers), "-f", "json"],
        input=stdin,
    )
    assert result.exit_code in (0, 1), result.output
    saved = load_answers(answers, load_standard())
    assert saved.get("7.privacy_laws") == ["GDPR", "Law No. 94-V"]
    assert saved.get("7.privacy_evidence") == ["docs/privacy.md"]
    assert saved.get("9A.collects_pii") == "Yes"
    report = json.loads(result.stdout)
    verdicts = {indicator["id"]: indicator["verdict"] for indicator in report["indicators"]}
    assert verdicts["7"] == "met"  # the saved answers were used for the report


def test_save_answers_merges_and_validates(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("indicators:\n  '9C':\n    user_interaction: 'No'\n", encoding="utf-8")
    save_answers(path, {"7.privacy_laws": ["GDPR"]}, "1.1.7")
    saved = load_answers(path, load_standard())
    assert saved.get("9C.user_interaction") == "No"
    assert saved.get("7.privacy_laws") == ["GDPR"]


def test_invalid_answer_is_refused(tmp_path: Path) -> None:
    import pytest

    from dpgkit.errors import AnswersError

    with pytest.raises(AnswersError):
        save_answers(tmp_path / "a.yaml", {"9A.collects_pii": "Perhaps"}, "1.1.7")


def test_the_checkouts_answers_file_is_read_first_and_never_overwritten(
    repo_factory: RepoFactory,
) -> None:
    """-i without --answers uses PATH/dpg-answers.yaml: what it answers is not asked again
    and stays as the owner wrote it; its comments survive in a .bak copy; a suggestion's
    "(found in ...)" is never part of the answer Enter accepts; '-' skips a question."""
    root = repo_factory(fixtures.DJANGO_PII)
    owner_law = 'Law of the Republic of Kazakhstan No. 94-V "On Personal Data"'
    answers = root / "dpg-answers.yaml"
    answers.write_text(
        "# Our answers, kept by the foundation's lawyer.\n"
        f"indicators:\n  '7':\n    privacy_laws: ['{owner_law}']\n",
        encoding="utf-8",
    )
    order = [q for q in _questions_in_order(root) if q != "7.privacy_laws"]
    stdin = "".join(("-" if q == "9A.collects_pii" else "") + "\n" for q in order)
    result = CliRunner().invoke(app, ["assess", str(root), "-i", "-f", "json"], input=stdin)
    assert result.exit_code in (0, 1), result.output
    assert "7.privacy_laws" not in result.stderr  # not asked: the file answers it
    saved = load_answers(answers, load_standard())
    assert saved.get("7.privacy_laws") == [owner_law]
    assert saved.get("9A.collects_pii") is None  # skipped with '-'
    assert not any("found in" in str(value) for value in saved.values.values())
    backup = root / "dpg-answers.yaml.bak"
    assert backup.read_text(encoding="utf-8").startswith("# Our answers, kept by")
