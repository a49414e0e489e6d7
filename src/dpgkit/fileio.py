"""Reading and writing the user's own files (answers, saved assessments, reports, exports).

One place for the rules every command follows: a size cap and UTF-8 on reading, atomic
replacement on writing, and one-line errors instead of tracebacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dpgkit.errors import BadInputError


def read_user_text(
    path: Path, cap: int, what: str, error: type[BadInputError] = BadInputError
) -> str:
    """The UTF-8 text of a file the user named; ``what`` names it in the messages."""
    try:
        if not path.is_file():
            raise error(f"{what} not found: {path}")
        if path.stat().st_size > cap:
            raise error(f"{what} is larger than {cap:,} bytes: {path}")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise error(f"{what} is not UTF-8 text: {path}") from None
    except OSError as failure:
        raise error(f"{what} cannot be read: {path} ({failure.strerror})") from None


def write_atomically(path: Path, chunks: Iterable[str]) -> None:
    """Write through a temporary file beside path, so a failure never leaves half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        with temporary.open("w", encoding="utf-8", newline="") as handle:
            handle.writelines(chunks)
        temporary.replace(path)
    except OSError as failure:
        raise BadInputError(f"cannot write {path} ({failure.strerror})") from None
