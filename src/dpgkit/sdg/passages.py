"""What the project says of itself, gathered for the SDG analysis, and the project-level
relevance computed once per assessment (``ctx.derive(relevance)``); ``sdg_entries`` is the
Assessment's sdgs[].

All of the project's own words, each passage weighted by how much it speaks for the
purpose (``WEIGHTS``): the owner's answers; publiccode.yml; the manifests' descriptions
(package.json, pyproject.toml, setup.cfg, composer.json, pom.xml, R's DESCRIPTION,
gemspec, mix.exs, setup.py, Cargo.toml, pubspec.yaml, datapackage.json), parsed by
``dpgkit.inventory.manifests``; the README's introduction and first sections; the app's own
metadata (HTML ``<title>`` and ``<meta name="description">``, web app manifests, fastlane
store listings, the title/description/about strings of its locale files in any language);
about and mission pages; the docs site's landing page and its configured description.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dpgkit.analysis.context import ProbeContext
from dpgkit.evidence.readme import INSTALL, USAGE, headings
from dpgkit.facts import (
    GENERATOR_TEXT,
    MANIFEST_DESCRIPTIONS,
    manifest_description,
    says_something,
)
from dpgkit.inventory.files import FileEntry
from dpgkit.inventory.manifests import (
    manifest_dcf,
    manifest_ini,
    manifest_json,
    manifest_literals,
    manifest_xml,
    manifest_yaml,
)
from dpgkit.model import SdgEntry
from dpgkit.parsing import ParseError
from dpgkit.sdg.answer import Passage, Relevance

README_WORDS = 1500  # the README's introduction and first sections
DOCS_WORDS = 600
PAGE_WORDS = 600  # of an about or mission page
MAX_PAGES = 3
PAGE_MIN_WORDS = 15
MAX_LOCALE_FILES = 6
MAX_LOCALE_READ = 24  # locale files parsed at most (the smallest and shallowest first)
MAX_STRINGS = 40  # per locale file
MAX_APP_FILES = 8

# How much a passage speaks for the project's purpose (a passage's weight also grows a
# little with its length, see dpgkit.sdg.project).
WEIGHTS = {
    "answers": 3.0,
    "publiccode": 2.5,
    "description": 2.0,
    "readme-intro": 2.0,
    "app": 1.5,
    "locale": 1.5,
    "about": 1.5,
    "docs": 1.2,
    "readme": 1.0,
    "module": 0.6,  # a nested package's description (often one part of the whole)
}

_DOCS_INDEX = (
    "docs/index.md",
    "docs/README.md",
    "docs/index.rst",
    "docs/intro.md",
    "docs/introduction.md",
    "docs/overview.md",
    "doc/index.md",
    "doc/index.rst",
    "doc/README.md",
    "docs/readme.md",
    "docs/docs/intro.md",
    "website/docs/intro.md",
    "docs/src/index.md",
    "documentation/index.md",
)
# Sections that say how to install, build, run or contribute, or how the project is made,
# not what it is for.
_TECHNICAL_SECTION = re.compile(
    r"architecture|\bmodules?\b|debug|technolog|\bstack\b|back-?end|front-?end|infrastructure"
    r"|environment|variables|\bapi\b|reference|contribut|licen[cs]e|authors?|acknowledg"
    r"|release|changelog|documentation|built with|\btests?\b|testing|develop|docker|hosts"
    r"|status|badges?|credits|contact|code of conduct|security|roadmap|\bfaq\b|troubleshoot"
    r"|dependenc|folder|structure|director|version|screenshots?|\bdemo\b|\bused\b|migrat"
    r"|\bnotes\b|connect|database|server|prerequisit|requirement|maintainer|sponsor|funding",
    re.IGNORECASE,
)
# Sections about who made it, where to talk about it, under what terms and where to read
# more: not what it is for (and, read by the ranker, they lean wherever the registry's
# base rate leans).
_AROUND_SECTION = re.compile(
    r"licens|legal|copyright|community\s+support|support\s+and\s+community|get\s+in\s+touch"
    r"|\bgovernance\b|\bvalues\b|\blinks\b|\bindex\b|\bcontents\b|\btoc\b|navigation"
    r"|\btips\b|discussion|questions|known\s+issues|\bwebsite\b|learn\s+more|\bscripts\b"
    r"|commands|offered\s+by|made\s+by|\bteam\b|citation|\bcite\b|\bhelp\b|\bbugs?\b"
    r"|\bissues\b|\bcredits?\b",
    re.IGNORECASE,
)
_SKIP_SECTION = (INSTALL, USAGE, _TECHNICAL_SECTION, _AROUND_SECTION)
# Titles and descriptions a project template or a documentation generator writes, not the
# project: Create React App's "React App" / "Create React App Sample", Swagger UI, pdoc's
# "… API documentation", Javadoc's "Generated Documentation", unfilled placeholders.
_BOILERPLATE = re.compile(
    r"create[- ]react[- ]app|\breact\s+(?:redux\s+)?app\b|swagger\s+ui|generated\s+documentation"
    r"|\bapi\s+documentation\b|%[A-Z_ ]+%|\bvite\s*\+|welcome\s+to\s+nginx|\(untitled\)",
    re.IGNORECASE,
)
_ABOUT = re.compile(
    r"^(?:about(?:[-_ ]?us)?|mission|vision|purpose|impact|overview|introduction|intro"
    r"|what[-_]is[-_\w]*|why[-_\w]*|background|о[-_ ]?проекте|жоба[-_ ]?туралы)$",
    re.IGNORECASE,
)
_PAGE_SUFFIXES = {".md", ".mdx", ".rst", ".txt", ".html", ".htm", ".adoc"}
# Keys of locale strings that present the app: its name, title, tagline, description, about.
_LOCALE_KEY = re.compile(
    r"title|description|desc\b|about|tagline|slogan|subtitle|intro|mission|purpose|summary"
    r"|welcome|hero|headline|lead|app_?name|site_?name|motto|vision",
    re.IGNORECASE,
)
# Scopes whose strings present the app (home page, about box, app metadata).
_LOCALE_SCOPE = re.compile(
    r"^(?:app|application|site|home|homepage|landing|about|meta|welcome|intro|hero|general"
    r"|common|main|index|project|splash|onboarding|header|footer|brand)",
    re.IGNORECASE,
)
_LOCALE_DIR = re.compile(
    r"(?:^|/)(?:locales?|i18n|lang|langs|languages|translations?|l10n|messages|intl)(?:/|$)",
    re.IGNORECASE,
)
_LOCALE_CODE = re.compile(
    r"(?:^|[/_.-])([a-z]{2})(?:[-_][A-Za-z]{2,4})?(?=$|[/_.-])", re.IGNORECASE
)
# The app's own translation files: "en.json", "messages_ru.json", "locale_en-US.json", or
# a generic name in a language folder ("en/translation.json"); a third-party widget's
# bundle ("flexmonster-localization-en.json") is not the app's words.
_GENERIC = r"translations?|messages|strings|common|app|main|locale|lang|default|site|index"
_LOCALE_STEM = re.compile(
    rf"^(?:(?:{_GENERIC})[-_.])?[a-z]{{2}}(?:[-_][A-Za-z]{{2,4}})?$", re.IGNORECASE
)
_LANGUAGE_KEY = re.compile(r"^[a-z]{2}(?:[-_][A-Za-z]{2,4})?$")
_GENERIC_STEM = re.compile(rf"^(?:{_GENERIC})$", re.IGNORECASE)
_READ_LANGUAGES = {"en", "ru", "kk", "kz"}  # what the classifier reads
_HTML_TITLE = re.compile(r"<title[^>]*>([^<]{3,300})</title>", re.IGNORECASE)
_HTML_META = re.compile(
    r"<meta\s+[^>]*(?:name|property)\s*=\s*[\"'](?:description|og:description|og:title"
    r"|twitter:description)[\"'][^>]*>",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"content\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,300}>")
_PLACEHOLDER = re.compile(r"\{\{[^}]*\}\}|\{[\w.]+\}|%[sd]|\$\{[^}]*\}")
_DOCUSAURUS = re.compile(r"\b(?:tagline|title)\s*:\s*[\"'`]([^\"'`]{3,300})[\"'`]")
_FASTLANE = re.compile(
    r"(?:^|/)fastlane/metadata/(?:android/)?([\w-]+)/"
    r"(title|name|subtitle|short_description|full_description|description|promotional_text)\.txt$",
    re.IGNORECASE,
)


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _line_of(text: str, value: str) -> int | None:
    probe = " ".join(value.split())[:30]
    if not probe:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if probe[:20] in " ".join(line.split()):
            return number
    return None


def _readme_passages(ctx: ProbeContext) -> list[Passage]:
    path = ctx.facts.readme
    text = ctx.inventory.text(path) if path else None
    if not path or not text:
        return []
    lines = text.splitlines()
    marks = headings(text)
    # The introduction: everything before the second heading (the first is the title).
    intro_end = marks[1][0] - 1 if len(marks) > 1 else len(lines)
    intro = _own_lines(lines[:intro_end])
    passages = [Passage("readme-intro", path, 1, intro)] if intro.strip() else []
    words = len(intro.split())
    for index, (line_no, title) in enumerate(marks[1:], start=1):
        if words >= README_WORDS:
            break
        end = marks[index + 1][0] - 1 if index + 1 < len(marks) else len(lines)
        if any(pattern.search(title) for pattern in _SKIP_SECTION):
            continue
        body = _own_lines(lines[line_no - 1 : end])
        passages.append(Passage("readme", path, line_no, body))
        words += len(body.split())
    return passages


def _own_lines(lines: list[str]) -> str:
    """The lines, without those a project generator wrote (a Create React App README's
    "This project was bootstrapped with …"): the rest is the project's own."""
    return "\n".join(line for line in lines if not GENERATOR_TEXT.search(line))


def _publiccode_passages(ctx: ProbeContext) -> list[Passage]:
    passages: list[Passage] = []
    for filename in ("publiccode.yml", "publiccode.yaml"):
        descriptions = _get(ctx.facts.manifests.get(filename), "description")
        if not isinstance(descriptions, dict):
            continue
        text = ctx.inventory.text(filename) or ""
        for block in descriptions.values():
            for key in ("shortDescription", "longDescription"):
                value = _get(block, key)
                if isinstance(value, str) and value.strip():
                    passages.append(Passage("publiccode", filename, _line_of(text, value), value))
            features = _get(block, "features")
            if isinstance(features, list):
                listed = ". ".join(str(item) for item in features[:30] if isinstance(item, str))
                if listed:
                    passages.append(Passage("publiccode", filename, None, listed))
    return passages


def _parsed(ctx: ProbeContext, entry: FileEntry, loader: Any) -> Any:
    text = ctx.inventory.text(entry)
    if not text:
        return None
    try:
        return loader(text)
    except ParseError:
        return None


def _manifest_texts(ctx: ProbeContext, entry: FileEntry) -> list[str]:
    """The descriptions a manifest not read by the project facts gives (title first)."""
    name = entry.name.lower()
    values: list[Any] = []
    if name == "setup.cfg":
        values = [_get(_parsed(ctx, entry, manifest_ini), "metadata", "description")]
    elif name == "pom.xml":
        root = _parsed(ctx, entry, manifest_xml)
        if root is not None:
            for child in root:
                if child.tag.rsplit("}", 1)[-1] == "description":
                    values.append(child.text)
    elif name == "description":
        fields = _parsed(ctx, entry, manifest_dcf) or {}
        values = [fields.get("Title"), fields.get("Description")]
    elif name.endswith(".gemspec") or name in {"mix.exs", "setup.py"}:
        text = ctx.inventory.text(entry) or ""
        literals = manifest_literals(text)
        values = [literals.get("summary"), literals.get("description")]
    elif name in {"package.json", "composer.json", "datapackage.json"}:
        values = [_get(_parsed(ctx, entry, manifest_json), "description")]
    elif name == "pubspec.yaml":
        values = [_get(_parsed(ctx, entry, manifest_yaml), "description")]
    return [" ".join(value.split()) for value in values if isinstance(value, str) and value.strip()]


_OTHER_MANIFESTS = (
    "setup.cfg",
    "pom.xml",
    "DESCRIPTION",
    "setup.py",
    "mix.exs",
    "package.json",
    "composer.json",
    "pubspec.yaml",
)


def _manifest_passages(ctx: ProbeContext) -> list[Passage]:
    passages: list[Passage] = []
    seen: set[str] = set()
    for filename, keys in MANIFEST_DESCRIPTIONS:
        value = manifest_description(ctx.facts.manifests, filename, keys)
        if value is not None:
            text = ctx.inventory.text(filename) or ""
            passages.append(Passage("description", filename, _line_of(text, value), value))
            seen.add(" ".join(value.split()))
    candidates = ctx.inventory.named(*_OTHER_MANIFESTS) + ctx.inventory.with_suffix(".gemspec")
    modules = 0
    for entry in sorted(candidates, key=lambda item: (item.depth, item.path)):
        if entry.test or entry.example or entry.depth > 2:
            continue
        if entry.depth == 0 and entry.name in ctx.facts.manifests:
            continue  # read above
        for value in _manifest_texts(ctx, entry):
            if value in seen or len(value.split()) < 2 or not says_something(value):
                continue
            seen.add(value)
            kind = "description" if entry.depth == 0 else "module"
            if kind == "module":
                modules += 1
                if modules > MAX_APP_FILES:
                    break
            text = ctx.inventory.text(entry) or ""
            passages.append(Passage(kind, entry.path, _line_of(text, value), value))
    return passages


def _html_strings(text: str) -> list[str]:
    head = text[:30_000]
    found = [match.group(1) for match in _HTML_TITLE.finditer(head)][:1]
    for tag in _HTML_META.finditer(head):
        content = _CONTENT.search(tag.group(0))
        if content:
            found.append(content.group(1) or content.group(2) or "")
    return [" ".join(_TAG.sub(" ", value).split()) for value in found if value.strip()]


def _app_passages(ctx: ProbeContext) -> list[Passage]:
    """The app's own metadata: HTML title and description, web manifests, store listings."""
    passages: list[Passage] = []
    pages = [
        entry
        for entry in ctx.inventory.named("index.html", "index.htm")
        if entry.depth <= 3 and not (entry.test or entry.example or entry.generated)
    ]
    # A page below another index page is a page of a built site (a docs site's sections),
    # not the app's front page.
    folders = {entry.parent for entry in pages}
    pages = [entry for entry in pages if not _below_any(entry.parent, folders)]
    for entry in pages[:MAX_APP_FILES]:
        text = ctx.inventory.text(entry) or ""
        strings = [
            s
            for s in dict.fromkeys(_html_strings(text))
            if not _PLACEHOLDER.search(s) and not _BOILERPLATE.search(s)
        ]
        if strings:
            joined = ". ".join(strings)
            passages.append(Passage("app", entry.path, _line_of(text, strings[0]), joined))
    manifests = [
        entry
        for entry in ctx.inventory.own_files()
        if entry.name.lower() in {"manifest.json", "manifest.webmanifest", "site.webmanifest"}
        or entry.suffix == ".webmanifest"
    ]
    for entry in manifests[:MAX_APP_FILES]:
        if entry.test or entry.example:
            continue
        data = _parsed(ctx, entry, manifest_json)
        if not isinstance(data, dict):
            continue
        strings = [
            " ".join(value.split())
            for value in (data.get("name"), data.get("description"))
            if isinstance(value, str)
            and value.strip()
            and not value.startswith("__MSG_")
            and not _BOILERPLATE.search(value)
        ]
        if strings:
            text = ctx.inventory.text(entry) or ""
            passages.append(
                Passage("app", entry.path, _line_of(text, strings[-1]), ". ".join(strings))
            )
    listings: dict[str, list[tuple[FileEntry, str]]] = {}
    for entry in ctx.inventory.own_files():
        match = _FASTLANE.search(entry.path)
        if match:
            text = (ctx.inventory.text(entry) or "").strip()
            if text:
                listings.setdefault(match.group(1), []).append((entry, text))
    for language in _preferred(list(listings))[:3]:
        for entry, text in listings[language]:
            passages.append(Passage("app", entry.path, 1, " ".join(text.split()[:PAGE_WORDS])))
    return passages


def _below_any(folder: str, folders: set[str]) -> bool:
    parts = folder.split("/") if folder else []
    return any("/".join(parts[:cut]) in folders for cut in range(1, len(parts)))


def _code_of(path: str) -> str | None:
    codes = [match.group(1).lower() for match in _LOCALE_CODE.finditer(path)]
    return codes[-1] if codes else None


def _preferred(codes: list[str]) -> list[str]:
    """The languages to read: English, Russian, Kazakh and the default (no code) first;
    others only without them."""
    read = [
        code
        for code in codes
        if not code or code.split("-")[0].split("_")[0].lower() in _READ_LANGUAGES
    ]
    return read or codes


def _strings(data: Any, key: str = "", depth: int = 0) -> Iterator[tuple[str, str]]:
    if depth > 8:
        return
    if isinstance(data, dict):
        for name, value in data.items():
            yield from _strings(value, f"{key}.{name}", depth + 1)
    elif isinstance(data, list):
        for value in data[:50]:
            yield from _strings(value, key, depth + 1)
    elif isinstance(data, str):
        yield key, data


def _android_strings(root: Any) -> Iterator[tuple[str, str]]:
    for child in root:
        name = child.get("name") if hasattr(child, "get") else None
        if isinstance(name, str) and child.text:
            yield name, child.text


def _locale_files(ctx: ProbeContext) -> list[FileEntry]:
    """The interface's own translation files: named by their language, in a locale folder
    (or Android's res/values*/strings.xml)."""
    found = []
    for entry in ctx.inventory.own_files():
        if entry.test or entry.example or entry.generated or entry.size > 1_000_000:
            continue
        android = entry.name == "strings.xml" and "/values" in f"/{entry.parent}"
        named = _LOCALE_STEM.match(entry.stem) or (
            _GENERIC_STEM.match(entry.stem) and _LOCALE_STEM.match(entry.parent.rsplit("/", 1)[-1])
        )
        if android or (
            entry.suffix in {".json", ".yml", ".yaml"} and _LOCALE_DIR.search(entry.path) and named
        ):
            found.append(entry)
    return found


def _presenting(key: str) -> bool:
    """A key that names how the app presents itself, not a label deep inside a screen."""
    parts = [part for part in re.split(r"[.]", key) if part]
    if len(parts) > 1 and _LANGUAGE_KEY.match(parts[0]):
        parts = parts[1:]  # Rails and similar files: the language is the top key ("en:")
    if not parts or not _LOCALE_KEY.search(parts[-1]):
        return False
    return len(parts) <= 2 or any(_LOCALE_SCOPE.search(part) for part in parts[:-1])


def _locale_passages(ctx: ProbeContext) -> list[Passage]:
    """Title, description and about strings of the interface's locale files."""
    files = _locale_files(ctx)
    by_code: dict[str, list[FileEntry]] = {}
    for entry in files:
        by_code.setdefault(_code_of(entry.path) or "", []).append(entry)
    chosen = [entry for code in _preferred(list(by_code)) for entry in by_code[code]]
    chosen.sort(key=lambda entry: (entry.depth, entry.size, entry.path))
    passages: list[Passage] = []
    for entry in chosen[:MAX_LOCALE_READ]:
        if len(passages) >= MAX_LOCALE_FILES:
            break
        if entry.suffix == ".xml":
            root = _parsed(ctx, entry, manifest_xml)
            pairs = list(_android_strings(root)) if root is not None else []
        elif entry.suffix == ".json":
            pairs = list(_strings(_parsed(ctx, entry, manifest_json)))
        else:
            pairs = list(_strings(_parsed(ctx, entry, manifest_yaml)))
        values = []
        for key, value in pairs:
            value = " ".join(_TAG.sub(" ", _PLACEHOLDER.sub(" ", value)).split())
            if _presenting(key) and len(value.split()) >= 2 and value not in values:
                values.append(value)
            if len(values) >= MAX_STRINGS:
                break
        if values:
            text = ctx.inventory.text(entry) or ""
            body = "\n\n".join(value if value[-1:] in ".!?" else value + "." for value in values)
            passages.append(Passage("locale", entry.path, _line_of(text, values[0]), body))
    return passages


def _page_text(entry: FileEntry, text: str) -> str:
    if entry.suffix in {".html", ".htm"}:
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", text, flags=re.DOTALL | re.I)
        text = _TAG.sub(" ", text)
    return " ".join(text.split()[:PAGE_WORDS])


def _about_passages(ctx: ProbeContext) -> list[Passage]:
    pages = [
        entry
        for entry in ctx.inventory.own_files()
        if entry.suffix in _PAGE_SUFFIXES
        and _ABOUT.match(entry.stem)
        and not (entry.test or entry.example or entry.generated)
        and entry.depth <= 4
    ]
    pages.sort(key=lambda entry: (entry.depth, entry.path))
    passages = []
    for entry in pages[:MAX_PAGES]:
        text = ctx.inventory.text(entry)
        body = _page_text(entry, text) if text else ""
        if len(body.split()) >= PAGE_MIN_WORDS:  # not a placeholder ("under construction")
            passages.append(Passage("about", entry.path, 1, body))
    return passages


def _docs_passages(ctx: ProbeContext) -> list[Passage]:
    passages: list[Passage] = []
    for path in _DOCS_INDEX:
        text = ctx.inventory.text(path) if ctx.inventory.get(path) else None
        if text and path != ctx.facts.readme:
            passages.append(Passage("docs", path, 1, " ".join(text.split()[:DOCS_WORDS])))
            break
    for name, keys in (("mkdocs.yml", ("site_description",)), ("_config.yml", ("description",))):
        entry = ctx.inventory.get(name) or ctx.inventory.get(f"docs/{name}")
        if entry is None:
            continue
        value = _get(_parsed(ctx, entry, manifest_yaml), *keys)
        if isinstance(value, str) and len(value.split()) >= 2:
            text = ctx.inventory.text(entry) or ""
            passages.append(Passage("docs", entry.path, _line_of(text, value), value))
    for entry in ctx.inventory.named("docusaurus.config.js", "docusaurus.config.ts"):
        text = ctx.inventory.text(entry) or ""
        values = [m.group(1) for m in _DOCUSAURUS.finditer(text[:20_000])][:2]
        if values:
            passages.append(
                Passage("docs", entry.path, _line_of(text, values[0]), ". ".join(values))
            )
        break
    return passages


def project_passages(ctx: ProbeContext) -> list[Passage]:
    """What the project says of itself, each with its weight, most central first."""
    passages: list[Passage] = []
    passages += _publiccode_passages(ctx)
    passages += _manifest_passages(ctx)
    passages += _readme_passages(ctx)
    passages += _app_passages(ctx)
    passages += _locale_passages(ctx)
    passages += _about_passages(ctx)
    passages += _docs_passages(ctx)
    evidence = ctx.answers.get("1.sdg_evidence")
    if isinstance(evidence, str) and evidence.strip():
        passages.append(Passage("answers", ctx.answers.source or "answers", None, evidence))
    # The same words twice (a locale file copied to i18n/ and l10n/, a template's title in
    # every sub-app) speak once; a README that repeats the description still counts.
    seen: set[tuple[str, str]] = set()
    unique = []
    for passage in passages:
        key = (passage.source, " ".join(passage.text.split()).lower())
        if key not in seen:
            seen.add(key)
            unique.append(passage)
    for passage in unique:
        passage.weight = WEIGHTS.get(passage.source, 1.0)
    return unique


def relevance(ctx: ProbeContext) -> Relevance:
    # numpy and the models load here, in this process while the scan pass's workers read
    # the files (they never need them), not before the workers are forked.
    from dpgkit.sdg.classifier import load_classifier
    from dpgkit.sdg.project import assess_relevance
    from dpgkit.sdg.ranking import load_ranker

    return assess_relevance(load_classifier(), project_passages(ctx), load_ranker())


def declared_sdgs(ctx: ProbeContext) -> list[int]:
    """The goals the owner declared in the answers file (they always win)."""
    value = ctx.answers.get("1.sdgs")
    items = value if isinstance(value, list) else [value] if value is not None else []
    found: list[int] = []
    for item in items:
        for number in re.findall(r"\d{1,2}", str(item)):
            if 1 <= int(number) <= 17 and int(number) not in found:
                found.append(int(number))
    return found


def sdg_entries(ctx: ProbeContext) -> list[SdgEntry]:
    found = ctx.derive(relevance)
    return [
        SdgEntry(
            sdg=goal.sdg,
            score=round(goal.score, 4),
            evidence=[item.sentence for item in goal.support],
            targets=goal.targets,
        )
        for goal in found.goals
    ]
