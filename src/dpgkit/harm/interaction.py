"""Interaction between people (forums, public posts and comments, followers, messages
between members, a contributor community), found in data models, code and docs: the
analysis behind indicator 9C.

Open interaction (members of the public or of the platform reaching each other) is told
apart from contact with the organisation itself: a client messaging their own case worker,
staff writing notes on a record, SMS the system sends. The latter is not interaction
*between* users. Where the scan cannot tell (a ``Message`` model with nothing around it),
the owner is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dpgkit.analysis.context import ProbeContext
from dpgkit.evidence.community import community_file
from dpgkit.harm.audience import (
    MESSAGE,
    PROFILE,
    SOCIAL,
    Audience,
    Judged,
    entity_location,
    head,
    is_system_message,
    owner_audience,
    public_fields,
    record_fields,
)
from dpgkit.harm.content import FORUMS, POSTS, entity_relations, user_content
from dpgkit.model import Location
from dpgkit.pii.derived import code_features, personal_data
from dpgkit.pii.fields import DataField

_SKIP_SOURCES = frozenset({"HTML form", "ODK XForm", "XLSForm", "JSON Schema"})
_COMMUNITY_TEMPLATES = re.compile(
    r"^\.(github|gitlab)/(ISSUE_TEMPLATE|DISCUSSION_TEMPLATE|issue_templates)/", re.I
)
_COMMUNITY_CHANNELS = re.compile(
    r"discord\.(?:gg|com)|slack\.com|gitter\.im|matrix\.to|zulipchat|discourse|mailing list|"
    r"google groups|/discussions\b|community forum|telegram\.me|t\.me/",
    re.IGNORECASE,
)
# Messages that name two people of the platform (sender and recipient users) are between
# members; a room, a group chat or a direct message is too.
_PEER_MESSAGE_WORDS = frozenset({"direct", "private", "room", "group", "channel", "dm"})
MESSAGING = "messaging between users"
SOCIAL_KIND = "public profiles and connections"
_PER_KIND = 4


@dataclass
class Interaction:
    judged: list[Judged] = field(default_factory=list)
    community: list[Location] = field(default_factory=list)

    def add(self, item: Judged) -> None:
        same = [j for j in self.judged if j.kind == item.kind and j.audience is item.audience]
        if len(same) < _PER_KIND:
            self.judged.append(item)

    def with_audience(self, audience: Audience) -> list[Judged]:
        return [item for item in self.judged if item.audience is audience]

    @property
    def product(self) -> dict[str, list[Location]]:
        """Interaction between users of the product (open or unclear), by kind."""
        found: dict[str, list[Location]] = {}
        for item in self.with_audience(Audience.OPEN) + self.with_audience(Audience.UNCLEAR):
            found.setdefault(item.kind, []).append(item.location)
        return found

    @property
    def open(self) -> bool:
        return bool(self.with_audience(Audience.OPEN))

    @property
    def found(self) -> bool:
        return bool(self.product or self.community)

    def describe(self, audience: Audience) -> str:
        first: dict[str, Judged] = {}
        for item in self.with_audience(audience):
            first.setdefault(item.kind, item)
        return ", ".join(
            f"{kind} ({item.location.path}: {item.reason})" for kind, item in first.items()
        )


def _judge_message(entity: str, fields: list[DataField], related: list[str]) -> Judged | None:
    noun, owners = head(entity)
    if noun not in MESSAGE or is_system_message(owners):
        return None
    where = entity_location(fields[0])
    records = record_fields([field.name for field in fields] + related)
    audience = owner_audience(owners)
    if records or audience is Audience.INTERNAL:
        about = records[0] if records else owners[-1]
        return Judged(
            MESSAGING,
            Audience.INTERNAL,
            where,
            f"{entity} belongs to a {about} record: contact with the organisation",
        )
    if any(word in _PEER_MESSAGE_WORDS for word in owners) or audience is Audience.OPEN:
        return Judged(MESSAGING, Audience.OPEN, where, f"{entity} is sent between members")
    return Judged(
        MESSAGING,
        Audience.UNCLEAR,
        where,
        f"{entity}: whether members message each other or the organisation's staff is not shown",
    )


def _judge_social(entity: str, fields: list[DataField]) -> Judged | None:
    noun, _owners = head(entity)
    where = entity_location(fields[0])
    if noun in SOCIAL:
        return Judged(SOCIAL_KIND, Audience.OPEN, where, f"{entity} connects members")
    if noun in PROFILE and public_fields(fields):
        return Judged(SOCIAL_KIND, Audience.OPEN, where, f"{entity} has {public_fields(fields)[0]}")
    return None


def _product(ctx: ProbeContext, found: Interaction) -> None:
    grouped: dict[str, list[DataField]] = {}
    for data_field in ctx.derive(personal_data).fields:
        if data_field.source not in _SKIP_SOURCES:
            grouped.setdefault(data_field.entity, []).append(data_field)
    for entity, fields in grouped.items():
        judged = _judge_message(
            entity, fields, entity_relations(ctx, entity, fields)
        ) or _judge_social(entity, fields)
        if judged is not None:
            found.add(judged)
    # Forums, posts and comments as the content analysis judged them (who reads them).
    for item in ctx.derive(user_content).judged:
        if item.kind in (FORUMS, POSTS):
            found.add(item)
    signals = ctx.derive(code_features)
    for name, kind in (("messaging", MESSAGING), ("profiles", SOCIAL_KIND)):
        for hit in signals.get(name)[:2]:
            if not hit.test:
                found.add(
                    Judged(
                        kind,
                        Audience.OPEN,
                        Location(path=hit.path, line=hit.line, excerpt=hit.excerpt),
                        signals.label(name),
                    )
                )


def interaction(ctx: ProbeContext) -> Interaction:
    found = Interaction()
    _product(ctx, found)
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
