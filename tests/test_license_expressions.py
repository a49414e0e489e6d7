"""SPDX expressions (license-expression), license names, and approval by the Standard."""

from __future__ import annotations

import pytest

from dpgkit.licenses.expressions import judge, parse_expression
from dpgkit.licenses.names import is_proprietary, name_to_spdx
from dpgkit.standard import load_standard


def test_malformed_expression_is_an_error_not_an_exception() -> None:
    parsed = parse_expression("MIT AND (GPL-2.0 OR")
    assert parsed.expression is None
    assert parsed.error and "not a valid SPDX expression" in parsed.error
    assert parse_expression("").error == "empty license expression"
    assert parse_expression("(" * 400 + "MIT").error is not None


def test_expressions_are_normalised_by_the_library() -> None:
    parsed = parse_expression("GPL-2.0+ WITH Classpath-exception-2.0 OR mit")
    assert parsed.expression == "GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT"
    assert parsed.keys == ("GPL-2.0-or-later", "MIT")
    assert parse_expression("LicenseRef-Acme AND MIT").valid
    assert parse_expression("Foo-Bar").unknown == ("Foo-Bar",)


@pytest.mark.parametrize(
    ("name", "spdx"),
    [
        ("MIT License", "MIT"),
        ("Apache License, Version 2.0", "Apache-2.0"),
        ("Apache Software License", "Apache-2.0"),
        ("GNU General Public License v3 or later (GPLv3+)", "GPL-3.0-or-later"),
        ("GPLv3", "GPL-3.0-only"),
        ("ISC License (ISCL)", "ISC"),
        ("MIT/Apache-2.0", "MIT OR Apache-2.0"),
        ("mit or apache-2.0", "MIT OR Apache-2.0"),
        ("CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0"),
        ("European Union Public Licence 1.1 (EUPL 1.1)", "EUPL-1.1"),
        ("Creative Commons Attribution 4.0 International", "CC-BY-4.0"),
        ("BSD License", None),
        ("MIT AND (GPL-2.0 OR", None),
    ],
)
def test_names_to_spdx(name: str, spdx: str | None) -> None:
    assert name_to_spdx(name) == spdx


def test_proprietary_values() -> None:
    assert is_proprietary("UNLICENSED")
    assert is_proprietary("Other/Proprietary License")
    assert not is_proprietary("Unlicense")


def test_judgement_follows_and_or() -> None:
    standard = load_standard()
    assert judge("MIT OR SSPL-1.0", standard).approved
    judged = judge("MIT AND SSPL-1.0", standard)
    assert not judged.approved and judged.source_available == ["SSPL-1.0"]
    assert judge("GPL-3.0-or-later", standard).categories == {"software"}
    assert judge("CC-BY-4.0", standard).categories == {"content", "data"}
    assert not judge("EUPL-1.1", standard).approved
    assert not judge("BSD-4-Clause", standard).approved
    assert not judge("CC-BY-ND-4.0", standard).approved
