"""The fidelity harness (bench/fidelity.py) on two tiny real checkouts and a fake registry."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import WATER_WATCH_README, make_repo, mit_license

ROOT = Path(__file__).resolve().parents[1]


def load_harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fidelity", ROOT / "bench" / "fidelity.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["fidelity"] = module
    spec.loader.exec_module(module)
    return module


fidelity = load_harness()


def screening_record(name: str, **answers: str) -> dict[str, object]:
    """A registry screening record; answers by field label prefix (own, doc, pii, std, ...)."""

    def get(key: str) -> str:
        return answers.get(key, "No")

    return {
        "name": name,
        "clearOwnership": {"isOwnershipExplicit": get("own")},
        "platformIndependence": {"mandatoryDepsCreateMoreRestrictions": get("deps")},
        "documentation": {"isDocumentationAvailable": get("doc")},
        "NonPII": {"collectsNonPII": get("nonpii")},
        "privacy": {"isPrivacyCompliant": "Yes"},
        "standards": {"supportStandards": get("std"), "implementBestPractices": get("bp")},
        "doNoHarm": {
            "preventHarm": {"stepsToPreventHarm": "Yes"},
            "dataPrivacySecurity": {"collectsPII": get("pii")},
            "inappropriateIllegalContent": {"collectStoreDistribute": get("content")},
            "protectionFromHarassment": {"userInteraction": get("ui")},
        },
        "locations": {"developmentCountries": ["Norway"], "deploymentCountries": ["Kenya"]},
    }


def write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Two checkouts (alpha: MIT, a water README; beta: no license, a stub README) + registry."""
    calib = tmp_path / "calib"
    make_repo(
        calib / "alpha",
        {
            "README.md": WATER_WATCH_README,
            "LICENSE": mit_license("Water Watch Foundation"),
            "app.py": "print('hello')\n",
        },
    )
    make_repo(calib / "beta", {"README.md": "# Beta\n\nA small tool.\n", "main.py": "print(1)\n"})

    registry = tmp_path / "registry"
    write_json(
        registry / "nominees" / "alpha.json",
        {"name": "Alpha", "license": [{"spdx": "MIT"}], "SDGs": [{"SDGNumber": 6}]},
    )
    write_json(
        registry / "nominees" / "beta.json",
        {"name": "Beta", "license": [{"spdx": "Apache-2.0"}], "SDGs": [{"SDGNumber": 14}]},
    )
    # alpha: ownership and documentation agree; the registry says its mandatory dependencies
    # are restrictive (dpgkit finds none: a disagreement); it collects PII, which dpgkit finds
    # no sign of and leaves to the owner; supportStandards is Unknown (not compared).
    write_json(
        registry / "digitalpublicgoods" / "alpha.json",
        screening_record("Alpha", own="Yes", doc="Yes", deps="Yes", pii="Yes", std="Unknown"),
    )
    # beta: the registry says ownership is explicit; dpgkit finds no owner in the checkout,
    # which is no proof against the owner, so the answer is left to them (not a 'No').
    write_json(
        registry / "digitalpublicgoods" / "beta.json",
        screening_record("Beta", own="Yes", doc="Yes", pii="No", std="Yes"),
    )
    tsv = tmp_path / "dpg-repos.tsv"
    tsv.write_text(
        "# comment line\n"
        "registry_slug\trepository\ttype\tscreening_record\n"
        "alpha\texample/alpha\tsoftware\tyes\n"
        "beta\texample/beta\tsoftware\tyes\n"
        "gamma\texample/gamma\tsoftware,data\tno\n",
        encoding="utf-8",
    )
    return calib, registry, tsv


@pytest.mark.slow
def test_harness_tables_on_two_real_checkouts(
    corpus: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    calib, registry_dir, tsv = corpus
    rows = fidelity.load_calibration(tsv)
    assert [(r.slug, r.types, r.screening_record) for r in rows] == [
        ("alpha", ("software",), True),
        ("beta", ("software",), True),
        ("gamma", ("software", "data"), False),
    ]
    projects = fidelity.select_projects(calib, rows, [])
    assert sorted(projects) == ["alpha", "beta"]  # gamma has no checkout

    runner = fidelity.Runner(sys.executable, str(ROOT / "src"), tmp_path / "out", 300.0)
    repositories = {"alpha": "https://github.com/example/alpha"}
    outputs = fidelity.run_corpus(projects, runner, jobs=2, log=None, repositories=repositories)
    assert {s: o.status for s, o in outputs.items()} == {"alpha": "ok", "beta": "ok"}
    # The public repository given for a project reaches its assessment (and only its own).
    urls = {s: (o.assessment or {})["project"]["repository_url"] for s, o in outputs.items()}
    assert urls["alpha"] == "https://github.com/example/alpha"
    assert urls["beta"] != "https://github.com/example/alpha"
    # nominate names its records after the project, not the folder: the harness finds them.
    assert all(o.screening and o.nominee and o.provenance for o in outputs.values())

    report = fidelity.build_report(outputs, fidelity.Registry(registry_dir))

    # a) indicator lines
    ind = report.indicators
    assert ind.projects == 2
    assert ind.total_lines == 22
    assert ind.verdicts["2"]["met"] == 1
    assert ind.verdicts["2"]["not_met"] == 1
    assert ind.verdicts["3"]["not_met"] >= 1
    line2 = ind.causes["2"]
    assert line2
    assert {c.slug for c in line2} == {"beta"}
    assert all(c.outcome == "fail" for c in line2)
    assert any(c.primary for c in line2)  # the finding the line's summary names
    assert any("license" in c.message.lower() for c in line2)
    raw_not_met = sum(
        1
        for o in outputs.values()
        for i in (o.assessment or {})["indicators"]
        if i["verdict"] == "not_met"
    )
    assert ind.not_met_lines == raw_not_met
    assert ind.not_met_percent == pytest.approx(100.0 * raw_not_met / 22)

    # b) screening answers
    scr = report.screening
    assert scr.projects == 2
    rows_by_label = {r.label: r for r in scr.rows}
    own = rows_by_label["3 isOwnershipExplicit"]
    assert (own.compared, own.agree, own.disagree, own.left_to_owner) == (2, 1, 0, 1)
    assert own.said_no_registry_yes == 0
    doc = rows_by_label["5 isDocumentationAvailable"]
    # beta's stub README is no proof either way: its documentation is the owner's to state
    assert (doc.compared, doc.agree, doc.left_to_owner, doc.agreement_answered) == (2, 1, 1, 1.0)
    deps = rows_by_label["4 mandatoryDepsCreateMoreRestrictions"]
    assert (deps.compared, deps.agree, deps.disagree, deps.said_no_registry_yes) == (2, 1, 1, 1)
    assert deps.agreement_answered == 0.5
    pii = rows_by_label["9A collectsPII"]  # no sign of personal data is no answer either way
    assert (pii.compared, pii.agree, pii.disagree, pii.left_to_owner) == (2, 0, 0, 2)
    std = rows_by_label["8 supportStandards"]
    assert std.registry_unknown == 1  # alpha's registry answer is Unknown: not compared
    assert std.compared == 1
    mismatches = {(m.slug, m.label, m.ours, m.registry) for m in scr.mismatches}
    assert ("alpha", "4 mandatoryDepsCreateMoreRestrictions", "No", "Yes") in mismatches
    assert not any(m[:2] == ("beta", "3 isOwnershipExplicit") for m in mismatches)
    totals = scr.totals()
    assert totals.compared == sum(r.compared for r in scr.rows)
    assert totals.agree + totals.disagree + totals.left_to_owner == totals.compared

    # c) license: alpha MIT = MIT; beta has no license at all
    lic = {r.slug: r for r in report.licenses.rows}
    assert (lic["alpha"].ours, lic["alpha"].verdict) == ("MIT", "exact")
    assert (lic["beta"].ours, lic["beta"].verdict) == ("", "none")
    assert {r.slug: r.verdict for r in report.nominee_licenses.rows}["alpha"] == "exact"

    # d) SDGs: the water README's top SDG is 6; beta states no purpose at all
    sdg = {r.slug: r for r in report.sdgs}
    assert sdg["alpha"].ours[0] == 6
    assert (sdg["alpha"].top1, sdg["alpha"].top3) == (True, True)
    assert (sdg["beta"].top1, sdg["beta"].top3) == (False, False)

    text = fidelity.render_markdown(report)
    assert f"False not_met lines: **{raw_not_met} / 22" in text
    assert "| 2 | 1 | 0 | 1 | 0 |" in text
    assert "top-1 SDG among the registry's: **1 = 50.0%**" in text
    summary = fidelity.summary_json(report)
    assert summary["sdg"] == {"projects": 2, "top1": 1, "top3": 1}
    assert summary["license"]["exact"] == 1

    # the cache: a second run with the same source and checkouts reuses the outputs
    run_json = tmp_path / "out" / "alpha" / "run.json"
    before = run_json.stat().st_mtime_ns
    again = fidelity.run_corpus(projects, runner, jobs=1, log=None, repositories=repositories)
    assert run_json.stat().st_mtime_ns == before
    assert again["alpha"].assessment == outputs["alpha"].assessment


@pytest.mark.parametrize(
    ("ours", "theirs", "verdict", "variant"),
    [
        (["GPL-3.0-or-later"], ["GPL-3.0"], "exact", False),  # bare registry id: either variant
        (["GPL-3.0-only"], ["GPL-3.0-or-later"], "exact", True),
        (["AGPL-3.0-only", "CC-BY-SA-4.0"], ["AGPL-3.0"], "superset", False),
        (["MIT"], ["MIT", "CC-BY-4.0"], "overlap", False),
        (["MIT"], ["Apache-2.0"], "disagree", False),
        ([], ["MIT"], "none", False),
        (["lgpl-2.1+"], ["LGPL-2.1"], "exact", False),
    ],
)
def test_license_comparison(
    ours: list[str], theirs: list[str], verdict: str, variant: bool
) -> None:
    assert fidelity.compare_licenses(ours, theirs) == (verdict, variant)


def test_license_ids_drop_operators_and_exceptions() -> None:
    expression = "(GPL-2.0-or-later WITH Classpath-exception-2.0 OR MIT) AND CC-BY-4.0"
    assert fidelity.license_ids(expression) == ["GPL-2.0-or-later", "MIT", "CC-BY-4.0"]


def test_the_cache_key_follows_the_source_of_the_package_the_runner_imports(
    tmp_path: Path,
) -> None:
    """An editable install's sources change without its version: the fingerprint hashes
    the files of the package the runner's Python imports, so changed code is run again."""
    package = tmp_path / "site" / "dpgkit"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("__version__ = '1.0'\n")
    (package / "rules.py").write_text("RULE = 1\n")
    runner = fidelity.Runner(sys.executable, str(tmp_path / "site"), tmp_path / "out", 60.0)
    first = fidelity.source_fingerprint(runner)
    assert fidelity.source_fingerprint(runner) == first
    (package / "rules.py").write_text("RULE = 22\n")
    assert fidelity.source_fingerprint(runner) != first
