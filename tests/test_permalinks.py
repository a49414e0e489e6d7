"""Evidence a reviewer can open: permalinks from each kind of remote, lists as lists, and
the project's own files (issue 20). Every checkout is built with real git."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from dpgkit.answers import Answers, parse_answers
from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment
from dpgkit.nomination import NominationInputError, build_nomination, record_data
from dpgkit.nomination.links import repository_of, web_url
from dpgkit.registry import RecordKind, record_errors
from dpgkit.reports.markdown import render_markdown
from dpgkit.reports.sarif import sarif_log
from dpgkit.standard import load_standard
from tests.conftest import WATER_WATCH_README, git, mit_license, run_dpg

FONT_AWESOME_SVG = (
    "<!-- Font Awesome Free 6.4.0 by @fontawesome - https://fontawesome.com License - "
    "https://fontawesome.com/license/free Copyright 2023 Fonticons, Inc. -->\n"
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><path d="M0 0h1v1z"/></svg>\n'
)

CHECKOUT: dict[str, str] = {
    "README.md": WATER_WATCH_README
    + "\nThe full guide is at https://waterwatch.readthedocs.io/en/latest/.\n",
    "LICENSE": mit_license("Water Watch Trust"),
    # A documentation page whose name has a space and non-ASCII letters.
    "docs/Guía de uso.md": "# Guía de uso\n\nCómo registrar un pozo y sus análisis de agua.\n",
    "PRIVACY.md": "# Privacy policy\n\nVolunteers' phone numbers are kept under the GDPR.\n",
    "CODE_OF_CONDUCT.md": "# Code of conduct\n\nReport harassment to conduct@water.example.org.\n",
    "openapi.yaml": 'openapi: 3.0.0\ninfo:\n  title: Water Watch API\n  version: "1"\npaths: {}\n',
    "SECURITY.md": "# Security\n\nReport vulnerabilities privately to security@water.example.org.\n",
    ".github/dependabot.yml": "version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n",
    # Third-party files that name other owners: never the project's ownership evidence.
    "vendor/leaflet/LICENSE": "Copyright (c) 2010-2023, Vladimir Agafonkin\n",
    **{f"app/static/fontawesome/svgs/icon{n}.svg": FONT_AWESOME_SVG for n in range(12)},
}

# remote -> (web address, the shape of a file link: ref and path groups)
REMOTES = {
    "https://github.com/waterwatch/water-watch.git": (
        "https://github.com/waterwatch/water-watch",
        r"/blob/(?P<ref>[0-9a-f]{40})/(?P<path>[^#]+)(?:#L\d+)?$",
    ),
    "git@github.com:waterwatch/water-watch.git": (
        "https://github.com/waterwatch/water-watch",
        r"/blob/(?P<ref>[0-9a-f]{40})/(?P<path>[^#]+)(?:#L\d+)?$",
    ),
    "https://ci-bot:ghp_secretvalue@github.com/waterwatch/water-watch.git": (
        "https://github.com/waterwatch/water-watch",
        r"/blob/(?P<ref>[0-9a-f]{40})/(?P<path>[^#]+)(?:#L\d+)?$",
    ),
    "ssh://git@gitlab.example.org:2222/health/tools/water-watch.git": (
        "https://gitlab.example.org/health/tools/water-watch",
        r"/-/blob/(?P<ref>[0-9a-f]{40})/(?P<path>[^#]+)(?:#L\d+)?$",
    ),
    "https://oauth2:glpat-token@gitlab.com/health/water-watch": (
        "https://gitlab.com/health/water-watch",
        r"/-/blob/(?P<ref>[0-9a-f]{40})/(?P<path>[^#]+)(?:#L\d+)?$",
    ),
    "https://dev@bitbucket.org/waterwatch/water-watch.git": (
        "https://bitbucket.org/waterwatch/water-watch",
        r"/src/(?P<ref>[0-9a-f]{40})/(?P<path>[^#]+)(?:#lines-\d+)?$",
    ),
    "git@codeberg.org:waterwatch/water-watch.git": (
        "https://codeberg.org/waterwatch/water-watch",
        r"/src/commit/(?P<ref>[0-9a-f]{40})/(?P<path>[^#]+)(?:#L\d+)?$",
    ),
    "git@git.sr.ht:~waterwatch/water-watch": (
        "https://git.sr.ht/~waterwatch/water-watch",
        r"/tree/(?P<ref>[0-9a-f]{40})/item/(?P<path>[^#]+)(?:#L\d+)?$",
    ),
}

# Screening fields that hold addresses, and list fields written one entry per item.
URL_POINTERS = ("/clearOwnership/copyrightURL", "/documentation/documentationURL")
ANSWERS_9C = {
    "standard_version": "1.1.7",
    "indicators": {"9A": {"collects_pii": "Yes"}, "9C": {"user_interaction": "Yes"}},
}


def strings(value: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{pointer}/{index}")
    elif isinstance(value, str):
        yield pointer, value


def answers_9c() -> Answers:
    return parse_answers(ANSWERS_9C, load_standard("1.1.7"), "test")


@pytest.fixture(scope="module")
def checkouts(tmp_path_factory: pytest.TempPathFactory) -> dict[str | None, Assessment]:
    """One real checkout per remote form (and one without), assessed once."""
    from tests.conftest import make_repo

    found: dict[str | None, Assessment] = {}
    for index, remote in enumerate([*REMOTES, None]):
        root = make_repo(tmp_path_factory.mktemp(f"remote{index}") / "water-watch", CHECKOUT)
        if remote:
            git(root, "remote", "add", "origin", remote)
        found[remote] = assess(root)
    return found


@pytest.mark.parametrize("remote", list(REMOTES))
def test_every_link_opens_a_file_of_the_checkout_at_its_commit(
    checkouts: dict[str | None, Assessment], remote: str
) -> None:
    assessment = checkouts[remote]
    base, shape = REMOTES[remote]
    nomination = build_nomination(assessment, answers_9c())
    nominee, screening = record_data(nomination.nominee), record_data(nomination.screening)
    assert record_errors(RecordKind.NOMINEE, nominee) == []
    assert record_errors(RecordKind.SCREENING, screening) == []
    assert nominee["repositories"] == [{"name": "main", "url": base}]
    text = json.dumps([nominee, screening, nomination.provenance.model_dump(mode="json")])
    assert "secretvalue" not in text and "glpat-token" not in text and "ci-bot" not in text

    root = Path(assessment.project.path)
    commit = git(root, "rev-parse", "HEAD").strip()
    links = [
        (pointer, value)
        for record in (nominee, screening)
        for pointer, value in strings(record)
        if value.startswith(base + "/")
    ]
    assert {p for p, _ in links} >= {
        "/license/0/licenseURL",
        "/clearOwnership/copyrightURL",
        "/documentation/documentationURL/1",
        "/documentation/documentationURL/2",
    }
    for pointer, value in links:
        url = value.rsplit(" - ", 1)[-1]  # "Title - URL" entries
        match = re.search(shape, url.removeprefix(base))
        assert match, f"{pointer}: {url} is not a {base} file link"
        assert match.group("ref") == commit
        path = unquote(match.group("path"))
        git(root, "cat-file", "-e", f"{commit}:{path}")  # the file is in the commit
    for pointer, value in strings(screening):
        if pointer.startswith(URL_POINTERS):
            assert value.startswith(("https://", "http://")), f"{pointer}: {value}"


def test_paths_with_spaces_and_accents_are_percent_encoded(
    checkouts: dict[str | None, Assessment],
) -> None:
    nomination = build_nomination(checkouts["git@github.com:waterwatch/water-watch.git"], Answers())
    urls = record_data(nomination.screening)["documentation"]["documentationURL"]
    page = next(url for url in urls if "docs/" in url)
    assert page.endswith("/docs/Gu%C3%ADa%20de%20uso.md")
    assert urls[0] == "https://waterwatch.readthedocs.io/en/latest/"  # the linked docs site first


def test_lists_have_one_entry_per_item_in_the_registrys_style(
    checkouts: dict[str | None, Assessment],
) -> None:
    nomination = build_nomination(
        checkouts["git@github.com:waterwatch/water-watch.git"], answers_9c()
    )
    screening = record_data(nomination.screening)
    commit = checkouts["git@github.com:waterwatch/water-watch.git"].project.commit
    blob = f"https://github.com/waterwatch/water-watch/blob/{commit}"
    assert screening["standards"]["standardsList"] == ["OpenAPI"]
    assert screening["standards"]["evidenceStandardSupport"][0].startswith(
        f"OpenAPI - {blob}/openapi.yaml"
    )
    assert screening["privacy"]["privacyComplianceList"] == [
        "General Data Protection Regulation (GDPR)"
    ]
    assert screening["privacy"]["adherenceSteps"] == [f"Privacy policy - {blob}/PRIVACY.md"]
    steps = screening["doNoHarm"]["protectionFromHarassment"]["harassmentProtectionSteps"]
    assert steps == [f"Code of conduct - {blob}/CODE_OF_CONDUCT.md"]
    # A text field reads as sentences, each with its link.
    description = screening["doNoHarm"]["dataPrivacySecurity"]["privacySecurityDescription"]
    assert f"Dependency updates are automated ({blob}/.github/dependabot.yml)." in description
    assert f"({blob}/SECURITY.md)." in description
    for pointer, value in strings(screening):
        assert "; " not in value, f"{pointer} joins several entries: {value}"


def test_vendored_and_third_party_copyrights_are_never_ownership_evidence(
    checkouts: dict[str | None, Assessment],
) -> None:
    nomination = build_nomination(checkouts["git@github.com:waterwatch/water-watch.git"], Answers())
    assert [o.name for o in nomination.nominee.organizations] == ["Water Watch Trust"]
    url = nomination.screening.clearOwnership.copyrightURL or ""
    assert url.endswith("/LICENSE#L3")
    evidence = nomination.provenance.fields["screening"]["/clearOwnership/copyrightURL"].evidence
    for ref in evidence:
        assert ref.path and not ref.path.startswith(("vendor/", "app/static/"))


def test_without_a_remote_paths_stay_and_each_field_is_listed_as_needing_a_link(
    checkouts: dict[str | None, Assessment],
) -> None:
    nomination = build_nomination(checkouts[None], Answers())
    screening = record_data(nomination.screening)
    assert screening["clearOwnership"]["copyrightURL"] == "LICENSE"
    assert "README.md" in screening["documentation"]["documentationURL"]
    needing = {
        (fact.record, fact.field)
        for fact in nomination.provenance.missing
        if fact.question == "general.repository_url"
    }
    assert {
        ("nominee", "/license/0/licenseURL"),
        ("screening", "/clearOwnership/copyrightURL"),
        ("screening", "/documentation/documentationURL"),
    } <= needing
    required = {(f.record, f.field) for f in nomination.missing_required}
    assert ("nominee", "/license/0/licenseURL") in required  # the registry requires it
    assert ("screening", "/clearOwnership/copyrightURL") not in required  # recommended
    assert nomination.nominee.repositories is None


def test_a_folder_inside_a_repository_links_from_that_folder(
    repo_factory: Callable[..., Path],
) -> None:
    root = repo_factory(
        {f"tools/water watch/{path}": text for path, text in CHECKOUT.items()},
        remote="git@github.com:waterwatch/monorepo.git",
    )
    assessment = assess(root / "tools" / "water watch")
    assert assessment.project.path_in_repository == "tools/water watch"
    nomination = build_nomination(assessment, Answers())
    commit = git(root, "rev-parse", "HEAD").strip()
    assert nomination.nominee.license[0].licenseURL == (
        f"https://github.com/waterwatch/monorepo/blob/{commit}/tools/water%20watch/LICENSE"
    )


def test_repository_url_from_the_option_or_the_answers_file(
    checkouts: dict[str | None, Assessment],
) -> None:
    assessment = checkouts[None]
    commit = assessment.project.commit
    expected = f"https://codeberg.org/ww/water-watch/src/commit/{commit}/LICENSE"
    by_option = build_nomination(
        assessment, Answers(), repository_url="https://codeberg.org/ww/water-watch.git"
    )
    answers = parse_answers(
        {
            "standard_version": "1.1.7",
            "general": {"repository_url": "git@codeberg.org:ww/water-watch"},
        },
        load_standard("1.1.7"),
        "test",
    )
    by_answer = build_nomination(assessment, answers)
    for nomination in (by_option, by_answer):
        assert nomination.nominee.license[0].licenseURL == expected
        assert not [
            f for f in nomination.provenance.missing if f.question == "general.repository_url"
        ]
        assert nomination.provenance.project.repository_url == "https://codeberg.org/ww/water-watch"
    with pytest.raises(NominationInputError, match="not a public repository address"):
        build_nomination(assessment, Answers(), repository_url="/srv/git/water-watch")


def test_the_cli_takes_repository_url_and_reports_link_the_same_files(
    checkouts: dict[str | None, Assessment], tmp_path: Path
) -> None:
    root = Path(checkouts[None].project.path)
    commit = checkouts[None].project.commit
    out = tmp_path / "nomination"
    url = "https://github.com/waterwatch/water-watch"
    result = run_dpg(
        "nominate", str(root), "--allow-incomplete", "--repository-url", url, "--out", str(out)
    )
    assert result.returncode in (0, 1), result.stderr
    screening = json.loads((out / "digitalpublicgoods/water-watch.json").read_text("utf-8"))
    assert screening["clearOwnership"]["copyrightURL"] == f"{url}/blob/{commit}/LICENSE#L3"
    bad = run_dpg("nominate", str(root), "--repository-url", "not a url", "--out", str(out))
    assert bad.returncode == 2 and "not a public repository address" in bad.stderr
    assert "Traceback" not in bad.stderr

    # The reports link the same file at the same commit.
    assessment = assess(root, AssessOptions(repository_url=url))
    markdown = render_markdown(assessment)
    assert f"({url}/blob/{commit}/LICENSE#L3)" in markdown or f"({url}/blob/{commit}/LICENSE" in (
        markdown
    )
    provenance = sarif_log(assessment)["runs"][0]["versionControlProvenance"][0]
    assert provenance["repositoryUri"] == url
    assert provenance["revisionId"] == commit
    html = run_dpg("assess", str(root), "--format", "html", "--repository-url", url)
    assert f'href="{url}/blob/{commit}/' in html.stdout


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://github.com/org/app", "https://github.com/org/app"),
        ("https://user:pw@github.com/org/app.git/", "https://github.com/org/app"),
        ("git://github.com/org/app.git", "https://github.com/org/app"),
        ("ssh://git@gitlab.example.org:2222/a/b/c.git", "https://gitlab.example.org/a/b/c"),
        ("https://gitea.example.org:3000/org/app", "https://gitea.example.org:3000/org/app"),
        ("git@bitbucket.org:team/app.git", "https://bitbucket.org/team/app"),
        ("https://git.sr.ht/~user/app", "https://git.sr.ht/~user/app"),
        ("/srv/git/app.git", None),
        ("file:///srv/git/app.git", None),
        ("git@localhost:org/app.git", None),
        ("C:/projects/app", None),
        ("", None),
    ],
)
def test_remote_forms(remote: str, expected: str | None) -> None:
    found = web_url(remote)
    assert (found[0] if found else None) == expected


def test_each_forge_anchors_lines_its_own_way() -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    cases = {
        "git@github.com:o/a.git": "https://github.com/o/a/blob/{c}/src/x%20y.py#L7",
        "git@gitlab.com:o/a.git": "https://gitlab.com/o/a/-/blob/{c}/src/x%20y.py#L7",
        "git@bitbucket.org:o/a.git": "https://bitbucket.org/o/a/src/{c}/src/x%20y.py#lines-7",
        "git@codeberg.org:o/a.git": "https://codeberg.org/o/a/src/commit/{c}/src/x%20y.py#L7",
        "git@git.sr.ht:~o/a": "https://git.sr.ht/~o/a/tree/{c}/item/src/x%20y.py#L7",
    }
    for remote, pattern in cases.items():
        repo = repository_of(remote, commit)
        assert repo is not None and repo.pinned
        assert repo.file_url("src/x y.py", 7) == pattern.format(c=commit)
    branch = repository_of("git@codeberg.org:o/a.git", "main")
    assert branch is not None and branch.file_url("README.md") == (
        "https://codeberg.org/o/a/src/branch/main/README.md"
    )
    unknown = repository_of("https://git.example.org/o/a", commit)
    assert unknown is not None and unknown.file_url("README.md") is None
    github = repository_of("git@github.com:o/a.git", commit)
    assert github is not None
    assert github.file_url("../etc/passwd") is None
    assert github.file_url(".git") is None and github.file_url(".git/config") is None


def test_answers_template_offers_the_repository_question(
    repo_factory: Callable[..., Path],
) -> None:
    standard = load_standard("1.1.7")
    assert "general.repository_url" in standard.all_questions()


def test_a_checkout_whose_only_remote_is_not_origin_links_there(
    repo_factory: Callable[..., Path],
) -> None:
    """A self-hosted Gitea remote called "upstream": the only one, so it is the repository."""
    root = repo_factory({"README.md": WATER_WATCH_README, "LICENSE": mit_license("WW")})
    git(root, "remote", "add", "upstream", "https://gitea.example.org/ww/water-watch.git")
    assessment = assess(root)
    commit = git(root, "rev-parse", "HEAD").strip()
    nomination = build_nomination(assessment, Answers())
    assert nomination.nominee.license[0].licenseURL == (
        f"https://gitea.example.org/ww/water-watch/src/commit/{commit}/LICENSE"
    )


def test_links_a_readme_writes_at_a_branch_become_permalinks() -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    cases = {
        "git@github.com:o/a.git": (
            "https://github.com/O/A/blob/main/docs/spec%20v1.md#L3",
            "https://github.com/o/a/blob/{c}/docs/spec%20v1.md#L3",
        ),
        "git@gitlab.com:g/s/a.git": (
            "https://gitlab.com/g/s/a/-/tree/develop/docs",
            "https://gitlab.com/g/s/a/-/blob/{c}/docs",
        ),
        "git@codeberg.org:o/a.git": (
            "https://codeberg.org/o/a/src/branch/main/README.md",
            "https://codeberg.org/o/a/src/commit/{c}/README.md",
        ),
        "git@git.sr.ht:~o/a": (
            "https://git.sr.ht/~o/a/tree/master/item/doc/x.md",
            "https://git.sr.ht/~o/a/tree/{c}/item/doc/x.md",
        ),
        "git@bitbucket.org:o/a.git": (
            "https://bitbucket.org/o/a/src/master/docs/x.md",
            "https://bitbucket.org/o/a/src/{c}/docs/x.md",
        ),
    }
    for remote, (written, pinned) in cases.items():
        repo = repository_of(remote, commit)
        assert repo is not None
        assert repo.pinned_link(written) == pinned.format(c=commit)
    github = repository_of("git@github.com:o/a.git", commit)
    assert github is not None
    assert github.pinned_link("https://github.com/o/a/wiki/Install") is None  # its wiki
    assert github.pinned_link("https://github.com/o/other/blob/main/x.md") is None
    assert github.pinned_link("https://github.com/o/a/blob/main/../x") is None
    moving = repository_of("git@github.com:o/a.git", "main")
    assert moving is not None and moving.pinned_link("https://github.com/o/a/blob/dev/x") is None
