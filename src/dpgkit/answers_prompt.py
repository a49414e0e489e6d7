"""Ask the owner the questions an assessment left open, in the terminal, and save the answers.

Used by ``dpg assess --interactive``. Each question shows the registry field it fills and
what the scan found (as the default); yes/no questions accept only Yes or No; list answers
are separated by ";". Answers are validated against the answers schema before they are
written, merged into the existing answers file if there is one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from rich.console import Console
from rich.prompt import Prompt
from rich.text import Text

from dpgkit.answers import YES_NO, parse_answers
from dpgkit.errors import AnswersError
from dpgkit.fileio import write_atomically
from dpgkit.model import Assessment
from dpgkit.parsing import ParseError, load_yaml
from dpgkit.standard import QuestionSpec, Standard, load_standard

Ask = Callable[..., str]
_LIST_SEPARATOR = ";"


# Where the scan found a suggested item ("GDPR (found in docs/privacy.md:5)"): shown to the
# owner, never part of the answer Enter accepts.
_FOUND_IN = re.compile(r"\s*\(found in [^)]*\)")
_SKIP = "-"


def _default(spec: QuestionSpec, suggestion: str | None) -> str | None:
    if not suggestion:
        return None
    if spec.kind == "yes_no":
        first = suggestion.split()[0].strip(" —-,.") if suggestion.split() else ""
        return first if first in YES_NO else None
    return _FOUND_IN.sub("", suggestion).strip() or None


def _value(spec: QuestionSpec, text: str) -> Any:
    text = text.strip()
    if text == _SKIP:
        return None
    if spec.kind == "list":
        # ";" separates items; a list typed with commas only is split on them instead
        # (law names may hold commas, so suggestions of laws use ";").
        separator = _LIST_SEPARATOR if _LIST_SEPARATOR in text else ","
        return [item.strip() for item in text.split(separator) if item.strip()]
    return text


def _applies(
    spec: QuestionSpec, indicator: str, given: dict[str, Any], known: dict[str, Any]
) -> bool:
    """False when an answer given now switches the question off (required_when)."""
    for other, wanted in (spec.required_when or {}).items():
        key = f"{indicator}.{other}"
        value = given.get(key, known.get(key))
        if value is not None and value != wanted:
            return False
    return True


_YES_NO_WORDS = {"y": "Yes", "yes": "Yes", "n": "No", "no": "No"}


def _ask_yes_no(ask: Ask, label: str, default: str, console: Console) -> str:
    """Yes, No or empty (skip); anything else is asked again, three times at most."""
    for _attempt in range(3):
        answer = (ask(f"{label} (Yes/No)", default=default, console=console) or "").strip()
        if not answer or answer == _SKIP:
            return ""
        if answer.lower() in _YES_NO_WORDS:
            return _YES_NO_WORDS[answer.lower()]
        console.print("Please answer Yes or No (or leave it empty to skip).")
    return ""


def prompt_answers(
    assessment: Assessment,
    console: Console,
    known: dict[str, Any] | None = None,
    ask: Ask = Prompt.ask,
) -> dict[str, Any]:
    """Ask every open question; returns {"7.privacy_laws": [...], ...} for those answered."""
    standard = load_standard(assessment.standard_version)
    specs = standard.all_questions()
    known = known or {}
    given: dict[str, Any] = {}
    open_results = [result for result in assessment.indicators if result.questions]
    if not open_results:
        console.print("No open questions: nothing to ask.")
        return given
    console.print(
        Text(
            "Answer what the scan could not tell. Press Enter to accept the answer in brackets "
            f"(what the scan found), type '{_SKIP}' to skip a question; separate list items "
            f"with '{_LIST_SEPARATOR}'. Questions the answers file already answers are not asked.",
            style="bold",
        )
    )
    try:
        for result in open_results:
            console.rule(f"{result.id}. {result.title}")
            for question in result.questions:
                spec = specs[question.id]
                if question.id in known:
                    continue  # the owner's answer stands; edit the file to change it
                if not _applies(spec, result.id, given, known):
                    continue
                console.print(Text(question.text))
                if question.screening_field:
                    console.print(Text(f"registry field: {question.screening_field}", style="dim"))
                if question.suggestion:
                    console.print(Text(f"found by the scan: {question.suggestion}", style="green"))
                default = _default(spec, question.suggestion) or ""
                if spec.kind == "yes_no":
                    answer = _ask_yes_no(ask, question.id, default, console)
                else:
                    answer = ask(question.id, default=default, console=console)
                value = _value(spec, answer or "")
                if value:
                    given[question.id] = value
    except (EOFError, KeyboardInterrupt):
        console.print("Stopped: the answers given so far are kept.")
    return given


def _nest(values: dict[str, Any], standard: Standard) -> dict[str, Any]:
    data: dict[str, Any] = {"standard_version": standard.version}
    for key, value in values.items():
        scope, local = key.split(".", 1)
        if scope == "general":
            data.setdefault("general", {})[local] = value
        else:
            data.setdefault("indicators", {}).setdefault(scope, {})[local] = value
    return data


def _earlier_text(path: Path) -> str | None:
    """The answers file's text, or None when there is none yet."""
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AnswersError(f"answers file cannot be updated: {path} ({error})") from None


def _existing(path: Path, text: str) -> dict[str, Any]:
    try:
        data = load_yaml(text)
    except ParseError as error:
        raise AnswersError(f"answers file cannot be updated: {path} ({error})") from None
    return data if isinstance(data, dict) else {}


def save_answers(path: Path, values: dict[str, Any], standard_version: str) -> Path | None:
    """Merge values into the answers file at path (created if missing), validated first.

    The file is written again from its values, so comments cannot be kept: when the file
    held any, its earlier text is kept beside it first (``PATH.bak``), which is returned."""
    standard = load_standard(standard_version)
    earlier = _earlier_text(path)
    merged = (
        parse_answers(_existing(path, earlier), standard, str(path)).values
        if earlier is not None
        else {}
    )
    merged.update(values)
    data = _nest(merged, standard)
    parse_answers(data, standard, str(path))  # raises AnswersError on anything invalid
    text = "# Owner answers for dpgkit (dpg assess PATH --answers THIS-FILE).\n" + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100
    )
    backup = _keep_comments(path, earlier, text) if earlier is not None else None
    write_atomically(path, [text])
    return backup


def _keep_comments(path: Path, earlier: str, replacement: str) -> Path | None:
    """PATH.bak with the file's earlier text when rewriting it would drop comments of it."""
    comments = {line.strip() for line in earlier.splitlines() if line.lstrip().startswith("#")}
    if comments <= {line.strip() for line in replacement.splitlines()}:
        return None
    backup = path.with_name(path.name + ".bak")
    write_atomically(backup, [earlier])
    return backup
