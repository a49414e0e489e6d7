"""Project facts: name, one-line description, languages by size and project type(s)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from dpgkit.inventory import Inventory
from dpgkit.inventory.classify import (
    CONTENT_EXTENSIONS,
    DATA_EXTENSIONS,
    MODEL_EXTENSIONS,
    NON_CODE,
)
from dpgkit.inventory.manifests import manifest_json, manifest_toml, manifest_yaml
from dpgkit.parsing import ParseError

_HEADING = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$")
_BADGE_OR_HTML = re.compile(r"^\s*(\[!\[|!\[|<|\[\!|=+$|-+$)")
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


def _readme_title_and_summary(text: str) -> tuple[str | None, str | None]:
    title = None
    paragraph: list[str] = []
    in_code = False
    for line in text.splitlines():
        if line.strip().startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        heading = _HEADING.match(line)
        if heading and title is None:
            title = heading.group(1).strip()
            continue
        if line.lstrip().startswith("#"):
            if paragraph:
                break
            continue
        if not line.strip():
            if paragraph:
                break
            continue
        if _BADGE_OR_HTML.match(line):
            continue
        paragraph.append(line.strip())
    summary = " ".join(paragraph) or None
    return title, summary


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


def _types(inventory: Inventory, languages: dict[str, int]) -> tuple[list[str], list[str]]:
    own = list(inventory.own_files())
    total = sum(entry.size for entry in own) or 1
    code = sum(languages.values())
    data = sum(entry.size for entry in own if entry.suffix in DATA_EXTENSIONS)
    content = sum(entry.size for entry in own if entry.suffix in CONTENT_EXTENSIONS)
    docs = sum(entry.size for entry in own if entry.language in {"Markdown", "reStructuredText"})
    models = [entry for entry in own if entry.suffix in MODEL_EXTENSIONS]
    model_cards = [
        entry
        for entry in own
        if entry.name.lower() in {"model_card.md", "modelcard.md", "model-card.md"}
    ]
    types: list[str] = []
    reasons: list[str] = []
    if models or model_cards:
        types.append("aimodel")
        reasons.append(f"{len(models)} model file(s), {len(model_cards)} model card(s)")
    if data / total >= 0.3 or inventory.get("datapackage.json"):
        types.append("data")
        reasons.append(f"data files are {data / total:.0%} of the bytes")
    if content / total >= 0.5 and code / total < 0.2:
        types.append("content")
        reasons.append(f"media and documents are {content / total:.0%} of the bytes")
    if code / total >= 0.1 or (code and not types):
        types.insert(0, "software")
        reasons.insert(0, f"program code is {code / total:.0%} of the bytes")
    if not types and docs:
        spec_words = ("specification", "standard", "schema", "rfc")
        names = " ".join(entry.path.lower() for entry in own)
        if any(word in names for word in spec_words):
            types.append("standard")
            reasons.append("a documentation-only tree naming a specification or schema")
        else:
            types.append("content")
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
        if filename in manifests:
            description = description or _get(manifests[filename], *keys)
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
        name = PurePosixPath(remote.rstrip("/")).stem if remote else inventory.root.name
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
