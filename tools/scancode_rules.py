"""ScanCode's license rules (``licensedcode/data``, CC-BY-4.0, nexB and others): reading and
the deterministic split shared by the bench (test split) and the rules index build (the rest).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

RULE_KINDS = ("notice", "reference", "tag")
_RULE_EXCLUDED = (
    "is_deprecated",
    "is_false_positive",
    "is_required_phrase",
    "is_license_intro",
    "is_license_clue",
)


def in_test_split(rule_name: str) -> bool:
    """One rule in five, by a hash of its file name: the bench scores these, never trains on them."""
    return hashlib.sha256(rule_name.encode()).digest()[0] % 5 == 0


def _front_matter(raw: str) -> tuple[dict[str, str], str]:
    """A .RULE/.LICENSE file's flat YAML keys (scalars only) and its text."""
    head, text = "", raw
    if raw.startswith("---\n"):
        head, _, text = raw[4:].partition("\n---")
    fields = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if colon and key and not key.startswith((" ", "-")):
            fields[key.strip()] = value.strip()
    return fields, text


def find_rules(given: Path | None, venv: Path) -> Path | None:
    """The rules folder given, else the one of the ScanCode install the bench uses."""
    if given:
        return given
    for found in sorted(venv.glob("lib/python*/site-packages/licensedcode/data")):
        if (found / "rules").is_dir():
            return found
    return None


def rules_corpus(data: Path, test: bool = True) -> list[tuple[str, str, str, str]]:
    """(kind, SPDX id, text, rule name) for each usable rule of the split."""
    spdx_of: dict[str, str] = {}
    for path in (data / "licenses").glob("*.LICENSE"):
        fields, _ = _front_matter(path.read_text(encoding="utf-8", errors="replace"))
        key = fields.get("spdx_license_key", "")
        if key and not key.startswith("LicenseRef-") and fields.get("is_exception") != "yes":
            spdx_of[path.stem] = key
    corpus = []
    for path in sorted((data / "rules").glob("*.RULE")):
        if in_test_split(path.name) != test:
            continue
        fields, text = _front_matter(path.read_text(encoding="utf-8", errors="replace"))
        kind = next((k for k in RULE_KINDS if fields.get(f"is_license_{k}") == "yes"), None)
        spdx = spdx_of.get(fields.get("license_expression", ""))
        if (
            kind is None
            or spdx is None
            or any(fields.get(flag) == "yes" for flag in _RULE_EXCLUDED)
        ):
            continue
        text = text.replace("{{", "").replace("}}", "").strip()
        if text:
            corpus.append((kind, spdx, text, path.name))
    return corpus
