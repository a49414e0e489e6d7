"""``dpg sdg classify``: which Sustainable Development Goals a text is about, offline.

``--text "…"`` prints the goals with scores, supporting sentences and UN targets.
``--jsonl`` reads JSON Lines ``{"id": …, "text": …}`` on stdin and writes one line per
input: ``{"id": …, "sdgs": [int, …], "scores": {"1": float, …, "17": float}}``. Lines
that are not JSON objects are reported on stderr with their number; the rest go on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any, BinaryIO

import typer
from rich.console import Console
from rich.markup import escape

from dpgkit.cli.common import stdout_console
from dpgkit.errors import BadInputError

sdg_app = typer.Typer(
    help="Sustainable Development Goals: classify texts offline.", no_args_is_help=True
)
_BATCH = 64
# A JSON line larger than this is not read whole (the classifier reads far less anyway).
_MAX_LINE_BYTES = 8 * 1024 * 1024


def _lines(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    number = 0
    while True:
        line = stream.readline(_MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > _MAX_LINE_BYTES and not line.endswith(b"\n"):
            # Skip the rest of an overlong line; it is reported as not JSON below.
            while True:
                rest = stream.readline(_MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, b""
            continue
        yield number, line


def _parse(number: int, raw: bytes, errors: Console) -> tuple[Any, str] | None:
    """(id, text) of one input line, or None (reported) when it cannot be used."""
    if not raw.strip():
        return None
    try:
        record = json.loads(raw.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):
        errors.print(f"line {number}: not valid JSON, skipped", highlight=False, markup=False)
        return None
    if not isinstance(record, dict):
        errors.print(f"line {number}: not a JSON object, skipped", highlight=False, markup=False)
        return None
    text = record.get("text")
    if not isinstance(text, str):
        errors.print(
            f'line {number}: no "text" string; classified as empty text',
            highlight=False,
            markup=False,
        )
        text = ""
    return record.get("id"), text


def _jsonl(stream: BinaryIO) -> None:
    from dpgkit.sdg import load_classifier

    classifier = load_classifier()
    errors = Console(stderr=True, highlight=False)
    pending: list[tuple[Any, str]] = []

    def flush() -> None:
        results = classifier.classify_many([text for _, text in pending])
        for (identifier, _), result in zip(pending, results, strict=True):
            line = {
                "id": identifier,
                "sdgs": sorted(result.predicted),
                "scores": {str(goal): result.scores[goal] for goal in range(1, 18)},
            }
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        pending.clear()

    for number, raw in _lines(stream):
        if not raw:
            errors.print(
                f"line {number}: longer than {_MAX_LINE_BYTES:,} bytes, skipped", markup=False
            )
            continue
        parsed = _parse(number, raw, errors)
        if parsed is not None:
            pending.append(parsed)
        if len(pending) >= _BATCH:
            flush()
    if pending:
        flush()


def _show(text: str, show_all: bool) -> None:
    from dpgkit.sdg import load_classifier
    from dpgkit.sdg.text import language_of

    classifier = load_classifier()
    result = classifier.classify(text, explain=True)
    console = stdout_console()
    if not text.strip():
        console.print("The text is empty: no goal can be recognised.")
        return
    shown = [goal for goal in result.goals if goal.predicted]
    if show_all:
        shown = result.goals  # all 17, predicted or not
    elif not shown:
        console.print("No goal reaches its threshold; the closest ones:")
        shown = result.goals[:3]
    language = language_of(text)
    for goal in shown:
        mark = "[green]✔[/green]" if goal.predicted else "[dim]·[/dim]"
        title = escape(classifier.goal_title(goal.sdg, language))
        console.print(f"{mark} [bold]SDG {goal.sdg}[/bold] {title}  score {goal.score:.2f}")
        for target in goal.targets[:2]:
            words = classifier.target_text(target, language)
            console.print(f"    target {target}: {escape(_short(words, 110))}")
        for sentence in goal.evidence:
            console.print(f"    [dim]“{escape(_short(sentence, 200))}”[/dim]")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@sdg_app.command("classify")
def classify_command(
    text: str | None = typer.Option(None, "--text", help="Classify this text and explain."),
    jsonl: bool = typer.Option(
        False, "--jsonl", help='Read {"id", "text"} JSON Lines on stdin, write one line each.'
    ),
    show_all: bool = typer.Option(False, "--all", help="With --text: list all 17 goals."),
) -> None:
    """Which SDGs a text is about: scores, supporting sentences and UN targets."""
    if (text is None) == (not jsonl):
        raise BadInputError('give either --text "…" or --jsonl (with JSON Lines on stdin)')
    if jsonl:
        _jsonl(sys.stdin.buffer)
    else:
        _show(text or "", show_all)


def register(app: typer.Typer) -> None:
    app.add_typer(sdg_app, name="sdg")
