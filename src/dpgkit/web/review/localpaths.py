"""Paths on the applicant's own computer never leave it: they are taken out of uploads.

An assessment written by ``dpg assess`` names the folder it read (``project.path``, e.g.
``/home/amina/code/water-watch``) and may repeat it in messages; records written by hand or by
``dpg nominate`` may hold a ``file://`` link or a path in someone's home folder. None of that
means anything to a reviewer or the public, and it tells them the applicant's user name and
folder layout. Known checkout folders become ``.`` (so ``/home/amina/code/x/README.md`` reads
``./README.md``); any other home-folder path or ``file:`` URL is replaced by a marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

REMOVED = "(local path removed)"
# file: URLs, and absolute paths inside a home folder (Linux, macOS, Windows), up to the next
# space, quote or bracket.
_LOCAL = re.compile(
    r"""file:[^\s"'<>()\[\]]*"""
    r"""|(?<![\w/.:-])(?:~(?=/)|/home/[^/\s]+|/Users/[^/\s]+|/root)(?:/[^\s"'<>()\[\],;]*)?"""
    r"""|(?<![\w])[A-Za-z]:\\(?:Users|Documents and Settings)\\[^\s"'<>()\[\],;]*""",
    re.IGNORECASE,
)


def is_absolute_local(path: str) -> bool:
    return path.startswith("/") or bool(re.match(r"^[A-Za-z]:[\\/]", path))


def _strip_text(text: str, roots: list[str]) -> str:
    for root in roots:
        text = text.replace(root, ".")
    return _LOCAL.sub(REMOVED, text)


def strip_local_paths(value: Any, roots: Iterable[str] = ()) -> Any:
    """A copy of JSON data with every local path taken out (see the module's docstring)."""
    known = sorted({root.rstrip("/\\") for root in roots if root and is_absolute_local(root)})
    known = [root for root in reversed(known) if len(root) > 1]  # longest first; never "/"
    return _walk(value, known)


def _walk(value: Any, roots: list[str]) -> Any:
    if isinstance(value, str):
        return _strip_text(value, roots)
    if isinstance(value, list):
        return [_walk(item, roots) for item in value]
    if isinstance(value, dict):
        return {key: _walk(item, roots) for key, item in value.items()}
    return value
