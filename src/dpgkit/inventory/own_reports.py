"""dpgkit's own reports in the checkout: derived output, never evidence.

docs/ci.md writes reports into the checkout (`dpg assess . -o dpg.json`, `-o dpg.sarif`,
`-o dpg-report.html`), and a git checkout lists untracked files: the next run would read
the last one's words as the project's (an HTML report's echo of the owner's answers as
"password hashing found", its help text as "laws named"). A report is recognised by what
dpgkit writes at its top, read only for the few files where one is likely: the suffixes
dpgkit writes, at the top of the checkout, named dpg..., or SARIF anywhere.
"""

from __future__ import annotations

import os
import re

from dpgkit.inventory.read import read_capped

_SUFFIXES = frozenset({".json", ".sarif", ".html", ".htm", ".md"})
_HEAD_BYTES = 2048
_MARKER = re.compile(
    rb'"tool":\s*\{\s*"name":\s*"dpgkit"'  # dpg assess --format json
    rb'|"driver":\s*\{\s*"name":\s*"dpgkit"'  # --format sarif
    rb'|<meta name="generator" content="dpgkit'  # --format html
    rb"|\A# DPG readiness: "  # --format markdown
)


def may_be_report(path: str) -> bool:
    """Whether path is where a report is likely to be written (decided from the path)."""
    name = os.path.basename(path).lower()
    suffix = os.path.splitext(name)[1]
    if suffix not in _SUFFIXES:
        return False
    return suffix == ".sarif" or "/" not in path or name.startswith("dpg")


def is_report(target: str) -> bool:
    """Whether the file at target begins as a dpgkit report does."""
    try:
        head, binary = read_capped(target, _HEAD_BYTES, sniff=False)
    except OSError:
        return False
    return not binary and _MARKER.search(head) is not None
