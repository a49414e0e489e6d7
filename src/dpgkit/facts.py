"""Project facts: name, one-line description, languages by size and project type(s)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from dpgkit.inventory import Inventory
from dpgkit.inventory.classify import (
    CONTENT_EXTENSIONS,
    DATA_EXTENSIONS,
    MODEL_EXTENSIONS,
    NON_CODE,
    is_site_config,
)
from dpgkit.inventory.git import parse_remote
from dpgkit.inventory.manifests import manifest_json, manifest_toml, manifest_yaml
from dpgkit.parsing import ParseError

# What a project generator writes in the README or the manifest it creates, before the
# project says a word of itself: Create React App's "Getting Started with Create React App",
# "This project was bootstrapped with …", Angular CLI's "generated with Angular CLI", Vite's
# and Next.js's templates, a Maven archetype's own description. Such a line is the
# template's words: not the project's name, description or purpose.
GENERATOR_TEXT = re.compile(
    r"create[- ]react[- ]app|create-next-app|\bbootstrapped\s+with\b|generated\s+with\s+\[?angular"
    r"|this\s+template\s+(?:should\s+help|provides\s+a\s+minimal\s+setup)|\barchetype\b",
    re.IGNORECASE,
)
# A first heading that names a section, not the project ("# Overview", "# Getting Started").
_SECTION_TITLE = re.compile(
    r"^(?:overview|introduction|intro|about|description|getting\s+started|table\s+of\s+contents"
    r"|contents|read\s?me|summary|home|welcome|background|motivation|features|requirements"
    r"|prerequisites|install(?:ation|ing)?|setup|set\s+up|usage|quick\s?start|documentation"
    r"|licen[cs]e|contributing|changelog|sample\s+data|samples?|examples?|demo)\W*$",
    re.IGNORECASE,
)
# A README heading copied into a manifest's description ("## Usage"): markup, no purpose.
_HEADING_ONLY = re.compile(r"^\s*#+\s+[^\n]{0,40}$")


def says_something(description: str) -> bool:
    """Whether a manifest's description is the project's words, not a generator's
    template or a README heading pasted into it ("## Usage")."""
    return bool(description.strip()) and not (
        _HEADING_ONLY.match(description) or GENERATOR_TEXT.search(description)
    )


_MAX_DESCRIPTION = 280
# Where manifests keep a project's name (file, keys), in order of trust.
MANIFEST_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("publiccode.yml", ("name",)),
    ("publiccode.yaml", ("name",)),
    ("pyproject.toml", ("project", "name")),
    ("pyproject.toml", ("tool", "poetry", "name")),
    ("package.json", ("name",)),
    ("Cargo.toml", ("package", "name")),
    ("composer.json", ("name",)),
    ("datapackage.json", ("title",)),
    ("pubspec.yaml", ("name",)),
)
# Where manifests keep a project's one-line description (file, keys), in order of trust.
MANIFEST_DESCRIPTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("pyproject.toml", ("project", "description")),
    ("pyproject.toml", ("tool", "poetry", "description")),
    ("package.json", ("description",)),
    ("Cargo.toml", ("package", "description")),
    ("composer.json", ("description",)),
    ("datapackage.json", ("description",)),
    ("pubspec.yaml", ("description",)),
)


def manifest_description(
    manifests: dict[str, dict[str, Any]], filename: str, keys: tuple[str, ...]
) -> str | None:
    """A top-level manifest's description when it describes the product: not a generator's
    words, and not a JavaScript workspace root's ("kolibri-root": "Development utilities
    for Kolibri"), which describes the tooling that builds the packages beside it."""
    data = manifests.get(filename)
    if not isinstance(data, dict):
        return None
    if filename == "package.json" and data.get("workspaces"):
        return None
    value = _get(data, *keys)
    return value if isinstance(value, str) and says_something(value) else None


@dataclass
class ProjectFacts:
    name: str
    description: str | None
    languages: dict[str, int]
    types: list[str]
    type_reasons: list[str] = field(default_factory=list)
    readme: str | None = None  # path of the main README
    manifests: dict[str, dict[str, Any]] = field(default_factory=dict)


def _manifest_data(inventory: Inventory) -> dict[str, dict[str, Any]]:
    """Top-level manifests parsed once, for name and description."""
    found: dict[str, dict[str, Any]] = {}
    loaders = {
        "pyproject.toml": manifest_toml,
        "package.json": manifest_json,
        "Cargo.toml": manifest_toml,
        "composer.json": manifest_json,
        "publiccode.yml": manifest_yaml,
        "publiccode.yaml": manifest_yaml,
        "datapackage.json": manifest_json,
        "pubspec.yaml": manifest_yaml,
    }
    for filename, loader in loaders.items():
        entry = inventory.get(filename)
        if entry is None:
            continue
        text = inventory.text(entry)
        if not text:
            continue
        try:
            data = loader(text)
        except ParseError as error:
            inventory.warnings.append(f"{filename}: not valid ({error}), ignored for project facts")
            continue
        if isinstance(data, dict):
            found[filename] = data
    return found


def _get(data: dict[str, Any], *keys: str) -> str | None:
    node: Any = data
    for key in keys:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node.strip() if isinstance(node, str) and node.strip() else None


def _publiccode_description(data: dict[str, Any]) -> str | None:
    descriptions = data.get("description")
    if isinstance(descriptions, dict):
        for lang in ("en", "eng", *descriptions.keys()):
            block = descriptions.get(lang)
            if isinstance(block, dict):
                short = block.get("shortDescription")
                if isinstance(short, str) and short.strip():
                    return short.strip()
    return None


# The statement the DPG badge carries ("Verified as a Digital Public Good by ..."): the
# registry's words about the project, not the project's about itself.
_DPG_BADGE_TEXT = re.compile(
    r"^(?:verified|recogni[sz]ed)\s+as\s+a\s+digital\s+public\s+good", re.I
)
_MARKDOWN = MarkdownIt("commonmark")
# A paragraph's text is at least this share of its Markdown (badge rows are mostly URLs).
PROSE_SHARE = 0.25
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")


def _plain_inline(token: Token) -> str:
    """An inline token's text as a reader sees it: link texts kept, images, badges and
    HTML tags left out, line breaks as spaces."""
    parts = []
    for child in token.children or ():
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type in {"softbreak", "hardbreak"}:
            parts.append(" ")
    return " ".join("".join(parts).split())


def _prose(plain: str, source: str) -> bool:
    """Whether a paragraph is prose: words of its own, not a row of badges whose labels are
    all that is left once images and links are read ("api: test: tools: web:")."""
    return len(_LETTER_WORD.findall(plain)) >= 2 and len(plain) >= PROSE_SHARE * len(source)


def _readme_title_and_summary(text: str) -> tuple[str | None, str | None]:
    """The README's title (its first level-1 heading) and summary (its first paragraph of
    prose, not in a list).

    Read with a CommonMark parser (markdown-it-py), so HTML blocks (a centred logo, a row
    of badges over several lines), images, badges inside a line and setext headings
    ("Title" over "=====") are what they are, not text.
    """
    title: str | None = None
    tokens = _MARKDOWN.parse(text)
    lists = 0  # a list's items (a table of contents, requirements) are not the summary
    for token, inline in pairwise(tokens):
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            lists += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            lists -= 1
        if inline.type != "inline" or (lists and token.type == "paragraph_open"):
            continue
        if token.type == "heading_open" and token.tag == "h1":
            if title is None:
                # A generator's title ("Getting Started with Create React App") or a
                # section's ("Overview") names no project: "" keeps a later heading from
                # being taken for the title.
                found = _plain_inline(inline)
                generic = GENERATOR_TEXT.search(found) or _SECTION_TITLE.match(found)
                title = "" if generic else found
        elif token.type == "paragraph_open":
            plain = _plain_inline(inline)
            if GENERATOR_TEXT.search(inline.content):
                # The first paragraph is a generator's ("This project was bootstrapped
                # with …"): the README has no summary of its own, and what follows is the
                # template's too ("In the project directory, you can run:").
                lines = inline.content.splitlines()
                own = [line for line in lines if not GENERATOR_TEXT.search(line)]
                plain = _plain_inline(_MARKDOWN.parseInline(" ".join(own))[0]) if own else ""
                return title or None, plain or None
            if _prose(plain, inline.content) and not _DPG_BADGE_TEXT.match(plain):
                return title or None, plain
    return title or None, None


def _first_sentence(text: str) -> str:
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    sentence = match.group(1) if match else text
    return sentence if len(sentence) <= _MAX_DESCRIPTION else sentence[: _MAX_DESCRIPTION - 1] + "…"


def _languages(inventory: Inventory) -> dict[str, int]:
    sizes: Counter[str] = Counter()
    for entry in inventory.own_files():
        if entry.language and entry.language not in NON_CODE:
            sizes[entry.language] += entry.size
    return dict(sizes.most_common())


# Languages that style or lay out pages rather than program them: a site generator's theme.
MARKUP_LANGUAGES = frozenset({"HTML", "CSS", "SCSS", "Sass", "Less"})
_PROSE_SUFFIXES = frozenset({".md", ".mdx", ".markdown", ".rst", ".adoc", ".tex", ".org"})
# Code this large is a program whatever else the repository holds (images, data, docs).
SOFTWARE_MIN_BYTES = 50 * 1024
# A prose site: a site generator around substantial text, at least this many times the
# program code that is not the generator's own theme and configuration.
PROSE_SITE_RATIO = 3
PROSE_SITE_MAX_CODE = 200 * 1024
PROSE_SITE_MIN_PROSE = 20 * 1024
# A site generator's wrapping: its theme, components, layouts, assets and build configs.
_SITE_SCAFFOLD = re.compile(
    r"(?:^|/)(?:src/(?:theme|components|pages|css|plugins)|static|assets|_includes|_layouts|"
    r"_sass|_plugins|layouts|themes?|overrides|partials|\.vitepress|\.vuepress|\.docusaurus)/"
    r"|(?:^|/)(?:sidebars|babel\.config|tailwind\.config|postcss\.config|gatsby-[\w-]+|"
    r"next\.config|vite\.config|webpack\.config|docusaurus\.config)\.[mc]?[jt]sx?$"
)
_STANDARD_WORDS = re.compile(r"spec(?:ification)?s?\b|standard|schema|protocol|\brfc", re.I)


@dataclass
class _Substance:
    """Bytes of the project's own files by kind; tests and examples are not its substance,
    and data or media inside its documentation illustrate the docs."""

    total: int = 0
    code: int = 0  # program code, markup included
    markup: int = 0
    scaffold: int = 0  # program code of a site generator's theme and configuration
    prose: int = 0
    data: int = 0
    media: int = 0
    sites: list[str] = field(default_factory=list)


def _substance(inventory: Inventory) -> _Substance:
    found = _Substance()
    for entry in inventory.own_files():
        if is_site_config(entry.path):
            found.sites.append(entry.path)
        if entry.test or entry.example:
            continue
        found.total += entry.size
        if entry.language and entry.language not in NON_CODE:
            found.code += entry.size
            if entry.language in MARKUP_LANGUAGES:
                found.markup += entry.size
            elif _SITE_SCAFFOLD.search(entry.path):
                found.scaffold += entry.size
        elif entry.suffix in _PROSE_SUFFIXES:
            found.prose += entry.size
        elif entry.docs:
            continue
        elif entry.suffix in DATA_EXTENSIONS:
            found.data += entry.size
        elif entry.suffix in CONTENT_EXTENSIONS:
            found.media += entry.size
    return found


def _prose_kind(inventory: Inventory) -> str:
    """A standard when the tree or the README names a specification, schema or protocol."""
    names = " ".join(entry.path for entry in inventory.own_files())
    return "standard" if _STANDARD_WORDS.search(names) else "content"


def _types(inventory: Inventory, languages: dict[str, int]) -> tuple[list[str], list[str]]:
    del languages  # the substance is measured on the project's own files, tests excluded
    own = _substance(inventory)
    total = own.total or 1
    program = own.code - own.markup
    models = [entry for entry in inventory.own_files() if entry.suffix in MODEL_EXTENSIONS]
    model_cards = [
        entry
        for entry in inventory.own_files()
        if entry.name.lower() in {"model_card.md", "modelcard.md", "model-card.md"}
    ]
    types: list[str] = []
    reasons: list[str] = []
    if models or model_cards:
        types.append("aimodel")
        reasons.append(f"{len(models)} model file(s), {len(model_cards)} model card(s)")
    # A standard, a curriculum or a handbook with a site generator around it: the prose is
    # the work, the generator's code and theme are its wrapping.
    program = program - own.scaffold if own.sites else program
    prose_site = (
        bool(own.sites)
        and own.prose >= PROSE_SITE_MIN_PROSE
        and own.prose >= PROSE_SITE_RATIO * program
        and program < PROSE_SITE_MAX_CODE
    )
    software = not prose_site and bool(
        own.code >= 0.1 * total
        or own.code >= SOFTWARE_MIN_BYTES
        or (own.code and own.code >= 0.25 * (own.code + own.prose + own.data))
    )
    if own.data >= 0.3 * total or inventory.get("datapackage.json"):
        types.append("data")
        reasons.append(f"data files are {own.data / total:.0%} of the bytes")
    if prose_site:
        kind = _prose_kind(inventory)
        types.append(kind)
        site = f" with a site generator ({own.sites[0]})" if own.sites else ""
        reasons.append(
            f"prose is the substance{site}: {own.prose // 1024} KB of text, "
            f"{program // 1024} KB of program code"
        )
    elif own.media >= 0.5 * total and not software:
        # Images, sounds and videos beside a program are its assets, not a content collection.
        types.append("content")
        reasons.append(f"media and documents are {own.media / total:.0%} of the bytes")
    if not software and not types and own.code:
        software = True  # some code and nothing else recognised: a (small) program
    if software:
        types.insert(0, "software")
        reasons.insert(
            0, f"program code is {own.code // 1024} KB ({own.code / total:.0%} of the bytes)"
        )
    if not types and own.prose:
        types.append(_prose_kind(inventory))
        reasons.append("a documentation-only tree")
    if not types:
        types.append("software")
        reasons.append("no other kind recognised; software assumed")
    return types, reasons


def gather_facts(inventory: Inventory, override_types: list[str] | None = None) -> ProjectFacts:
    manifests = _manifest_data(inventory)
    readmes = inventory.named("readme", top_only=True)
    readme = next((e for e in readmes if e.suffix in {".md", ".rst", ".txt", ""}), None)
    readme_title = readme_summary = None
    if readme is not None:
        text = inventory.text(readme)
        if text:
            readme_title, readme_summary = _readme_title_and_summary(text)

    name = None
    description = None
    for filename, keys in MANIFEST_NAMES:
        if filename in manifests:
            name = name or _get(manifests[filename], *keys)
    for filename in ("publiccode.yml", "publiccode.yaml"):
        if filename in manifests:
            description = _publiccode_description(manifests[filename])
    for filename, keys in MANIFEST_DESCRIPTIONS:
        if description is None:
            description = manifest_description(manifests, filename, keys)
    publiccode_name = _get(manifests.get("publiccode.yml", {}), "name") or _get(
        manifests.get("publiccode.yaml", {}), "name"
    )
    if not publiccode_name and readme_title and len(readme_title) <= 80:
        # The README's title is how people name the project; manifests hold package ids.
        name = readme_title
    if description is None and readme_summary:
        description = _first_sentence(readme_summary)
    if not name:
        remote = inventory.git.remote_url if inventory.git else None
        address = parse_remote(remote)
        name = address.name if address else inventory.root.name
    languages = _languages(inventory)
    if override_types:
        types, reasons = list(override_types), ["set by the owner"]
    else:
        types, reasons = _types(inventory, languages)
    return ProjectFacts(
        name=name,
        description=description,
        languages=languages,
        types=types,
        type_reasons=reasons,
        readme=readme.path if readme else None,
        manifests=manifests,
    )
