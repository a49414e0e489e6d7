"""ScanCode's notices, references and tags compiled into the shipped rules index (rules.py),
read through `dpg license identify` on small texts written for the tests."""

from __future__ import annotations

from dpgkit.cli.license import identify_license
from dpgkit.licenses.rules import find_rules, load_rules


def test_rules_index_is_small_and_attributed() -> None:
    index = load_rules()
    assert index.count > 5000
    assert index.source["license"] == "CC-BY-4.0"


def test_rules_found_word_for_word_with_lines() -> None:
    text = "Widget Tools\n\nOur program is MIT-licensed, see the website.\n"
    (found,) = find_rules(text)
    assert (found.spdx, found.kind, found.start_line) == ("MIT", "notice", 3)
    classifier = "License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)"
    assert [m.spdx for m in find_rules(classifier)] == ["LGPL-2.0-or-later"]
    assert find_rules("Nothing to see here, move along please.") == []


def test_identify_falls_back_to_rules_when_no_pattern_reads_the_file() -> None:
    answer = identify_license("Acme Widgets\n\nThis project is under Apache v2 License.\n")
    assert (answer["spdx"], answer["kind"]) == ("Apache-2.0", "stated")
    assert answer["statements"] == [
        {"spdx": "Apache-2.0", "kind": "reference", "line": 3, "source": "rule"}
    ]
    assert "ScanCode rule" in str(answer["note"])


def test_a_mention_does_not_lift_a_reservation() -> None:
    reserved = (
        "Copyright (c) 2022 Acme Ltd. All rights reserved.\n\n"
        "This product bundles a parser under Apache v2 License.\n"
    )
    answer = identify_license(reserved)
    assert (answer["spdx"], answer["kind"]) == (None, "all_rights_reserved")
