"""Counts in messages agree with their nouns ("1 law", never "1 law(s)")."""

from __future__ import annotations

from pathlib import Path

from dpgkit.wording import counted


def test_counted_agrees_with_the_number() -> None:
    assert counted(1, "law") == "1 law"
    assert counted(0, "manifest") == "0 manifests"
    assert counted(3, "best practice") == "3 best practices"
    assert counted(2, "child", "children") == "2 children"


def test_no_message_counts_with_a_bracketed_plural() -> None:
    source = Path(__file__).resolve().parents[1] / "src" / "dpgkit"
    offenders = [
        f"{path.relative_to(source)}:{number}"
        for folder in ("probes", "standards", "rules", "licenses", "pii", "ownership", "harm")
        for path in sorted((source / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "(s)" in line and ('f"' in line or "f'" in line)
    ]
    assert offenders == []
