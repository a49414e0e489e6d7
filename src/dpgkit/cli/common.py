"""Options and helpers shared by several commands."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from dpgkit.errors import BadInputError


def write_output(text: str, output: Path | None) -> None:
    """Write to a file (created atomically) or to stdout."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        temporary = output.with_name(f".{output.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(output)
    except OSError as error:
        raise BadInputError(f"cannot write {output} ({error.strerror})") from None


def stdout_console() -> Console:
    return Console(highlight=False, soft_wrap=False)
