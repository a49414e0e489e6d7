"""Nomination evidence on real checkouts: do the links open, are lists lists?

    .venv/bin/python bench/evidence_links.py ASSESSMENTS --index /work/calib/INDEX.tsv

ASSESSMENTS holds saved assessments (``<slug>.json`` or the fidelity harness's
``<slug>/assessment.json``) of checkouts listed in the index (tab-separated: slug, GitHub
``owner/name``, checkout path). Each nomination is built in-process with
``--repository-url https://github.com/<owner/name>`` (the clones' own remotes are local
mirrors) and no owner answers, then:

- every URL field (``licenseURL``, ``copyrightURL``, ``documentationURL``) must be an
  absolute http(s) address;
- every link into the repository, in any field, is mapped back to a commit and a path, and
  the path must be a file of the checkout at that commit (``git cat-file -e``);
- no list entry may join several entries ("a; b; c");
- no evidence may be a vendored, generated or third-party file
  (``dpgkit.inventory.classify.is_third_party_path``: a Font Awesome copy under static/);
- documentation links outside the repository should be the project's own pages
  (``dpgkit.nomination.own_pages``: not docs.docker.com, localhost or an image);
- the copyright link's line should name an owner: a line about copyright that names
  nobody (the GPL's '"Copyright" also means ...', read with
  ``dpgkit.evidence.copyright.copyright_lines``) or a script served as it is
  (static/js/bootstrap.js) counts against it;
- SDG evidence texts should be sentences, not fragments joined with "; ".

It measures the nomination code of the tree it runs from on saved assessments, which may
come from another tree. The judging helpers named above are imported from the same tree:
to measure an older dpgkit, copy this file and those three modules into it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dpgkit.answers import Answers  # noqa: E402
from dpgkit.evidence.copyright import copyright_lines  # noqa: E402
from dpgkit.inventory.classify import is_served_script, is_third_party_path  # noqa: E402
from dpgkit.model import Assessment  # noqa: E402
from dpgkit.nomination import build_nomination, record_data  # noqa: E402
from dpgkit.nomination.own_pages import is_own_page, is_page, project_names  # noqa: E402

URL_FIELDS = ("/license/", "/clearOwnership/copyrightURL", "/documentation/documentationURL")
_URL = re.compile(r"https?://[^\s)\]>\"']+")
_LINE = re.compile(r"#L(\d+)$")
_SDG_TEXT = re.compile(r"^/SDGs/\d+/evidenceText$")
_BLOB = re.compile(r"/blob/(?P<commit>[0-9a-f]{40})/(?P<path>[^#?]+)")


def strings(value: Any, pointer: str = "") -> Iterator[tuple[str, str, bool]]:
    """(pointer, text, is a list entry) for every string of a record."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield f"{pointer}/{index}", item, True
            else:
                yield from strings(item, f"{pointer}/{index}")
    elif isinstance(value, str):
        yield pointer, value, False


def into_repository(url: str, base: str) -> bool:
    """A link to a file of the repository; its wiki is a site of its own (another git
    repository), which the owner links as a documentation site."""
    return url.startswith(base + "/") and not url.startswith((base + "/wiki", base + ".wiki"))


def in_commit(checkout: Path, commit: str, path: str) -> bool:
    done = subprocess.run(
        ["git", "-C", str(checkout), "cat-file", "-e", f"{commit}:{path}"],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def line_at(checkout: Path, commit: str, path: str, line: int) -> str:
    done = subprocess.run(
        ["git", "-C", str(checkout), "show", f"{commit}:{path}"],
        capture_output=True,
        check=False,
    )
    lines = done.stdout.decode("utf-8", errors="replace").splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def names_nobody(checkout: Path, url: str, base: str) -> bool:
    """A copyright link to a line about copyright that names no owner, or to a served script."""
    match = _BLOB.search(url.removeprefix(base))
    if match is None:
        return False
    path = unquote(match.group("path"))
    if is_served_script(path):
        return True
    anchor = _LINE.search(url)
    if anchor is None:
        return False
    text = line_at(checkout, match.group("commit"), path, int(anchor.group(1)))
    lowered = text.lower()
    if "copyrightowner" in lowered:  # publiccode.yml's mainCopyrightOwner: names the owner
        return False
    return "copyright" in lowered and not list(copyright_lines(text))


def index_rows(index: Path) -> dict[str, tuple[str, Path]]:
    rows = {}
    for line in index.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 3 and cells[0] != "slug":  # a heading line, when there is one
            rows[cells[0]] = (cells[1], Path(cells[2]))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assessments", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--problems", action="store_true", help="list every failing value")
    args = parser.parse_args()
    rows = index_rows(args.index)
    found = {p.stem: p for p in args.assessments.glob("*.json")}
    found.update({p.parent.name: p for p in args.assessments.glob("*/assessment.json")})
    counts: Counter[str] = Counter()
    problems: list[str] = []
    for slug, path in sorted(found.items()):
        if slug not in rows:
            continue
        repository, checkout = rows[slug]
        assessment = Assessment.model_validate_json(path.read_text(encoding="utf-8"))
        base = f"https://github.com/{repository}"
        nomination = build_nomination(assessment, Answers(), repository_url=base)
        counts["projects"] += 1
        owner_and_name = repository.split("/")
        names = project_names([assessment.project.name, *owner_and_name])
        for kind, record in (
            ("nominee", record_data(nomination.nominee)),
            ("screening", record_data(nomination.screening)),
        ):
            for pointer, text, entry in strings(record):
                if text == "Unknown":
                    continue
                where = f"{slug} {kind}{pointer}"
                if pointer.startswith(URL_FIELDS) and (
                    pointer.endswith("URL") or "/documentationURL/" in pointer
                ):
                    counts["url fields"] += 1
                    if not text.startswith(("https://", "http://")):
                        counts["url fields not absolute"] += 1
                        problems.append(f"{where}: not a link: {text}")
                        if is_third_party_path(text.strip()):
                            counts["evidence from vendored or third-party files"] += 1
                            problems.append(f"{where}: third-party file: {text}")
                    elif into_repository(text, base):
                        match = _BLOB.search(text.removeprefix(base))
                        if match and in_commit(
                            checkout, match.group("commit"), unquote(match.group("path"))
                        ):
                            counts["url fields opening a file at the commit"] += 1
                    else:
                        counts["url fields linking outside the repository"] += 1
                        if "/documentationURL/" in pointer and not (
                            is_page(text) and is_own_page(text, names)
                        ):
                            counts["documentation links to other projects' pages"] += 1
                            problems.append(f"{where}: not the project's page: {text}")
                    if pointer.endswith("/copyrightURL") and names_nobody(checkout, text, base):
                        counts["copyright links to a line naming nobody"] += 1
                        problems.append(f"{where}: names nobody: {text}")
                if _SDG_TEXT.match(pointer) and "; " in text:
                    counts["SDG evidence texts joining fragments"] += 1
                if entry:
                    counts["list entries"] += 1
                    if "; " in text:
                        counts["list entries joining several"] += 1
                        problems.append(f"{where}: joins entries: {text[:120]}")
                for url in _URL.findall(text):
                    if not into_repository(url, base):
                        continue
                    counts["links into the repository"] += 1
                    match = _BLOB.search(url.removeprefix(base))
                    if match is None or not in_commit(
                        checkout, match.group("commit"), unquote(match.group("path"))
                    ):
                        counts["links that do not open a file at the commit"] += 1
                        problems.append(f"{where}: does not open: {url}")
                    elif is_third_party_path(unquote(match.group("path"))):
                        counts["evidence from vendored or third-party files"] += 1
                        problems.append(f"{where}: third-party file: {url}")
    for key in (
        "projects",
        "url fields",
        "url fields not absolute",
        "url fields opening a file at the commit",
        "url fields linking outside the repository",
        "links into the repository",
        "links that do not open a file at the commit",
        "list entries",
        "list entries joining several",
        "evidence from vendored or third-party files",
        "documentation links to other projects' pages",
        "copyright links to a line naming nobody",
        "SDG evidence texts joining fragments",
    ):
        print(f"{key}: {counts[key]}")
    if args.problems:
        print("\n".join(problems))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
