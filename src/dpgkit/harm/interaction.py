"""Interaction between users (messaging, comments, profiles, community channels), found in
data models, code and docs: the analysis behind indicator 9C.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dpgkit.analysis.context import ProbeContext
from dpgkit.evidence.community import community_file
from dpgkit.model import Location
from dpgkit.pii.classify import normalise
from dpgkit.pii.derived import code_features, personal_data

_CONTACT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|https?://\S+", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\[INSERT CONTACT METHOD\]|\[INSERT EMAIL ADDRESS\]", re.IGNORECASE)


_INTERACTION_ENTITIES = re.compile(
    r"(^|_)(messages?|conversations?|chats?|comments?|repl(?:y|ies)|forums?|threads?|topics?|"
    r"follows?|followers?|friends?|friendships?|profiles?|groups?_members?|memberships?)($|_)"
)
_SKIP_SOURCES = frozenset({"HTML form", "ODK XForm", "XLSForm", "JSON Schema"})
_COMMUNITY_TEMPLATES = re.compile(
    r"^\.(github|gitlab)/(ISSUE_TEMPLATE|DISCUSSION_TEMPLATE|issue_templates)/", re.I
)
_COMMUNITY_CHANNELS = re.compile(
    r"discord\.(?:gg|com)|slack\.com|gitter\.im|matrix\.to|zulipchat|discourse|mailing list|"
    r"google groups|/discussions\b|community forum|telegram\.me|t\.me/",
    re.IGNORECASE,
)


@dataclass
class Interaction:
    product: dict[str, list[Location]] = field(default_factory=dict)
    community: list[Location] = field(default_factory=list)

    def add(self, kind: str, location: Location) -> None:
        items = self.product.setdefault(kind, [])
        if len(items) < 4:
            items.append(location)

    @property
    def found(self) -> bool:
        return bool(self.product or self.community)


def interaction(ctx: ProbeContext) -> Interaction:
    found = Interaction()
    for data_field in ctx.derive(personal_data).fields:
        if data_field.source in _SKIP_SOURCES:
            continue
        if _INTERACTION_ENTITIES.search(normalise(data_field.entity)):
            found.add(
                "user-to-user data models",
                Location(
                    path=data_field.path,
                    line=data_field.line,
                    excerpt=f"{data_field.entity} ({data_field.source})",
                ),
            )
    signals = ctx.derive(code_features)
    for name in ("messaging", "forums", "profiles", "posts_comments"):
        for hit in signals.get(name)[:2]:
            if not hit.test:
                found.add(
                    signals.label(name), Location(path=hit.path, line=hit.line, excerpt=hit.excerpt)
                )
    contributing = community_file(ctx, "contributing")
    if contributing is not None:
        found.community.append(ctx.location(contributing, 1))
    templates = [entry for entry in ctx.inventory.files if _COMMUNITY_TEMPLATES.match(entry.path)]
    found.community += [ctx.location(entry, 1) for entry in templates[:2]]
    if ctx.facts.readme:
        readme = ctx.inventory.get(ctx.facts.readme)
        if readme is not None:
            found.community += ctx.find(readme, _COMMUNITY_CHANNELS, limit=1)
    return found
