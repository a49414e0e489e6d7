"""Indicator 2 end to end: fixture checkouts through `assess`, one per case of the issue."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment, Finding, Outcome, Verdict
from tests.license_helpers import apache_without_appendix, lgpl3_only, license_text, modified_mpl

Factory = Callable[..., Path]
CODE = {"app.py": "def main() -> None:\n    print('hello')\n" * 20}


def run(repo: Path, types: list[str] | None = None) -> Assessment:
    return assess(repo, AssessOptions(types=types or []))


def finding(result: Assessment, probe: str) -> Finding:
    return next(f for f in result.indicator("2").findings if f.probe == probe)


def verdict(result: Assessment) -> Verdict:
    return result.indicator("2").verdict


def test_approved_license_is_met_with_location(repo_factory: Factory) -> None:
    result = run(repo_factory({**CODE, "LICENSE": license_text("Apache-2.0")}))
    assert verdict(result) is Verdict.MET
    main = finding(result, "license_file_identified")
    assert main.data["expression"] == "Apache-2.0"
    assert main.locations[0].path == "LICENSE"
    entry = next(e for e in result.licenses if e.path == "LICENSE")
    assert (entry.spdx, entry.approved, entry.category, entry.source) == (
        "Apache-2.0",
        True,
        "software",
        "file",
    )


def test_apache_without_appendix_and_lesser_plus_gpl(repo_factory: Factory) -> None:
    repo = repo_factory({**CODE, "LICENSE": apache_without_appendix()})
    assert finding(run(repo), "license_file_identified").data["expression"] == "Apache-2.0"
    repo = repo_factory({**CODE, "COPYING.LESSER": lgpl3_only() + license_text("GPL-3.0-only")})
    result = run(repo)
    assert finding(result, "license_file_identified").data["expression"] == "LGPL-3.0-only"
    assert verdict(result) is Verdict.MET


def test_missing_license_is_not_met(repo_factory: Factory) -> None:
    result = run(repo_factory(CODE))
    assert verdict(result) is Verdict.NOT_MET
    assert "No license" in result.indicator("2").summary


@pytest.mark.parametrize(
    ("spdx", "reason"),
    [
        ("EUPL-1.1", "not on the DPG approved list"),
        ("BSD-4-Clause", "not on the DPG approved list"),
        ("SSPL-1.0", "source-available"),
        ("BUSL-1.1", "source-available"),
    ],
)
def test_unapproved_and_source_available(repo_factory: Factory, spdx: str, reason: str) -> None:
    result = run(repo_factory({**CODE, "LICENSE": license_text(spdx)}))
    assert verdict(result) is Verdict.NOT_MET
    assert reason in result.indicator("2").summary
    assert spdx in result.indicator("2").summary


def test_no_derivatives_content_license_is_not_met(repo_factory: Factory) -> None:
    files = {
        "docs/guide.md": "# Guide\n\n" + "Some words. " * 500,
        "LICENSE": license_text("CC-BY-ND-4.0"),
    }
    result = run(repo_factory(files), types=["content"])
    assert verdict(result) is Verdict.NOT_MET
    assert "CC-BY-ND-4.0" in result.indicator("2").summary


def test_commons_clause_and_non_commercial_and_all_rights_reserved(repo_factory: Factory) -> None:
    commons = (
        '"Commons Clause" License Condition v1.0\n\nThe Software is provided to you by the Licensor under the License, as defined below, subject to the following condition.\n\n'
        + license_text("Apache-2.0")
    )
    result = run(repo_factory({**CODE, "LICENSE": commons}))
    assert verdict(result) is Verdict.NOT_MET and "Commons Clause" in result.indicator("2").summary
    nc = "Acme Tool License\n\nYou may use and modify this software for non-commercial purposes only. Any commercial use requires a separate agreement with Acme.\n"
    result = run(repo_factory({**CODE, "LICENSE": nc}))
    assert verdict(result) is Verdict.NOT_MET and "non-commercial" in result.indicator("2").summary
    arr = "Copyright (c) 2024 Acme Corp. All rights reserved.\n\nUnauthorized copying of this file, via any medium, is strictly prohibited.\n"
    result = run(repo_factory({**CODE, "LICENSE": arr}))
    assert (
        verdict(result) is Verdict.NOT_MET
        and "reserves all rights" in result.indicator("2").summary
    )
    manifest = {**CODE, "package.json": json.dumps({"name": "x", "license": "UNLICENSED"})}
    assert "reserves all rights" in run(repo_factory(manifest)).indicator("2").summary


def test_creative_commons_as_only_license_of_software(repo_factory: Factory) -> None:
    result = run(repo_factory({**CODE, "LICENSE": license_text("CC-BY-4.0")}), types=["software"])
    assert verdict(result) is Verdict.NOT_MET
    assert "software needs an OSI-approved license" in result.indicator("2").summary
    assert finding(result, "license_category_fits").outcome is Outcome.FAIL


def test_software_license_on_data_is_a_warning(repo_factory: Factory) -> None:
    files = {"data/table.csv": "a,b\n1,2\n" * 2000, "LICENSE": license_text("MIT")}
    result = run(repo_factory(files), types=["data"])
    assert verdict(result) is Verdict.MET
    fits = finding(result, "license_category_fits")
    assert fits.outcome is Outcome.FAIL and "data" in fits.message
    assert "Note:" in result.indicator("2").summary


def test_conflicting_declarations_show_both_locations(repo_factory: Factory) -> None:
    files = {
        **CODE,
        "LICENSE": license_text("GPL-3.0-only"),
        "package.json": json.dumps({"name": "x", "license": "MIT"}, indent=2),
    }
    result = run(repo_factory(files))
    conflict = finding(result, "license_declarations_consistent")
    assert conflict.outcome is Outcome.FAIL
    assert {loc.path for loc in conflict.locations} == {"LICENSE", "package.json"}
    assert next(loc for loc in conflict.locations if loc.path == "package.json").line == 3
    assert verdict(result) is Verdict.NEEDS_ANSWER


def test_dual_license_files_agree_with_manifest(repo_factory: Factory) -> None:
    files = {
        **CODE,
        "LICENSE-MIT": license_text("MIT"),
        "LICENSE-APACHE": license_text("Apache-2.0"),
        "Cargo.toml": '[package]\nname = "x"\nlicense = "MIT OR Apache-2.0"\n',
    }
    result = run(repo_factory(files))
    assert verdict(result) is Verdict.MET
    assert finding(result, "license_file_identified").data["expression"] == "MIT OR Apache-2.0"
    assert finding(result, "license_declarations_consistent").outcome is Outcome.PASS


@pytest.mark.parametrize(
    ("content", "kind"),
    [("", "is empty"), ("\n  \n", "is empty"), (b"\x00\x01\x02\xff" * 100, "not a text file")],
)
def test_empty_or_binary_license_file(
    repo_factory: Factory, content: str | bytes, kind: str
) -> None:
    result = run(repo_factory({**CODE, "LICENSE": content}))
    assert verdict(result) is Verdict.NEEDS_ANSWER
    assert kind in result.indicator("2").summary


def test_license_file_that_only_says_mit(repo_factory: Factory) -> None:
    result = run(repo_factory({**CODE, "LICENSE": "MIT\n"}))
    assert verdict(result) is Verdict.MET
    valid = finding(result, "license_declarations_valid")
    assert valid.outcome is Outcome.FAIL and "full license text is missing" in valid.message


def test_unidentified_text_needs_answer_then_owner_settles(
    repo_factory: Factory, tmp_path: Path
) -> None:
    repo = repo_factory(
        {
            **CODE,
            "LICENSE": "The Acme Community Terms\n\nYou can do many things with this software as long as you are kind to other people and share improvements back with the community whenever possible.\n",
        }
    )
    result = run(repo)
    assert verdict(result) is Verdict.NEEDS_ANSWER
    answers = tmp_path / "answers.yaml"
    answers.write_text('indicators:\n  "2":\n    licenses: [MIT]\n', encoding="utf-8")
    settled = assess(repo, AssessOptions(answers_path=answers))
    assert settled.indicator("2").verdict is Verdict.MET
    assert "Declared by the owner" in settled.indicator("2").summary


def test_huge_license_file_stays_fast_and_is_identified(repo_factory: Factory) -> None:
    big = (
        license_text("MIT") + "\n" + ("padding line with words that mean nothing\n" * 1_250_000)
    )  # ~52 MB
    result = run(repo_factory({**CODE, "LICENSE": big}))
    assert finding(result, "license_file_identified").data["expression"] == "MIT"
    assert any("LICENSE" in w and "only the first" in w for w in result.warnings)


def test_mixed_encodings(repo_factory: Factory) -> None:
    latin1 = ("Licence française\n\n" + license_text("MIT")).encode("latin-1", errors="replace")
    result = run(
        repo_factory(
            {
                **CODE,
                "LICENSE": latin1,
                "NOTICE": "Copyright © 2024 Société Générale Ouverte\n".encode("cp1252"),
            }
        )
    )
    assert finding(result, "license_file_identified").data["expression"] == "MIT"


def test_package_json_that_is_not_json(repo_factory: Factory) -> None:
    files = {**CODE, "LICENSE": license_text("MIT"), "package.json": "{ name: 'x', license: MIT"}
    result = run(repo_factory(files))
    assert verdict(result) is Verdict.MET
    valid = finding(result, "license_declarations_valid")
    assert valid.outcome is Outcome.FAIL and "package.json could not be parsed" in valid.message


def test_malformed_expression_is_a_finding(repo_factory: Factory) -> None:
    files = {**CODE, "pyproject.toml": '[project]\nname = "x"\nlicense = "MIT AND (GPL-2.0 OR"\n'}
    result = run(repo_factory(files))
    assert verdict(result) is Verdict.NOT_MET
    assert "not a valid SPDX expression" in result.indicator("2").summary
    valid = finding(result, "license_declarations_valid")
    assert valid.locations[0].path == "pyproject.toml" and valid.locations[0].line == 3


def test_every_manifest_kind_is_read(repo_factory: Factory) -> None:
    manifests = {
        "setup.cfg": "[metadata]\nname = x\nlicense = BSD-3-Clause\nclassifiers =\n    License :: OSI Approved :: BSD License\n",
        "composer.json": json.dumps({"name": "a/b", "license": ["BSD-3-Clause"]}),
        "x.gemspec": "Gem::Specification.new do |s|\n  s.license = 'BSD-3-Clause'\nend\n",
        "pom.xml": "<project><licenses><license><name>BSD-3-Clause</name></license></licenses></project>",
        "DESCRIPTION": "Package: x\nLicense: BSD_3_clause + file LICENSE | BSD-3-Clause\n",
        "mix.exs": 'defp package do\n  [licenses: ["BSD-3-Clause"]]\nend\n',
        "pubspec.yaml": "name: x\nlicense: BSD-3-Clause\n",
        "x.csproj": "<Project><PropertyGroup><PackageLicenseExpression>BSD-3-Clause</PackageLicenseExpression></PropertyGroup></Project>",
        "publiccode.yml": "publiccodeYmlVersion: '0.4'\nlegal:\n  license: BSD-3-Clause\n",
    }
    result = run(repo_factory({**CODE, "LICENSE": license_text("BSD-3-Clause"), **manifests}))
    sources = {
        e.path for e in result.licenses if e.source == "manifest" and e.spdx == "BSD-3-Clause"
    }
    assert sources == set(manifests)
    assert verdict(result) is Verdict.MET


def test_tags_headers_reuse_readme_and_vendored(repo_factory: Factory) -> None:
    files = {
        "src/a.py": "# SPDX-License-Identifier: MPL-2.0\nx = 1\n",
        "src/b.c": '/*\n * Licensed under the Apache License, Version 2.0 (the "License");\n */\nint x;\n',
        "src/c.js": "// This program is free software: you can redistribute it and/or modify it under the terms of the\n// GNU Affero General Public License as published by the Free Software Foundation, either version 3\n// of the License, or (at your option) any later version.\nvar x;\n",
        "src/d.py": 'PATTERN = "SPDX-License-Identifier: GPL-2.0"  # a string, not a tag\n',
        "LICENSES/MPL-2.0.txt": license_text("MPL-2.0"),
        "REUSE.toml": 'version = 1\n[[annotations]]\npath = "docs/**"\nSPDX-License-Identifier = "CC-BY-4.0"\n',
        "vendor/lib/LICENSE": license_text("BSD-4-Clause"),
        "README.md": "# X\n\n## License\n\nReleased under the [Mozilla Public License 2.0](https://mozilla.org/MPL/2.0/).\n",
    }
    result = run(repo_factory(files))
    sources = {(e.source, e.spdx) for e in result.licenses}
    assert ("tag", "MPL-2.0") in sources
    assert ("header", "Apache-2.0") in sources
    assert ("header", "AGPL-3.0-or-later") in sources
    assert not any(e.spdx and e.spdx.startswith("GPL-2.0") for e in result.licenses)
    assert ("reuse", "MPL-2.0") in sources and ("reuse", "CC-BY-4.0") in sources
    assert ("readme", "MPL-2.0") in sources
    assert ("file (vendored)", "BSD-4-Clause") in sources
    assert verdict(result) is Verdict.MET, result.indicator(
        "2"
    ).summary  # REUSE declares the license
    components = finding(result, "component_licenses")
    assert components.outcome is Outcome.FAIL and "BSD-4-Clause" in components.message


def test_bad_tag_expression_is_reported(repo_factory: Factory) -> None:
    files = {
        **CODE,
        "LICENSE": license_text("MIT"),
        "src/x.py": "# SPDX-License-Identifier: MIT AND (GPL-2.0 OR\n",
    }
    valid = finding(run(repo_factory(files)), "license_declarations_valid")
    assert valid.outcome is Outcome.FAIL and valid.locations[0].path == "src/x.py"


def test_license_file_with_tag_or_title_over_a_fragment(repo_factory: Factory) -> None:
    fragment = license_text("MIT").split("\n\n")[2]  # the grant sentence only
    for text in ("SPDX-License-Identifier: MIT\n\n" + fragment, "MIT License\n\n" + fragment):
        result = run(repo_factory({**CODE, "LICENSE": text}))
        assert verdict(result) is Verdict.MET
        valid = finding(result, "license_declarations_valid")
        assert valid.outcome is Outcome.FAIL and "full license text is missing" in valid.message
    other = (
        "MIT License\n\nYou may use this only on Tuesdays and must send us a postcard every year.\n"
    )
    assert verdict(run(repo_factory({**CODE, "LICENSE": other}))) is Verdict.NEEDS_ANSWER


def test_reuse_license_files_are_their_own_license(repo_factory: Factory) -> None:
    """LICENSES/<id>.txt is <id>; a LicenseRef-* file holding a license's text unchanged is
    that license, and one holding a text of its own stays the LicenseRef."""
    for name, text, expected in (
        ("MIT.txt", license_text("MIT"), "MIT"),
        ("LicenseRef-MIT.txt", license_text("MIT"), "MIT"),
        (
            "LicenseRef-Acme.txt",
            "Acme Proprietary Terms\n\nYou may read this code. You may not run it.\n",
            "LicenseRef-Acme",
        ),
    ):
        result = run(repo_factory({**CODE, f"LICENSES/{name}": text}))
        entry = next(e for e in result.licenses if e.source == "reuse")
        assert entry.spdx == expected, name
    assert (
        verdict(run(repo_factory({**CODE, "LICENSES/LicenseRef-MIT.txt": license_text("MIT")})))
        is Verdict.MET
    )


def test_modified_license_text_needs_an_answer(repo_factory: Factory) -> None:
    result = run(repo_factory({**CODE, "LICENSE": modified_mpl()}))
    assert verdict(result) is Verdict.NEEDS_ANSWER
    summary = result.indicator("2").summary
    assert "modified MPL-2.0 text" in summary and "MPL-2.0" not in {e.spdx for e in result.licenses}
