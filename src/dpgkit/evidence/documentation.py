"""Where a project's documentation is, as a reviewer would look for it.

In the repository: the README (its words and its install/usage sections), documentation
folders at any depth (``docs/``, ``website/docs/``, ``user_guide/``, a wiki folder, built
HTML), guides as PDF, DOCX, ODT or slides, a docs site's configuration (MkDocs, Sphinx,
Docusaurus, GitBook…), top-level guides (INSTALL.md, USAGE.md) and the files the README links
to. Outside it: links to documentation from the README and the manifests (Read the Docs,
GitBook, GitHub Pages, ``docs.`` hosts, ``…/docs`` and wiki pages, API references), and
links whose text says they are the documentation.

``ctx.derive(documentation_evidence)`` runs it once; the indicator 5 probes report from it.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from dpgkit.analysis.context import ProbeContext
from dpgkit.evidence.readme import INSTALL, USAGE, headings, word_count
from dpgkit.inventory import FileEntry
from dpgkit.model import Location

# Files that are tooling or the project's community and legal files, not documentation
# pages (a content project's prose anywhere counts, but its code of conduct does not).
_NOT_PAGE = re.compile(
    r"^(?:requirements[\w.-]*|robots|cmakelists|license|copying|notice|code[-_]of[-_]conduct|"
    r"security|privacy|changelog|changes|history|authors|contributors|codeowners)\.",
    re.I,
)
# A README of fewer words than this is a title and a line at most, not documentation.
TITLE_ONLY_WORDS = 25
# Prose pages in a documentation folder that count as documentation of their own.
MIN_PAGE_WORDS = 200
MAX_PAGES_READ = 60

DOC_FOLDER = re.compile(
    r"^(?:docs?|documentation|wiki|guides?|manuals?|handbook|tutorials?|user[-_ ]?guides?|"
    r"developer[-_ ]?guides?|admin[-_ ]?guides?|user[-_ ]?manuals?|howto|how[-_]to|"
    r"docs[-_]site|docs[-_]src|gitbook)$",
    re.I,
)
PAGE_SUFFIXES = frozenset({".md", ".mdx", ".markdown", ".rst", ".adoc", ".txt", ".html", ".htm"})
GUIDE_SUFFIXES = frozenset(
    {".pdf", ".docx", ".doc", ".odt", ".pptx", ".ppt", ".odp", ".epub", ".key"}
)
# A guide outside a documentation folder says so in its name.
_GUIDE_NAME = re.compile(
    r"manual|guide|handbook|documentation|tutorial|install|setup|deploy|user|admin|training|"
    r"how[-_ ]?to|getting[-_ ]started|quick[-_ ]?start|walkthrough|playbook|reference|"
    r"overview|presentation|slides|instructions|sop\b|toolkit|curriculum|module",
    re.I,
)
# Top-level prose files that are guides, not project housekeeping.
_TOP_GUIDE = re.compile(
    r"^(?:install(?:ation|ing)?|setup|usage|using|deploy(?:ment|ing)?|getting[-_]started|"
    r"quick[-_]?start|guide|user[-_]?guide|manual|tutorial|build(?:ing)?|running|operations|"
    r"development|developers?|configuration|faq|architecture|overview|api)\b",
    re.I,
)
SITE_FILES = re.compile(
    r"(?:^|/)(?:mkdocs\.ya?ml|\.readthedocs\.ya?ml|docusaurus\.config\.[jt]s|book\.toml|"
    r"antora(?:-playbook)?\.ya?ml|\.gitbook\.yaml|mint\.json|hugo\.(?:toml|ya?ml)|"
    r"_config\.yml|\.vitepress/config\.[mc]?[jt]s|conf\.py|docfx\.json|\.vuepress/config\.[jt]s|"
    r"typedoc\.json|jsdoc\.json|Doxyfile|\.eleventy\.js|SUMMARY\.md)$"
)
_SITE_CONF_PY = re.compile(r"(?:^|/)(?:docs?|documentation)(?:/source)?/conf\.py$")
# Hosts and paths that serve documentation.
_DOC_URL = re.compile(
    r"https?://(?:[\w-]+\.)*(?:readthedocs\.(?:io|org)|gitbook\.io|github\.io|gitlab\.io|"
    r"netlify\.app|vercel\.app|pages\.dev|atlassian\.net/wiki|confluence\.[\w.-]+|"
    r"docs\.[\w.-]+|developer\.[\w.-]+|developers\.[\w.-]+|wiki\.[\w.-]+|notion\.site|"
    r"documenter\.getpostman\.com|swaggerhub\.com|readme\.io|rtfd\.io|"
    r"[\w.-]+/(?:[\w.-]+/)*(?:docs?|documentation|wiki|manual|guides?|handbook|api-?docs|"
    r"user-?guide|developer-?guide|reference|tutorials?)\b)"
    r"[^\s)>\]\"'`]*",
    re.I,
)
_URL = re.compile(r"https?://[^\s)>\]\"'`<]+", re.I)
_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]{1,200})\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_HTML_LINK = re.compile(r"<a\b[^>]*?href=[\"']([^\"']+)[\"'][^>]*>(.{0,200}?)</a>", re.I | re.S)
_DOC_WORDS = re.compile(
    r"\b(?:docs?|documentation|wiki|manual|guide|handbook|tutorial|api reference|"
    r"reference guide|read the docs|user guide|developer guide|installation guide|"
    r"getting started|knowledge base|help center|learn more)\b",
    re.I,
)
_NOT_DOCS = re.compile(
    r"shields\.io|badge|/issues\b|/pulls?\b|/actions\b|/releases\b|/blob/[^\s]*\.(?:png|svg|jpg)|"
    r"opensource\.org|creativecommons\.org|gnu\.org/licenses|spdx\.org|"
    r"contributor-covenant|digitalpublicgoods\.net|"
    r"/(?:contributing|code[-_]of[-_]conduct|licen[cs]e|security|changelog)(?:\.md)?(?:[#?]|$)",
    re.I,
)
# Manifest fields that point at documentation.
_MANIFEST_DOC_KEYS = re.compile(r"doc|wiki|manual|guide|homepage|website|home", re.I)


@dataclass
class DocLink:
    url: str
    where: Location
    why: str  # "host" (a docs host or path), "text" (the link says it is documentation), "manifest"


@dataclass
class DocumentationEvidence:
    readme: str | None = None
    readme_words: int = 0
    install: Location | None = None  # an install section in the README or docs
    usage: Location | None = None
    pages: list[str] = field(default_factory=list)  # prose pages in documentation folders
    page_words: int = 0  # words in the pages read (the first MAX_PAGES_READ)
    guides: list[str] = field(default_factory=list)  # PDF, DOCX, ODT, slides
    sites: list[str] = field(default_factory=list)  # docs site configurations
    linked: list[str] = field(default_factory=list)  # repository files the README links to
    links: list[DocLink] = field(default_factory=list)  # documentation outside the repository

    @property
    def title_only(self) -> bool:
        return self.readme_words < TITLE_ONLY_WORDS

    @property
    def in_repository(self) -> list[str]:
        """What documents the project inside the repository, beyond the README."""
        found: list[str] = []
        if self.pages and self.page_words >= MIN_PAGE_WORDS:
            found.append(f"{len(self.pages)} documentation page(s) ({', '.join(self.pages[:3])})")
        if self.guides:
            found.append(f"{len(self.guides)} guide document(s) ({', '.join(self.guides[:3])})")
        if self.sites and self.pages:
            found.append(f"a documentation site ({', '.join(self.sites[:2])})")
        if self.linked:
            found.append(f"guides the README links to ({', '.join(self.linked[:3])})")
        return found

    @property
    def readme_sections(self) -> list[Location]:
        return [loc for loc in (self.install, self.usage) if loc is not None]

    def suggestion(self) -> list[str]:
        """What to pre-fill as the documentation links: outside links, then repository files."""
        found = [link.url for link in self.links]
        found += self.linked + self.sites[:1] + self.guides[:3] + self.pages[:3]
        if self.readme and (self.readme_sections or not found):
            found.insert(len(self.links), self.readme)
        return list(dict.fromkeys(found))[:12]


def in_doc_folder(path: str) -> bool:
    """Whether a file lies in a documentation folder (within four levels of the top)."""
    return any(DOC_FOLDER.match(part) for part in path.split("/")[:-1][:4])


def _clean_url(url: str) -> str:
    return url.rstrip(".,;:!?*_")


def _link_targets(text: str) -> list[tuple[str, str, int]]:
    """(target, link text, offset) of Markdown and HTML links, then bare URLs."""
    found = [(m.group(2), m.group(1), m.start()) for m in _MD_LINK.finditer(text)]
    found += [
        (m.group(1), re.sub(r"<[^>]+>", " ", m.group(2)), m.start())
        for m in _HTML_LINK.finditer(text)
    ]
    seen = {target for target, _, _ in found}
    found += [(m.group(0), "", m.start()) for m in _URL.finditer(text) if m.group(0) not in seen]
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _readme_links(
    ctx: ProbeContext, evidence: DocumentationEvidence, text: str, pages: list[FileEntry]
) -> None:
    readme = evidence.readme or ""
    base = posixpath.dirname(readme)
    for target, label, offset in _link_targets(text):
        if target.startswith(("http://", "https://")):
            url = _clean_url(target)
            if _NOT_DOCS.search(url):
                continue
            why = "host" if _DOC_URL.match(url) else "text" if _DOC_WORDS.search(label) else None
            if why:
                where = Location(path=readme, line=_line(text, offset), excerpt=label or None)
                evidence.links.append(DocLink(url, where, why))
            continue
        if re.match(r"^(?:[a-z][a-z0-9+.-]*:|#|//)", target, re.I):
            continue
        path = unquote(target.split("#", 1)[0].split("?", 1)[0])
        resolved = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        entry = ctx.inventory.get(resolved)
        if entry is not None and (
            entry.suffix in GUIDE_SUFFIXES
            or (entry.suffix in PAGE_SUFFIXES and _is_guide_page(ctx, entry, label))
        ):
            evidence.linked.append(entry.path)
        elif entry is None and any(e.path.startswith(resolved + "/") for e in pages):
            evidence.linked.append(resolved + "/")


def _is_guide_page(ctx: ProbeContext, entry: FileEntry, label: str) -> bool:
    housekeeping = re.match(
        r"(?:licen[cs]e|copying|changelog|changes|history|code[-_]of[-_]conduct|contributing|"
        r"security|authors|notice|codeowners)",
        entry.name,
        re.I,
    )
    if housekeeping:
        return False
    text = ctx.inventory.text(entry) or ""
    return word_count(text) >= MIN_PAGE_WORDS or bool(_DOC_WORDS.search(label))


def _doc_pages(ctx: ProbeContext) -> list[FileEntry]:
    """Prose pages in documentation folders; for content and standards, prose anywhere (the
    work is the text)."""
    prose_anywhere = bool({"content", "standard"} & set(ctx.facts.types))
    return [
        entry
        for entry in ctx.inventory.own_files()
        if entry.suffix in PAGE_SUFFIXES
        and not entry.test
        and not _NOT_PAGE.match(entry.name)
        and entry.path != ctx.facts.readme
        and (in_doc_folder(entry.path) or (prose_anywhere and entry.suffix != ".txt"))
    ]


def _manifest_links(ctx: ProbeContext, evidence: DocumentationEvidence) -> None:
    manifests = ctx.facts.manifests
    candidates: list[tuple[str, str, str]] = []  # file, key, url

    def walk(filename: str, node: Any, key: str = "", depth: int = 0) -> None:
        if depth > 4:
            return
        if isinstance(node, dict):
            for name, value in node.items():
                walk(filename, value, str(name), depth + 1)
        elif isinstance(node, list):
            for value in node[:20]:
                walk(filename, value, key, depth + 1)
        elif isinstance(node, str) and node.startswith(("http://", "https://")):
            candidates.append((filename, key, node))

    for filename in ("package.json", "pyproject.toml", "publiccode.yml", "publiccode.yaml",
                     "Cargo.toml", "composer.json", "pubspec.yaml"):  # fmt: skip
        if filename in manifests:
            walk(filename, manifests[filename])
    for filename, key, url in candidates:
        url = _clean_url(url)
        if _NOT_DOCS.search(url) or not _MANIFEST_DOC_KEYS.search(key):
            continue
        is_docs_key = re.search(r"doc|wiki|manual|guide", key, re.I)
        if is_docs_key or _DOC_URL.match(url):
            evidence.links.append(
                DocLink(url, Location(path=filename, excerpt=f"{key}: {url}"), "manifest")
            )


def documentation_evidence(ctx: ProbeContext) -> DocumentationEvidence:
    evidence = DocumentationEvidence(readme=ctx.facts.readme)
    sources: list[str] = []
    readme_text = ctx.inventory.text(evidence.readme) if evidence.readme else None
    pages = _doc_pages(ctx)
    if readme_text:
        evidence.readme_words = word_count(readme_text)
        sources.append(evidence.readme or "")
        _readme_links(ctx, evidence, readme_text, pages)
    top_guides = [
        entry
        for entry in ctx.inventory.own_files()
        if entry.depth == 0 and entry.suffix in PAGE_SUFFIXES and _TOP_GUIDE.match(entry.name)
    ]
    pages = [entry for entry in pages if entry not in top_guides]
    evidence.pages = [entry.path for entry in [*top_guides, *pages]]
    for entry in [*top_guides, *pages][:MAX_PAGES_READ]:
        text = ctx.inventory.text(entry)
        if text:
            evidence.page_words += word_count(text)
    evidence.guides = [
        entry.path
        for entry in ctx.inventory.own_files()
        if entry.suffix in GUIDE_SUFFIXES
        and not entry.test
        and (in_doc_folder(entry.path) or _GUIDE_NAME.search(entry.name))
    ]
    evidence.sites = [
        entry.path
        for entry in ctx.inventory.own_files()
        if entry.depth <= 2
        and (
            (SITE_FILES.search(entry.path) and entry.name != "conf.py")
            or _SITE_CONF_PY.search(entry.path)
        )
    ]
    _manifest_links(ctx, evidence)
    evidence.links = list({link.url: link for link in evidence.links}.values())
    evidence.linked = list(dict.fromkeys(evidence.linked))
    sources += [entry.path for entry in [*top_guides, *pages] if entry.suffix != ".html"][:50]
    for path in sources:
        text = ctx.inventory.text(path)
        if not text:
            continue
        for line_no, heading in headings(text):
            if evidence.install is None and INSTALL.search(heading):
                evidence.install = Location(path=path, line=line_no, excerpt=heading)
            elif evidence.usage is None and USAGE.search(heading):
                evidence.usage = Location(path=path, line=line_no, excerpt=heading)
        if evidence.install and evidence.usage:
            break
    return evidence
