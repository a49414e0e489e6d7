"""What the project says of itself, gathered for the SDG classifier, and the project-level
relevance computed once per assessment (``ctx.derive(relevance)``); ``sdg_entries`` is the
Assessment's sdgs[].
"""

from __future__ import annotations

from typing import Any

from dpgkit.analysis.context import ProbeContext
from dpgkit.evidence.readme import INSTALL, USAGE, headings
from dpgkit.facts import MANIFEST_DESCRIPTIONS
from dpgkit.model import SdgEntry
from dpgkit.sdg import load_classifier
from dpgkit.sdg.project import Passage, Relevance, assess_relevance

README_WORDS = 1500  # the README's introduction and first sections
DOCS_WORDS = 600
_DOCS_INDEX = (
    "docs/index.md",
    "docs/README.md",
    "docs/index.rst",
    "doc/index.md",
    "doc/index.rst",
    "docs/readme.md",
    "documentation/index.md",
)
# Sections that say how to install or contribute, not what the project is for.
_SKIP_SECTION = (INSTALL, USAGE)


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _readme_passages(ctx: ProbeContext) -> list[Passage]:
    path = ctx.facts.readme
    text = ctx.inventory.text(path) if path else None
    if not path or not text:
        return []
    lines = text.splitlines()
    marks = headings(text)
    # The introduction: everything before the second heading (the first is the title).
    intro_end = marks[1][0] - 1 if len(marks) > 1 else len(lines)
    passages = [Passage("readme-intro", path, 1, "\n".join(lines[:intro_end]))]
    words = len(passages[0].text.split())
    for index, (line_no, title) in enumerate(marks[1:], start=1):
        if words >= README_WORDS:
            break
        end = marks[index + 1][0] - 1 if index + 1 < len(marks) else len(lines)
        if any(pattern.search(title) for pattern in _SKIP_SECTION):
            continue
        body = "\n".join(lines[line_no - 1 : end])
        passages.append(Passage("readme", path, line_no, body))
        words += len(body.split())
    return passages


def project_passages(ctx: ProbeContext) -> list[Passage]:
    """What the project says of itself, most central first."""
    passages: list[Passage] = []
    manifests = ctx.facts.manifests
    for filename in ("publiccode.yml", "publiccode.yaml"):
        descriptions = _get(manifests.get(filename), "description")
        if isinstance(descriptions, dict):
            for block in descriptions.values():
                for key in ("shortDescription", "longDescription"):
                    value = _get(block, key)
                    if isinstance(value, str) and value.strip():
                        passages.append(Passage("publiccode", filename, None, value))
                features = _get(block, "features")
                if isinstance(features, list):
                    listed = ". ".join(str(item) for item in features[:30] if isinstance(item, str))
                    if listed:
                        passages.append(Passage("publiccode", filename, None, listed))
    for filename, keys in MANIFEST_DESCRIPTIONS:
        value = _get(manifests.get(filename), *keys)
        if isinstance(value, str) and value.strip():
            passages.append(Passage("description", filename, None, value))
    passages += _readme_passages(ctx)
    for path in _DOCS_INDEX:
        text = ctx.inventory.text(path) if ctx.inventory.get(path) else None
        if text:
            passages.append(Passage("docs", path, 1, " ".join(text.split()[:DOCS_WORDS])))
            break
    evidence = ctx.answers.get("1.sdg_evidence")
    if isinstance(evidence, str) and evidence.strip():
        passages.append(Passage("answers", ctx.answers.source or "answers", None, evidence))
    return passages


def relevance(ctx: ProbeContext) -> Relevance:
    return assess_relevance(load_classifier(), project_passages(ctx))


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
