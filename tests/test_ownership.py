"""Indicator 3 end to end: owner candidates from every source, ranked, with evidence."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment, Finding, Outcome, Verdict
from dpgkit.ownership.analysis import clean_name
from tests.conftest import run_dpg
from tests.license_helpers import license_text

Factory = Callable[..., Path]
CODE = {"app.py": "print('hello')\n" * 40}


def owner_finding(result: Assessment) -> Finding:
    return next(f for f in result.indicator("3").findings if f.probe == "owner_identified")


def candidates(result: Assessment) -> list[dict[str, object]]:
    return owner_finding(result).data["candidates"]


def test_copyright_in_license_file_is_explicit_owner(repo_factory: Factory) -> None:
    text = license_text("MIT").replace(
        "<year> <copyright holders>", "2019-2024 Ministry of Health of Example"
    )
    result = assess(repo_factory({**CODE, "LICENSE": text}))
    assert result.indicator("3").verdict is Verdict.MET
    top = candidates(result)[0]
    assert top["name"] == "Ministry of Health of Example" and top["explicit"] is True
    assert owner_finding(result).locations[0].path == "LICENSE"


def test_an_owner_named_in_cyrillic_is_an_owner(repo_factory: Factory) -> None:
    # A Kazakh foundation's copyright line names it in Russian: no Latin letter needed.
    text = license_text("MIT").replace(
        "<year> <copyright holders>", "2023-2025 ОФ «Доступный Казахстан»"
    )
    result = assess(repo_factory({**CODE, "LICENSE": text}))
    assert result.indicator("3").verdict is Verdict.MET
    assert candidates(result)[0]["name"] == "ОФ «Доступный Казахстан»"
    assert clean_name("2024 ©") is None  # still: a name needs a letter


def test_sources_are_ranked(repo_factory: Factory) -> None:
    files = {
        **CODE,
        "LICENSE": license_text("Apache-2.0"),
        "NOTICE": "Acme Maps\nCopyright 2024 Open Maps Foundation\n",
        "GOVERNANCE.md": "# Governance\n\nAcme Maps is owned by the Open Maps Foundation. Decisions are made by its board.\n",
        "AUTHORS": "Jane Doe <jane@example.org>\nJohn Roe <john@example.org>\n",
        ".github/CODEOWNERS": "* @openmaps/core\n",
        "src/x.py": "# Copyright 2023 Jane Doe\n# SPDX-FileCopyrightText: 2024 Open Maps Foundation\nx = 1\n",
        "package.json": json.dumps({"name": "acme", "author": "Jane Doe <jane@example.org>"}),
        "TRADEMARKS.md": "Acme Maps is a trademark of the Open Maps Foundation.\n",
    }
    result = assess(repo_factory(files, remote="https://github.com/someone-else/acme.git"))
    ranked = candidates(result)
    assert ranked[0]["name"] == "Open Maps Foundation"
    assert {"governance", "notice_copyright", "trademark", "header_copyright"} <= set(
        ranked[0]["sources"]
    )
    names = [c["name"] for c in ranked]
    assert "Jane Doe" in names and "someone-else" in names
    assert names.index("Jane Doe") < names.index("someone-else")
    documented = next(
        f for f in result.indicator("3").findings if f.probe == "ownership_documented"
    )
    assert documented.outcome is Outcome.PASS
    assert documented.data["trademark_policies"] == ["TRADEMARKS.md"]


def test_publiccode_owner_wins(repo_factory: Factory) -> None:
    files = {
        **CODE,
        "publiccode.yml": "publiccodeYmlVersion: '0.4'\nname: x\nlegal:\n  license: MIT\n  mainCopyrightOwner: City of Example\n  repoOwner: City of Example\n",
        "AUTHORS.md": "- Jane Doe\n",
    }
    result = assess(repo_factory(files))
    assert candidates(result)[0]["name"] == "City of Example"
    assert owner_finding(result).data["candidates"][0]["evidence"][0]["line"] == 5


def test_only_the_git_remote_needs_an_answer(repo_factory: Factory, tmp_path: Path) -> None:
    repo = repo_factory(CODE, remote="git@github.com:example-org/tool.git")
    result = assess(repo)
    indicator = result.indicator("3")
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert "only inferred" in indicator.summary
    owner_question = next(q for q in indicator.questions if q.id == "3.owner")
    assert owner_question.suggestion == "example-org"
    answers = tmp_path / "answers.yaml"
    answers.write_text('indicators:\n  "3":\n    owner: Example Org\n', encoding="utf-8")
    assert assess(repo, AssessOptions(answers_path=answers)).indicator("3").verdict is Verdict.MET


def test_nothing_names_an_owner(repo_factory: Factory) -> None:
    result = assess(repo_factory({**CODE, "LICENSE": license_text("MIT")}))
    assert result.indicator("3").verdict is Verdict.NOT_MET
    assert owner_finding(result).outcome is Outcome.FAIL


def test_data_collection_needs_the_owner_to_confirm(repo_factory: Factory, tmp_path: Path) -> None:
    files = {"data/t.csv": "a,b\n1,2\n" * 3000, "NOTICE": "Copyright 2024 Data Trust\n"}
    repo = repo_factory(files)
    result = assess(repo, AssessOptions(types=["data"]))
    assert result.indicator("3").verdict is Verdict.NEEDS_ANSWER
    assert any(q.id == "3.owns_all_content" for q in result.indicator("3").questions)
    answers = tmp_path / "answers.yaml"
    answers.write_text('indicators:\n  "3":\n    owns_all_content: "Yes"\n', encoding="utf-8")
    settled = assess(repo, AssessOptions(types=["data"], answers_path=answers))
    assert settled.indicator("3").verdict is Verdict.MET


def test_names_are_cleaned_and_placeholders_refused() -> None:
    assert clean_name("Jane Doe <jane@x.org>. All rights reserved.") == "Jane Doe"
    assert clean_name("<copyright holders>") is None
    assert clean_name("[fullname]") is None
    assert clean_name("notice and this permission notice") is None
    assert clean_name("the dpgkit contributors (see GOVERNANCE.md)") == "the dpgkit contributors"


def test_broken_manifests_do_not_break_ownership(repo_factory: Factory) -> None:
    files = {
        **CODE,
        "package.json": "{not json",
        "pyproject.toml": "[project\nname=",
        "NOTICE": b"\xff\xfe\x00junk",
    }
    result = assess(repo_factory(files))
    assert result.indicator("3").verdict is Verdict.NOT_MET
    assert not any("could not run" in w for w in result.warnings)


def test_copyright_mentioned_mid_sentence_names_nobody(repo_factory: Factory) -> None:
    files = {
        **CODE,
        "docs/notes.md": "The index drops markup, URLs and copyright lines) before matching.\n"
        "Schema text, © OASIS Open, distributed under the OASIS IPR Policy.\n",
        "src/header.py": "# Copyright 2024 Clinic Queue Foundation\nX = 1\n",
    }
    names = [c["name"] for c in candidates(assess(repo_factory(files)))]
    assert names == ["Clinic Queue Foundation"]


def test_headings_file_names_and_a_licenses_definitions_in_headers_name_nobody(
    repo_factory: Factory,
) -> None:
    """openIMIS's pages open with a heading "Copyright notices", a vendored script's header
    says "see AUTHORS.txt (...)", and a license copied under an odd name holds '"Copyright"
    also means ...': none is a holder; the one real statement names the owner."""
    header = (
        "<%-- Copyright (c) 2016-2017 Swiss Agency for Development and Cooperation (SDC)\n\n"
        "Copyright notices\nThis program is free software, as published by the\n"
        "Free Software Foundation, version 3 of the License. --%>\n"
    )
    files = {
        **CODE,
        "IMIS/AddFunding.aspx": header + "<p>funding</p>\n",
        "IMIS/Home.aspx": header + "<p>home</p>\n",
        "IMIS/Javascripts/widget.js": "/*!\n * Copyright 2016 contributors; see AUTHORS.txt "
        "(http://example.org/about)\n */\nvar x = 1;\n",
        "GNU AFFERO GENERAL PUBLIC LICENSE.md": '"Copyright" also means copyright-like laws '
        "that apply to other kinds of works.\n",
    }
    names = [c["name"] for c in candidates(assess(repo_factory(files)))]
    assert names[0] == "Swiss Agency for Development and Cooperation"
    assert not [
        n for n in names if n.lower().startswith(("notices", "authors.txt", '"', "free software"))
    ]


def test_license_texts_own_copyright_and_appendix_name_nobody(repo_factory: Factory) -> None:
    # A GPL file carries "Copyright (C) 2007 Free Software Foundation, Inc." and an appendix
    # about "the "copyright" line": neither names the project's owner.
    result = assess(repo_factory({**CODE, "LICENSE": license_text("AGPL-3.0-only")}))
    assert candidates(result) == []
    assert result.indicator("3").verdict is Verdict.NOT_MET


def test_a_local_remote_names_no_owner_and_the_given_repository_does(
    repo_factory: Factory,
) -> None:
    """A clone of a mirror on disk has a path for its remote: its folders are not an
    organisation. The repository the owner names (--repository-url) stands for it."""
    repo = repo_factory(CODE, remote="/srv/mirrors/example-org+tool/repo")
    local = assess(repo)
    assert candidates(local) == []
    assert local.project.repository_url is None  # a folder on this disk is no address
    given = assess(repo, AssessOptions(repository_url="https://github.com/example-org/tool"))
    indicator = given.indicator("3")
    assert indicator.verdict is Verdict.NEEDS_ANSWER
    assert next(q for q in indicator.questions if q.id == "3.owner").suggestion == "example-org"
    assert given.project.repository_url == "https://github.com/example-org/tool"
    file_remote = repo_factory(CODE, remote="file:///srv/mirrors/tool.git")
    assert candidates(assess(file_remote)) == []
    assert assess(file_remote).project.repository_url is None


def test_nominate_reads_the_owner_from_the_given_repository(
    repo_factory: Factory, tmp_path: Path
) -> None:
    """`dpg nominate --repository-url` assesses with it: the screening record's ownership
    answer rests on the organisation it names, not on "nothing names an owner"."""
    repo = repo_factory(CODE, remote="/srv/mirrors/example-org+tool/repo")
    out = tmp_path / "nomination"
    url = "https://github.com/example-org/tool"
    result = run_dpg(
        "nominate", str(repo), "--allow-incomplete", "--repository-url", url, "--out", str(out)
    )
    assert result.returncode in (0, 1), result.stderr
    provenance = json.loads(next(out.glob("*.provenance.json")).read_text("utf-8"))
    ownership = json.dumps(provenance)
    assert "example-org" in ownership
    assert "Nothing in the checkout names an owner" not in ownership


def test_a_place_reached_twice_is_cited_once(repo_factory: Factory) -> None:
    """A NOTICE's copyright line is both a notice and a header statement: one location."""
    notice = "Water Watch\nCopyright 2026 Water Watch Trust\n"
    result = assess(repo_factory({**CODE, "NOTICE": notice}))
    places = [(loc.path, loc.line) for loc in owner_finding(result).locations]
    assert places.count(("NOTICE", 2)) == 1
    for indicator in result.indicators:
        for finding in indicator.findings:
            keys = [(loc.path, loc.line) for loc in finding.locations]
            assert len(keys) == len(set(keys)), finding.probe
