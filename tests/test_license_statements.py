"""License statements in prose (issue 13 item 7, issue 18 cases 1-4): notices, references,
grants after a reservation, "or later", Creative Commons statements on pages.

Texts are written for these tests; the GNU, Apache and Creative Commons sentences are the
licenses' own standard notices.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.assess import AssessOptions, assess
from dpgkit.facts import gather_facts
from dpgkit.inventory import build_inventory
from dpgkit.licenses.declarations import find_declarations
from dpgkit.licenses.statements import statements
from dpgkit.licenses.verdict import ProjectLicense, project_license
from dpgkit.model import Outcome, Verdict
from dpgkit.standard import load_standard
from tests.license_helpers import license_text

Factory = Callable[..., Path]
CODE = {"app.py": "def main() -> None:\n    print('hello')\n" * 20}
GNU_AGPL_NOTICE = (
    "This program is free software: you can redistribute it and/or modify\n"
    "it under the terms of the [GNU Affero General Public License](https://www.gnu.org/licenses/agpl-3.0.html)\n"
    "as published by the Free Software Foundation, either version 3 of the License, or\n"
    "(at your option) any later version.\n"
)
APACHE_NOTICE = (
    'Licensed under the Apache License, Version 2.0 (the "License");\n'
    "you may not use this file except in compliance with the License.\n"
    "You may obtain a copy of the License at\n\n    http://www.apache.org/licenses/LICENSE-2.0\n"
)
CC_BY_SA = (
    "This work is licensed under a Creative Commons Attribution-ShareAlike 4.0 "
    "International License."
)


def project(repo: Path) -> ProjectLicense:
    inventory = build_inventory(repo)
    facts = gather_facts(inventory)
    return project_license(find_declarations(inventory, facts.readme), load_standard(), facts.types)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GNU_AGPL_NOTICE, ("AGPL-3.0-or-later", "notice")),
        (
            "under the terms of the GNU General Public License version 2 as published by the FSF.",
            ("GPL-2.0-only", "notice"),
        ),
        (
            "GNU Lesser General Public License as published by the Free Software Foundation; "
            "either version 2.1 of the License, or (at your option) any later version.",
            ("LGPL-2.1-or-later", "notice"),
        ),
        (APACHE_NOTICE, ("Apache-2.0", "notice")),
        (
            "This Source Code Form is subject to the terms of the Mozilla Public License, v. 2.0.",
            ("MPL-2.0", "notice"),
        ),
        ("Released under the MIT License.", ("MIT", "reference")),
        (
            "you may use it under the terms of GNU [GPL-3.0]+ license.",
            ("GPL-3.0-or-later", "reference"),
        ),
        (
            '<p>This work is licensed under a <a rel="license" href="http://creativecommons.org/'
            'licenses/by-sa/4.0/">Creative Commons Attribution-ShareAlike 4.0 International '
            "License</a>.</p>",
            ("CC-BY-SA-4.0", "notice"),
        ),
        (
            'This work is licensed under a{" "}\n<a href="https://creativecommons.org/licenses/'
            'by-nc/4.0/">Creative Commons Attribution-NonCommercial 4.0 International</a>',
            ("CC-BY-NC-4.0", "notice"),
        ),
        ("The content is CC BY 4.0.", ("CC-BY-4.0", "notice")),
    ],
)
def test_statements_in_markdown_html_and_jsx(text: str, expected: tuple[str, str]) -> None:
    found = statements(text)
    assert [(item.spdx, item.kind) for item in found] == [expected]
    assert found[0].own


def test_a_statement_about_a_dependency_is_not_the_works_own() -> None:
    found = statements("The map uses Leaflet, which is available under the BSD-2-Clause license.")
    assert [(item.spdx, item.own) for item in found] == [("BSD-2-Clause", False)]
    assert statements("Licenses are listed in the handbook. Version 2 is out.") == []


def test_all_rights_reserved_then_a_grant_is_the_grant(repo_factory: Factory) -> None:
    granted = (
        "Copyright (c) 2021 Example Health. All rights reserved.\n\n"
        "You are permitted to use and redistribute this software under the terms of\n"
        "GNU [GPL-3.0]+ license.\n"
    )
    result = project(repo_factory({**CODE, "LICENSE": granted}))
    assert (result.status, result.expression) == ("approved", "GPL-3.0-or-later")
    reserved = "Copyright (c) 2021 Example Health. All rights reserved.\n"
    assert project(repo_factory({**CODE, "LICENSE": reserved})).status == "all_rights_reserved"


def test_gnu_notice_with_markdown_links_is_or_later(repo_factory: Factory) -> None:
    result = project(repo_factory({**CODE, "LICENSE.md": "# License\n\n" + GNU_AGPL_NOTICE}))
    assert (result.status, result.expression) == ("approved", "AGPL-3.0-or-later")
    assert any("full license text is not included" in w for w in result.warnings)


def test_apache_short_notice_quoted_in_license_file(repo_factory: Factory) -> None:
    text = (
        "This software is licensed under the Apache 2 license, quoted below.\n\n"
        "Copyright 2020 Example Org\n\n" + APACHE_NOTICE
    )
    assert project(repo_factory({**CODE, "LICENSE": text})).expression == "Apache-2.0"


def test_or_later_from_notices_beside_a_full_text(repo_factory: Factory) -> None:
    gpl = license_text("GPL-3.0-only")
    alone = project(repo_factory({**CODE, "COPYING": gpl}))
    # The full text's own "How to apply" sample notice says "any later version": not a vote.
    assert alone.expression == "GPL-3.0-only"
    notice = GNU_AGPL_NOTICE.replace("Affero ", "").replace("agpl-3.0", "gpl-3.0")
    readme = f"# Tool\n\n## License\n\n{notice}"
    both = project(repo_factory({**CODE, "COPYING": gpl, "README.md": readme}))
    assert both.expression == "GPL-3.0-or-later"
    preamble = project(repo_factory({**CODE, "COPYING": notice + "\n\n" + gpl}))
    assert preamble.expression == "GPL-3.0-or-later"


def test_creative_commons_statement_in_readme_of_a_content_project(repo_factory: Factory) -> None:
    chapters = {
        f"chapters/{n:02}.md": f"# Chapter {n}\n\n" + "Plain guidance. " * 400 for n in range(6)
    }
    readme = "# Field handbook\n\nGuidance for health workers.\n\n" + CC_BY_SA + "\n"
    result = assess(repo_factory({**chapters, "README.md": readme}), AssessOptions())
    assert result.project.types == ["content"]
    indicator = result.indicator("2")
    assert indicator.verdict is Verdict.MET, indicator.summary
    assert "CC-BY-SA-4.0" in indicator.summary


@pytest.mark.parametrize(
    ("path", "page"),
    [
        (
            "pages/about.html",
            f"<html><body><main>x</main><footer><p>{CC_BY_SA}</p></footer></body></html>",
        ),
        (
            "src/components/Footer.jsx",
            'export default function Footer() {\n  return (\n    <footer>\n      This work is licensed under a{" "}\n'
            '      <a rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/">\n'
            "        Creative Commons Attribution-ShareAlike 4.0 International License\n"
            "      </a>\n    </footer>\n  );\n}\n",
        ),
    ],
)
def test_creative_commons_statement_on_a_page(repo_factory: Factory, path: str, page: str) -> None:
    lessons = {
        f"lessons/{n}.md": f"# Lesson {n}\n\n" + "Wash hands before care. " * 250 for n in range(6)
    }
    files = {
        "README.md": "# Course\n\nLessons.\n",
        "_config.yml": "title: Course\n",  # the site generator around the lessons
        **lessons,
        path: page,
    }
    result = project(repo_factory(files))
    assert (result.status, result.expression) == ("approved", "CC-BY-SA-4.0")
    assert result.evidence[0].path == path and result.evidence[0].source == "page"


def test_license_named_only_in_passing_is_a_question(repo_factory: Factory) -> None:
    readme = (
        "# Toolkit\n\nCharter of the toolkit.\n\nAll inbound code contributions must be made "
        "under the Apache License, Version 2.0.\n"
    )
    result = assess(repo_factory({**CODE, "README.md": readme}), AssessOptions())
    indicator = result.indicator("2")
    assert indicator.verdict is Verdict.NEEDS_ANSWER, indicator.summary
    main = next(f for f in indicator.findings if f.probe == "license_file_identified")
    assert main.outcome is Outcome.UNKNOWN
    question = next(q for q in indicator.questions if q.id == "2.licenses")
    assert question.suggestion == "Apache-2.0"
    assert assess(repo_factory(CODE), AssessOptions()).indicator("2").verdict is Verdict.NOT_MET


def test_reuse_dep5_and_toml_state_or_later(repo_factory: Factory) -> None:
    dep5 = (
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\n"
        "Files: *\nCopyright: 2024 Example Org\nLicense: GPL-3.0-or-later\n"
    )
    result = project(repo_factory({**CODE, ".reuse/dep5": dep5}))
    assert (result.status, result.expression) == ("approved", "GPL-3.0-or-later")
    toml = 'version = 1\n[[annotations]]\npath = "**"\nSPDX-License-Identifier = "EUPL-1.2"\n'
    assert project(repo_factory({**CODE, "REUSE.toml": toml})).expression == "EUPL-1.2"


def test_a_software_sites_footer_is_a_question_not_its_license(repo_factory: Factory) -> None:
    code = {f"src/app{n}.js": "export const visit = (p) => p;\n" * 400 for n in range(5)}
    footer = f"export const Footer = () => <footer>{CC_BY_SA}</footer>;\n"
    result = project(repo_factory({**code, "src/Footer.jsx": footer, "README.md": "# App\n"}))
    assert (result.status, result.expression) == ("unconfirmed", "CC-BY-SA-4.0")
    assert "Which license covers the project?" in result.message


def test_a_program_in_a_folder_with_its_own_license(repo_factory: Factory) -> None:
    package = {
        "pkg/R/visits.R": "visits <- function(x) x\n" * 50,
        "pkg/LICENSE.md": license_text("MIT"),
        "pkg/DESCRIPTION": "Package: visits\nLicense: MIT + file LICENSE\n",
        "README.md": "# Visits\n",
    }
    result = project(repo_factory(package))
    assert (result.status, result.expression) == ("approved", "MIT")
    assert "not at the top level" in result.message
    bundled = {
        **CODE,
        "server/static/js/app.1a2b.js.LICENSE.txt": license_text("MIT"),
        "vendor/lib/LICENSE": license_text("BSD-3-Clause"),
    }
    assert project(repo_factory(bundled)).status == "missing"
    reserved = {**package, "package.json": '{"name": "visits", "license": "UNLICENSED"}'}
    assert project(repo_factory(reserved)).status == "all_rights_reserved"


def test_a_modules_manifest_is_not_the_repositorys_license(repo_factory: Factory) -> None:
    files = {
        **CODE,
        "helper/pom.xml": "<project><licenses><license><name>MIT</name></license></licenses></project>",
    }
    assert project(repo_factory(files)).status == "missing"


def test_texts_without_a_key_word_are_not_masked_and_give_what_masking_gives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The shortcut that skips texts with none of the patterns' words finds what the full
    reading finds, on the license fixtures and on texts cut and glued around markup."""
    from dpgkit.licenses import statements as module

    texts = [path.read_text() for path in sorted(Path("tests/fixtures/licenses").glob("*"))]
    texts += [
        "Released under the **CC** *BY* 4.0 license",
        "x_cc-by-sa 4.0",
        "<b>Creative</b> <i>Commons</i> Attribution 4.0 International",
        "public_domain dedication; CC0",
        "accessible to every user: see the map",
        GNU_AGPL_NOTICE,
    ]
    texts += [text[start : start + 300] for text in texts for start in range(0, 2000, 150)]
    assert module._may_state("accessible to every user") is False
    guarded = [module.statements(text) for text in texts]
    assert any(guarded)
    monkeypatch.setattr(module, "_may_state", lambda lowered: True)
    assert guarded == [module.statements(text) for text in texts]
