"""The project's own evidence first (issue 20): a nomination never cites another project's
files or pages as the project's owner, license, documentation or standards evidence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.answers import Answers
from dpgkit.assess import assess
from dpgkit.evidence.copyright import copyright_lines
from dpgkit.inventory.classify import is_third_party_path
from dpgkit.nomination import Nomination, build_nomination, record_data
from dpgkit.nomination.own_pages import is_own_page, is_page, project_names
from dpgkit.nomination.prose import sdg_evidence, sentence, spoken_list
from dpgkit.ownership.analysis import clean_name
from dpgkit.registry import RecordKind, record_errors
from tests.conftest import WATER_WATCH_README, git, mit_license

GPL_EXCERPT = (
    "                    GNU GENERAL PUBLIC LICENSE\n"
    "                       Version 3, 29 June 2007\n\n"
    " Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>\n\n"
    '  "This License" refers to version 3 of the GNU General Public License.\n\n'
    '  "Copyright" also means copyright-like laws that apply to other kinds of\n'
    "works, such as semiconductor masks.\n\n"
    "  All rights granted under this License are granted for the term of\n"
    "copyright on the Program, and are irrevocable provided the stated\n"
    "conditions are met.\n"
)


@pytest.mark.parametrize(
    ("path", "theirs"),
    [
        ("vendor/leaflet/LICENSE", True),
        ("Vendor/Leaflet/LICENSE", True),
        ("adminpanel/static/admin/font-awesome/svgs/solid/user.svg", True),
        ("assets/fonts/Poppins/OFL.txt", True),
        ("src/fonts/DMSans/OFL.txt", True),
        ("protected/assets/components/pdfjs/web/locale/ach/viewer.properties", True),
        ("web/src/components/Privacy.vue", False),
        ("web/client/components/common/ShareQueryModal/exportToFHIR.js", False),
        ("public/css/components/button.css", False),
        ("static/js/lib/jquery.js", True),
        ("src/wwwroot/testresources/lib/jquery-validation/LICENSE.txt", True),
        ("LICENSES-3RD-PARTY/LICENSE-BSD3", True),
        (".yarn/plugins/@yarnpkg/plugin-outdated.cjs", True),
        ("docs/_build/html/index.html", True),
        ("js/jquery-3.6.0.min.js", True),
        ("README.md", False),
        ("docs/privacy.md", False),
        ("package-lock.json", False),  # the project's own record of its dependencies
        ("web/src/plugins/privacy.vue", False),  # an app's own source under web/
        ("frontend/src/pages/privacy-policy.vue", False),
        ("static/css/app.css", False),
    ],
)
def test_third_party_paths(path: str, theirs: bool) -> None:
    assert is_third_party_path(path) is theirs


def test_a_license_texts_own_prose_names_no_owner() -> None:
    found = list(copyright_lines(GPL_EXCERPT + "\nCopyright 2021 Thoughtworks Inc\n"))
    assert [name for _, name, _ in found] == ["Thoughtworks Inc"]
    headers = "# copyright 2020 Foo Ltd\n// copyright (C) Bar\n * Copyright Baz GmbH\n"
    assert [name for _, name, _ in copyright_lines(headers)] == ["Foo Ltd", "Bar", "Baz GmbH"]


def test_own_pages_name_the_project() -> None:
    names = project_names(["Apache Fineract", "apache", "fineract"])
    assert is_own_page("https://cwiki.apache.org/confluence/display/FINERACT/FAQ", names)
    assert is_own_page("https://fineract.apache.org/docs/current/", names)
    carbon = project_names(["cloud-carbon-footprint"])
    assert is_own_page("https://www.cloudcarbonfootprint.org/docs/methodology", carbon)
    assert not is_own_page("https://docs.docker.com/compose/install/", names)
    assert not is_own_page("https://hub.docker.com/_/mariadb", names)
    mifos = project_names(["Mifos-Mobile Android Application for MifosX", "openMF", "mifos-mobile"])
    assert not is_own_page("https://developer.android.com/jetpack/compose", mifos)
    assert is_own_page("https://mifosforge.jira.com/wiki/spaces/MIFOSX/overview", mifos)
    assert is_own_page("https://github.com/openMF/android-client/wiki/Set-up", mifos)
    webxr = project_names(["vrapeutic-webxr-rodja", "vrapeutic", "Rodja-webXR"])
    assert not is_own_page("https://developer.oculus.com/webxr/", webxr)  # a topic
    xr = project_names(["Project Overview", "XRAccessibility", "xraccessibility.github.io"])
    assert not is_own_page("https://roland-dubois.github.io/aframe-meetup-nyc/", xr)
    assert is_own_page("https://xraccessibility.github.io/guide/", xr)
    assert not is_page("https://localhost:8443/fineract-provider/legacy-docs/apiLive.htm")
    assert not is_page("https://raw.githubusercontent.com/wiki/o/fineract/img/flow.jpg")
    assert is_page("https://fineract.apache.org/docs/current/")
    # Documents the project published on a shared platform, whose address names an id.
    assert is_own_page("https://documenter.getpostman.com/view/7043186/Tz5qaxaN", names)
    assert is_own_page("https://smartregister.atlassian.net/wiki/spaces/Documentation", names)
    assert is_own_page("https://docs.google.com/document/d/1LGzwyxDzH6BmnVn94/edit", names)
    assert not is_own_page("https://docs.google.com/forms/d/e/1FAIpQLSe/viewform", names)


README = (
    WATER_WATCH_README
    + """
## Documentation

The user manual is at https://waterwatch.readthedocs.io/en/latest/.

## Setup

Install Docker (https://docs.docker.com/engine/install/) and PostgreSQL
(https://www.postgresql.org/docs/current/tutorial-install.html), then open
https://localhost:8443/docs/ and see the flow chart at
https://waterwatch.readthedocs.io/en/latest/_images/flow.png.
"""
)

CHECKOUT = {
    "README.md": README,
    "LICENSE": "Water Watch\n\n" + GPL_EXCERPT,
    "docs/using.md": "# Using Water Watch\n\nHow to record a well and its tests.\n",
    "docs/Aardvark load test.pdf": "%PDF-1.4\n% figures of a load test\n",
    # A library's copy served as it is, with its authors' header.
    "web/static/js/bootstrap.js": "/*!\n * Bootstrap v5.3.0 (https://getbootstrap.com/)\n"
    " * Copyright 2011-2023 The Bootstrap Authors\n */\nvar bootstrap = {};\n",
    # Someone else's files: a font and its license, a library with its license, icons.
    "assets/fonts/Poppins/OFL.txt": "Copyright 2020 The Poppins Project Authors\n\n"
    "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n",
    "static/lib/leaflet/LICENSE": mit_license("Vladimir Agafonkin"),
    "LICENSES-3RD-PARTY/LICENSE-MIT": mit_license("Other People"),
    **{
        f"app/static/admin/font-awesome/svgs/icon{n}.svg": (
            "<!-- Font Awesome Free 6.4.0 by @fontawesome - https://fontawesome.com "
            "Copyright 2023 Fonticons, Inc. -->\n<svg></svg>\n"
        )
        for n in range(6)
    },
    "AUTHORS": "Water Watch Trust\n",
}


@pytest.fixture(scope="module")
def nomination(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict, Nomination]:
    from tests.conftest import make_repo

    root = make_repo(tmp_path_factory.mktemp("own") / "water-watch", CHECKOUT)
    git(root, "remote", "add", "origin", "git@github.com:waterwatch/water-watch.git")
    built = build_nomination(assess(root), Answers())
    return record_data(built.nominee), record_data(built.screening), built


def test_documentation_links_are_the_projects_own_pages(
    nomination: tuple[dict, dict, Nomination],
) -> None:
    nominee, screening, built = nomination
    urls = screening["documentation"]["documentationURL"]
    # The pages set aside are still there for the owner to see, in the provenance file.
    source = built.provenance.fields["screening"]["/documentation/documentationURL"]
    assert "https://docs.docker.com/engine/install/" in (source.note or "")
    assert urls[0] == "https://waterwatch.readthedocs.io/en/latest/"
    assert not [u for u in urls if "docker" in u or "postgresql" in u or "localhost" in u]
    assert not [u for u in urls if u.endswith(".png")]
    assert any(u.endswith("/README.md") for u in urls)
    assert urls[-1].endswith("/docs/using.md")  # a page to read, not the PDF beside it
    assert record_errors(RecordKind.SCREENING, screening) == []
    assert record_errors(RecordKind.NOMINEE, nominee) == []


def test_no_evidence_from_someone_elses_files(
    nomination: tuple[dict, dict, Nomination],
) -> None:
    nominee, screening, _ = nomination
    text = repr((nominee, screening))
    for theirs in (
        *("Poppins", "leaflet", "LICENSES-3RD-PARTY", "font-awesome", "Fonticons"),
        *("Bootstrap", "bootstrap.js"),
    ):
        assert theirs not in text
    assert [entry["spdx"] for entry in nominee["license"]] == ["GPL-3.0"]
    # The GPL's own words ("Copyright" also means ...) name no owner.
    assert "also means" not in text and "on the Program" not in text
    assert screening["clearOwnership"].get("copyrightURL", "").endswith("/AUTHORS#L1")


def test_an_older_assessments_suggestion_does_not_bring_back_set_aside_entries(
    repo_factory: Callable[..., Path],
) -> None:
    root = repo_factory(
        {
            "README.md": "# Tool\n\nA tool. Install Docker: https://docs.docker.com/install/\n\n"
            + "Its manual: https://docs.docker.com/manual/\n" * 2,
            "LICENSE": mit_license("Tool Org"),
        },
        remote="git@github.com:toolorg/tool.git",
    )
    built = build_nomination(assess(root), Answers())
    urls = record_data(built.screening)["documentation"].get("documentationURL", [])
    assert not [u for u in urls if "docker.com" in u]


def test_text_fields_read_as_sentences_not_joined_fragments() -> None:
    assert spoken_list(["3.b", "3.8", "3.a"]) == "3.b, 3.8 and 3.a"
    assert sentence("locating health facilities while investigating malaria cases") == (
        "Locating health facilities while investigating malaria cases."
    )
    text = sdg_evidence(["6.1", "6.b"], ["Volunteers record test results;", "Wells are mapped."])
    assert text == "Targets 6.1 and 6.b. Volunteers record test results. Wells are mapped."
    assert "; " not in text


def test_markup_is_no_ones_name() -> None:
    """A settings file's <copyright enabled="True" /> element is not a copyright owner."""
    assert clean_name('enabled="True" />') is None
    assert clean_name("Thoughtworks Inc") == "Thoughtworks Inc"
