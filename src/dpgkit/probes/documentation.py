"""Indicator 5 beyond the README: setup topics, docs site, API reference, architecture,
broken relative links, and what data and content projects must document."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from dpgkit.analysis.context import ProbeContext
from dpgkit.analysis.probe import Cited, Result, failed, not_applicable, passed, unknown
from dpgkit.deps.signals import data_signals, documentation_paths
from dpgkit.evidence.documentation import (
    DocumentationEvidence,
    documentation_evidence,
    in_doc_folder,
)
from dpgkit.evidence.readme import headings
from dpgkit.model import Location
from dpgkit.probes.registry import probe
from dpgkit.standards.evidence import standards_evidence
from dpgkit.wording import counted

TOPICS: dict[str, re.Pattern[str]] = {
    "install": re.compile(
        r"install|setup|set up|getting started|quick ?start|requirements|prerequisites|build", re.I
    ),
    "configure": re.compile(r"configur|settings|environment variables|\.env|options", re.I),
    "run": re.compile(r"usage|running|run |how to use|start|launch|tutorial|user guide", re.I),
    "deploy": re.compile(
        r"deploy|production|hosting|docker|kubernetes|helm|server setup|operations", re.I
    ),
}
_FRONT_PAGE = re.compile(
    r"/(?:index|readme|introduction|intro|overview|getting[-_]started)\.", re.I
)
_ARCHITECTURE = re.compile(
    r"architecture|design|overview of the system|components|system diagram", re.I
)
_DIAGRAMS = (".puml", ".plantuml", ".mmd", ".drawio", ".excalidraw")
_LINK = re.compile(
    r"(?<!!)\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|(?:src|href)=\"([^\"]+)\""
)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|\{|\$)", re.I)
_FIELD_TABLE = re.compile(
    r"^\s*\|?\s*(field|column|variable|attribute|name)\s*\|\s*(description|type|definition)",
    re.I | re.M,
)
_COLLECTION = re.compile(
    r"methodolog|data collection|how (the|this) data (was|is) (collected|produced|gathered)|sources? of (the )?data|provenance|sampling",
    re.I,
)
_ACCESS = re.compile(
    r"how to (access|use|download|read|view|open)|download|access(ing)? the (content|material)|formats?|licen[cs]e",
    re.I,
)


def _software(ctx: ProbeContext) -> bool:
    return "software" in ctx.facts.types


def _doc_headings(ctx: ProbeContext) -> list[tuple[str, int, str]]:
    found = []
    for path in documentation_paths(ctx):
        text = ctx.inventory.text(path)
        if text:
            found += [(path, line, heading) for line, heading in headings(text)]
    return found


@probe("docs_setup_topics")
def docs_setup_topics(ctx: ProbeContext) -> Result:
    if not _software(ctx):
        return not_applicable("Not a software project.")
    found: dict[str, Location] = {}
    for path, line, heading in ctx.derive(_doc_headings):
        for topic, pattern in TOPICS.items():
            if topic not in found and pattern.search(heading):
                found[topic] = Location(path=path, line=line, excerpt=heading)
    missing = [topic for topic in TOPICS if topic not in found]
    if not missing:
        return passed("Install, configure, run and deploy are each documented.", found.values())
    result = unknown(
        f"Documented: {', '.join(found) or 'none'}; not found: {', '.join(missing)}.",
        found.values(),
        missing=missing,
    )
    result.remediation = (
        "Add documentation sections for: "
        + ", ".join(missing)
        + (" (a section a system administrator can follow, for a local and a production set-up).")
    )
    return result


def _link_locations(evidence: DocumentationEvidence) -> list[Location]:
    return [
        Location(path=link.where.path, line=link.where.line, excerpt=link.url)
        for link in evidence.links[:5]
    ]


@probe("docs_available")
def docs_available(ctx: ProbeContext) -> Result:
    """Documentation in any form a reviewer accepts; a failure only when there is none."""
    evidence = ctx.derive(documentation_evidence)
    in_repository = evidence.in_repository
    sections = evidence.readme_sections
    links = ", ".join(link.url for link in evidence.links[:5])
    # Data and content are documented by their own topics (a data dictionary, how to access
    # the content), which the type's probes check; a README beyond a title is their start.
    readme_counts = not evidence.title_only and (sections or not _software(ctx))
    if in_repository or readme_counts:
        what = list(in_repository)
        if readme_counts and not sections:
            what.insert(0, f"{evidence.readme} ({evidence.readme_words} words)")
        if sections:
            what.insert(
                0,
                "install or usage instructions ("
                + ", ".join(f"{loc.path}: {loc.excerpt}" for loc in sections)
                + ")",
            )
        if evidence.links:
            what.append(f"documentation online ({links})")
        locations = sections + [
            Location(path=path)
            for path in [*evidence.linked, *evidence.guides, *evidence.sites, *evidence.pages][:5]
        ]
        result = passed("Documentation in the repository: " + "; ".join(what) + ".", locations)
    elif evidence.links:
        result = unknown(
            "The documentation seems to live outside the repository: "
            f"{links}. Confirm these links are the documentation.",
            _link_locations(evidence),
        )
    elif not evidence.title_only:
        result = unknown(
            f"{evidence.readme} ({evidence.readme_words} words) describes the project, but no "
            "install or usage instructions, documentation pages, guides or documentation "
            "links were found. Where is the documentation?",
            [Location(path=evidence.readme or "", line=1)],
        )
    elif api := ctx.derive(standards_evidence).standard("openapi"):
        # An API that describes itself (an OpenAPI file, or a reference generated from its
        # code) is documented for its developers; whether guides live elsewhere is asked.
        where = api.locations[:3]
        result = unknown(
            "The README is short and no guides were found, but the API describes itself "
            f"(OpenAPI: {', '.join(loc.path for loc in where if loc.path)}). Where is the "
            "documentation for people who install and use it (a docs site, a wiki, guides)?",
            where,
        )
    else:
        readme = (
            f"{evidence.readme} has {evidence.readme_words} words"
            if evidence.readme
            else "there is no README"
        )
        result = failed(
            f"No documentation was found: {readme}, and there is no documentation folder, "
            "guide, documentation site or link to documentation."
        )
        return result  # nothing to pre-fill: an empty answer is the owner's to give
    result.suggestions = {"documentation_links": ", ".join(evidence.suggestion())}
    result.items = {"documentation_links": _documentation_items(evidence)}
    return result


_READABLE_PAGES = (".md", ".markdown", ".rst", ".adoc", ".txt", ".html", ".htm")


def _documentation_items(evidence: DocumentationEvidence) -> list[Cited]:
    """Where a reader finds the documentation: linked docs sites first (reviewers open those
    most), then the README, the files it links to, the documentation's front page, and
    guide documents (PDF, DOCX)."""
    items = [Cited("Documentation", url=link.url) for link in evidence.links]
    if evidence.readme and not evidence.title_only:
        items.append(Cited("README", path=evidence.readme))
    items += [Cited("Guide", path=path) for path in evidence.linked[:5]]
    # The front page: in the docs folder, shallow, named like one, and a page to read (a
    # Markdown or HTML page before a PDF of load-test figures beside it).
    front = sorted(
        evidence.pages,
        key=lambda p: (
            not in_doc_folder(p),
            p.count("/"),
            not _FRONT_PAGE.search("/" + p),
            not p.lower().endswith(_READABLE_PAGES),
            p,
        ),
    )
    if front:
        items.append(Cited("Documentation", path=front[0]))
    # Guides as PDF or DOCX after the pages: a reviewer opens a page in the browser, and
    # such files are as often load-test figures or slides as a manual.
    items += [
        Cited("Guide", path=path) for path in evidence.guides[: max(0, 5 - len(evidence.linked))]
    ]
    unique: dict[str, Cited] = {}
    for item in items:
        unique.setdefault(item.url or item.path or item.title, item)
    return list(unique.values())


@probe("docs_site")
def docs_site(ctx: ProbeContext) -> Result:
    evidence = ctx.derive(documentation_evidence)
    what = []
    if evidence.sites:
        what.append("a documentation site configuration")
    if evidence.pages:
        what.append(counted(len(evidence.pages), "documentation page"))
    if evidence.guides:
        what.append(counted(len(evidence.guides), "guide document"))
    if evidence.links:
        what.append("links to online documentation")
    if not what:
        return unknown(
            "No documentation beyond the README was found (no documentation pages, guides, "
            "docs site or docs link)."
        )
    locations = [Location(path=p) for p in evidence.sites[:2] + evidence.guides[:2]]
    locations += _link_locations(evidence) + [Location(path=p) for p in evidence.pages[:3]]
    return passed("Documentation beyond the README: " + ", ".join(what) + ".", locations)


@probe("docs_api_reference")
def docs_api_reference(ctx: ProbeContext) -> Result:
    evidence = ctx.derive(standards_evidence)
    specs = [
        found for found in (evidence.standard("openapi"), evidence.standard("graphql")) if found
    ]
    if specs:
        return passed(
            "An API reference is available: " + ", ".join(f.detector.name for f in specs) + ".",
            [loc for found in specs for loc in found.locations[:3]],
        )
    if ctx.derive(data_signals).web:
        return unknown("The product serves an API, but no OpenAPI or GraphQL reference was found.")
    return not_applicable("No web API was found.")


@probe("docs_architecture")
def docs_architecture(ctx: ProbeContext) -> Result:
    if not _software(ctx):
        return not_applicable("Not a software project.")
    files = [
        e
        for e in ctx.inventory.own_files()
        if re.search(r"architecture|design", e.name, re.I)
        and e.suffix in {".md", ".rst", ".adoc", ".png", ".svg"}
    ]
    diagrams = [e for e in ctx.inventory.own_files() if e.suffix in _DIAGRAMS]
    sections = [
        Location(path=p, line=n, excerpt=h)
        for p, n, h in ctx.derive(_doc_headings)
        if _ARCHITECTURE.search(h)
    ]
    found = [Location(path=e.path) for e in files[:3] + diagrams[:3]] + sections[:3]
    if found:
        return passed("Architecture notes are in evidence.", found)
    return unknown("No architecture notes or diagrams were found.")


@probe("docs_links")
def docs_links(ctx: ProbeContext) -> Result:
    folders = {posixpath.dirname(e.path) for e in ctx.inventory.files}
    paths = set(e.path for e in ctx.inventory.files)
    directories = set()
    for folder in folders:
        while folder:
            directories.add(folder)
            folder = posixpath.dirname(folder)
    broken: list[Location] = []
    checked = 0
    for path in documentation_paths(ctx):
        if not path.endswith((".md", ".markdown")) and "/" in path:
            continue
        text = ctx.inventory.text(path)
        if not text:
            continue
        for line_no, line in enumerate(text.splitlines(), start=1):
            if "](" not in line and '="' not in line:  # what every _LINK match holds
                continue
            for match in _LINK.finditer(line):
                target = match.group(1) or match.group(2) or ""
                if not target or _EXTERNAL.match(target):
                    continue
                clean = unquote(target.split("#", 1)[0].split("?", 1)[0])
                if not clean:
                    continue
                checked += 1
                base = "" if clean.startswith("/") else posixpath.dirname(path)
                resolved = posixpath.normpath(posixpath.join(base, clean.lstrip("/")))
                if (
                    resolved.startswith("..")
                    or resolved in paths
                    or resolved in directories
                    or resolved == "."
                ):
                    continue
                if len(broken) < 20:
                    broken.append(Location(path=path, line=line_no, excerpt=target))
    if not checked:
        return not_applicable("The documentation has no relative links.")
    if broken:
        result = failed(
            f"{counted(len(broken), 'relative link')} in the documentation "
            f"{'points' if len(broken) == 1 else 'point'} to missing files.",
            broken,
        )
        result.remediation = (
            "Fix or remove the broken links: "
            + ", ".join(f"{b.path}:{b.line} → {b.excerpt}" for b in broken[:10])
            + "."
        )
        return result
    return passed(f"All {checked} relative links in the documentation resolve.")


@probe("data_dictionary")
def data_dictionary(ctx: ProbeContext) -> Result:
    if "data" not in ctx.facts.types:
        return not_applicable("Not a data project.")
    found: list[Location] = []
    package = ctx.inventory.get("datapackage.json")
    if package is not None:
        text = ctx.inventory.text(package) or ""
        if '"fields"' in text and '"description"' in text:
            found.append(ctx.location(package, 1))
    for entry in ctx.inventory.own_files():
        name = entry.name.lower()
        if re.search(
            r"data[-_ ]?dictionary|codebook|code[-_]book|schema|metadata|variables|fields", name
        ) and entry.suffix in {".md", ".csv", ".json", ".yaml", ".yml", ".pdf", ".txt", ".rst"}:
            found.append(Location(path=entry.path))
        if len(found) >= 5:
            break
    for path in documentation_paths(ctx):
        doc = ctx.inventory.get(path)
        if doc is not None:
            found += ctx.find(doc, _FIELD_TABLE, limit=1)
    if found:
        return passed("A description of the data's fields is in evidence.", found[:8])
    return unknown(
        "No data dictionary, codebook, Frictionless datapackage.json with field descriptions or field table was found."
    )


@probe("data_collection_method")
def data_collection_method(ctx: ProbeContext) -> Result:
    if "data" not in ctx.facts.types:
        return not_applicable("Not a data project.")
    found = []
    for path, line, heading in ctx.derive(_doc_headings):
        if _COLLECTION.search(heading):
            found.append(Location(path=path, line=line, excerpt=heading))
    if found:
        return passed("How the data was collected is documented.", found[:3])
    return unknown("No section on how the data was collected (methodology, sources) was found.")


@probe("content_access")
def content_access(ctx: ProbeContext) -> Result:
    if "content" not in ctx.facts.types:
        return not_applicable("Not a content project.")
    found = []
    for path, line, heading in ctx.derive(_doc_headings):
        if _ACCESS.search(heading):
            found.append(Location(path=path, line=line, excerpt=heading))
    if found:
        return passed("How to access and use the content is documented.", found[:3])
    return unknown("No section on how to access and use the content was found.")
