"""The license matcher on real SPDX texts, their near twins, variants and bad input."""

from __future__ import annotations

import textwrap

import pytest

from dpgkit.licenses.declarations import expression_of
from dpgkit.licenses.index import load_index
from dpgkit.licenses.matcher import identify_text
from dpgkit.licenses.normalize import normalize
from tests.license_helpers import FIXTURES, apache_without_appendix, lgpl3_only, license_text

ALL_FIXTURES = sorted(path.stem for path in FIXTURES.glob("*.txt"))


def top(text: str) -> str | None:
    matches = identify_text(text)
    return expression_of(matches) if matches else None


@pytest.mark.parametrize("spdx", ALL_FIXTURES)
def test_every_fixture_text_is_identified_as_itself(spdx: str) -> None:
    matches = identify_text(license_text(spdx))
    assert [match.spdx for match in matches] == [spdx]
    assert matches[0].score == 1.0


@pytest.mark.parametrize(
    "spdx", ["MIT", "X11", "ISC", "0BSD", "BSD-3-Clause", "GPL-3.0-only", "CC-BY-SA-4.0"]
)
def test_variants_keep_their_identity(spdx: str) -> None:
    text = license_text(spdx)
    reflowed = "\n\n".join(textwrap.fill(" ".join(p.split()), 55) for p in text.split("\n\n"))
    markdown = "# License\n\n" + "\n\n".join(f"> **{p.strip()}**" for p in text.split("\n\n"))
    filled = "Copyright (c) 2021-2024 Ministry of Health, Example Country\n\n" + text
    preamble = "This project is released under the license below.\n\n" + text
    for variant in (reflowed, markdown, filled, preamble):
        assert top(variant) == spdx


def test_near_twins_are_told_apart() -> None:
    twins = ["MIT", "MIT-0", "X11", "ISC", "0BSD", "BSD-2-Clause", "BSD-3-Clause", "BSD-4-Clause"]
    found = {spdx: top(license_text(spdx)) for spdx in twins}
    assert found == {spdx: spdx for spdx in twins}


def test_apache_without_its_appendix_is_still_apache() -> None:
    matches = identify_text(apache_without_appendix())
    assert [m.spdx for m in matches] == ["Apache-2.0"]
    assert matches[0].score > 0.95


def test_lgpl3_followed_by_the_gpl3_it_references_is_lgpl3() -> None:
    assert top(lgpl3_only()) == "LGPL-3.0-only"
    assert top(lgpl3_only() + "\n\n" + license_text("GPL-3.0-only")) == "LGPL-3.0-only"


def test_files_with_several_licenses_are_split() -> None:
    text = license_text("LGPL-2.1-only") + "\n" + license_text("GPL-2.0-only")
    assert [m.spdx for m in identify_text(text)] == ["LGPL-2.1-only", "GPL-2.0-only"]
    text = license_text("MIT") + "\n\n----\n\n" + license_text("Apache-2.0")
    matches = identify_text(text)
    assert [m.spdx for m in matches] == ["MIT", "Apache-2.0"]
    assert matches[0].end_line < matches[1].start_line
    assert expression_of(matches) == "MIT AND Apache-2.0"


def test_creative_commons_versions_and_kinds_differ() -> None:
    for spdx in (
        "CC-BY-4.0",
        "CC-BY-3.0",
        "CC-BY-SA-4.0",
        "CC-BY-ND-4.0",
        "CC-BY-NC-4.0",
        "CC0-1.0",
    ):
        assert top(license_text(spdx)) == spdx


def test_license_embedded_in_a_readme_section_is_located() -> None:
    readme = (
        "# Tool\n\nDoes things.\n\n## License\n\n"
        + license_text("MIT")
        + "\n## Contributing\n\nWelcome.\n"
    )
    matches = identify_text(readme)
    assert [m.spdx for m in matches] == ["MIT"]
    assert matches[0].start_line > 5


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n", "MIT", "x" * 10, "\x00\x01\x02 junk", "lorem ipsum dolor sit amet " * 2000],
)
def test_bad_input_gives_no_match_and_no_error(text: str) -> None:
    assert identify_text(text) == []


def test_huge_input_is_capped_and_still_identified() -> None:
    # 50 MB would be capped by the inventory first; the matcher caps its own input as well.
    text = license_text("MIT") + "\n" + "filler words that mean nothing at all\n" * 1_500_000
    matches = identify_text(text)
    assert [m.spdx for m in matches] == ["MIT"]


def test_normalisation_rules() -> None:
    british = normalize("The licence shall be fulfilled by the organisation whilst behaving.")
    american = normalize("The license shall be fulfilled by the organization while behaving.")
    assert british.words[1] == american.words[1] == "license"
    assert "organization" in british.words
    bullets = normalize("1. First clause here\n(a) second\n* third\n- fourth\niv) fifth")
    assert bullets.words == ["first", "clause", "here", "second", "third", "fourth", "fifth"]
    noise = normalize(
        "Copyright (c) 2024 Someone\nSee <https://example.org/x> and [docs](http://a.b)."
    )
    assert noise.words == ["see", "and", "docs"]
    assert noise.lines == [2, 2, 2]
    assert normalize("copyright notice appear in all copies").words[0] == "copyright"


def test_deprecated_ids_are_twins_of_current_ones() -> None:
    index = load_index()
    assert {"GPL-3.0", "GPL-3.0-only", "GPL-3.0-or-later"} <= index.twins("GPL-3.0-only")
    assert index.licenses["GPL-2.0+"].deprecated_for == "GPL-2.0-or-later"
