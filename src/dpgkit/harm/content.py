"""User content the product handles (posts and comments, forums, messages, uploads) and who
it is distributed to, found in data models and code: the analysis behind indicator 9B.

9B applies when content is collected, stored *and distributed* (the questionary's fourth
option). Content kept for the organisation's own use (form submissions, documents attached
to a case, a patient's lab files, notes staff write) is collected and stored, not
distributed: the indicator does not apply, and the analysis says so with the evidence.
Forums, public posts and comments under them are distributed. Comments or posts with nothing
that shows who reads them are a question for the owner, not a guess.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from dpgkit.analysis.context import ProbeContext
from dpgkit.harm.audience import (
    FORUM,
    MESSAGE,
    POST,
    THREAD,
    UPLOAD,
    Audience,
    Judged,
    entity_location,
    head,
    is_system_message,
    owner_audience,
    public_fields,
    public_parents,
    record_fields,
)
from dpgkit.harm.relations import relations
from dpgkit.model import Location
from dpgkit.pii.derived import code_features, personal_data
from dpgkit.pii.fields import DataField

# Forms and API descriptions collect or describe data; they do not store content.
_STORED_SOURCES_SKIP = frozenset(
    {"HTML form", "ODK XForm", "XLSForm", "OpenAPI schema", "JSON Schema"}
)
_UPLOAD_TYPES = frozenset(
    {
        *("filefield", "imagefield", "has_one_attached", "has_many_attached"),
        *("mount_uploader", "mount_uploaders", "attachment", "bytes", "bytea", "blob"),
        *("longblob", "binary"),
    }
)
FORUMS = "forums and discussions"
POSTS = "posts and comments"
MESSAGES = "messages"
UPLOADS = "uploads and media"
_PER_KIND = 5
_TOPLEVEL = frozenset({"post", "posts", "story", "stories", "article", "articles", "question"})
_RESPONSES = frozenset({"comment", "comments", "reply", "replies", "answer", "answers"})


@dataclass
class UserContent:
    judged: list[Judged] = field(default_factory=list)

    def add(self, item: Judged) -> None:
        same = [j for j in self.judged if j.kind == item.kind and j.audience is item.audience]
        if len(same) < _PER_KIND:
            self.judged.append(item)

    @property
    def found(self) -> bool:
        return bool(self.judged)

    @property
    def kinds(self) -> dict[str, list[Location]]:
        found: dict[str, list[Location]] = defaultdict(list)
        for item in self._ordered():
            found[item.kind].append(item.location)
        return dict(found)

    def _ordered(self) -> list[Judged]:
        rank = {Audience.OPEN: 0, Audience.UNCLEAR: 1, Audience.INTERNAL: 2}
        return sorted(self.judged, key=lambda item: rank[item.audience])

    def with_audience(self, audience: Audience) -> list[Judged]:
        return [item for item in self.judged if item.audience is audience]

    @property
    def distribution(self) -> str:
        """public (someone other than the organisation reads it), unclear, internal, none."""
        if self.with_audience(Audience.OPEN):
            return "public"
        if self.with_audience(Audience.UNCLEAR):
            return "unclear"
        return "internal" if self.judged else "none"

    def locations(self, limit: int = 10) -> list[Location]:
        items = self._ordered()
        firsts = {item.kind: item.location for item in reversed(items)}
        rest = [item.location for item in items if item.location not in firsts.values()]
        return (list(firsts.values()) + rest)[:limit]

    def describe(self, audience: Audience | None = None) -> str:
        items = self._ordered() if audience is None else self.with_audience(audience)
        first: dict[str, Judged] = {}
        for item in items:
            first.setdefault(item.kind, item)
        return ", ".join(
            f"{kind} ({_where(item.location)}: {item.reason})" for kind, item in first.items()
        )


def entity_relations(ctx: ProbeContext, entity: str, fields: list[DataField]) -> list[str]:
    """The records an entity belongs to, read once per entity and assessment."""
    cache = ctx.derive(_relations_cache)
    if entity not in cache:
        cache[entity] = relations(ctx.inventory, fields)
    return cache[entity]


def _relations_cache(ctx: ProbeContext) -> dict[str, list[str]]:
    return {}


def _where(location: Location) -> str:
    return location.path + (f":{location.line}" if location.line else "")


def _by_entity(fields: list[DataField]) -> dict[str, list[DataField]]:
    grouped: dict[str, list[DataField]] = defaultdict(list)
    for data_field in fields:
        if data_field.source not in _STORED_SOURCES_SKIP:
            grouped[data_field.entity].append(data_field)
    return grouped


def judge_entity(entity: str, fields: list[DataField], related: list[str]) -> Judged | None:
    """The kind of content an entity holds and who reads it, or None if it holds none.

    ``related``: the records it belongs to (see ``dpgkit.harm.relations``)."""
    noun, owners = head(entity)
    where = entity_location(fields[0])
    public = public_fields(fields)
    links = [field.name for field in fields] + related
    records = record_fields(links)
    if noun in FORUM:
        return Judged(FORUMS, Audience.OPEN, where, f"{entity} is a forum")
    if noun in THREAD:
        # Topics and threads are forums only beside a forum or with public fields; alone
        # they are as often a syllabus's topics or a message thread.
        if any(word in FORUM for word in owners) or public:
            return Judged(FORUMS, Audience.OPEN, where, f"{entity} is a discussion thread")
        return None
    if noun in POST:
        return _judge_posts(entity, noun, owners, public, records, where, public_parents(links))
    if noun in MESSAGE:
        if is_system_message(owners):
            return None
        return Judged(
            MESSAGES,
            Audience.INTERNAL,
            where,
            f"{entity} is sent to named recipients, not published",
        )
    if noun in UPLOAD:
        audience = owner_audience(owners)
        if audience is Audience.OPEN or public:
            reason = f"{entity} has {public[0]}" if public else f"{entity} belongs to public posts"
            return Judged(UPLOADS, Audience.OPEN, where, reason)
        return Judged(UPLOADS, Audience.INTERNAL, where, f"{entity} is kept with the records")
    return None


def _judge_posts(
    entity: str,
    noun: str,
    owners: list[str],
    public: list[str],
    records: list[str],
    where: Location,
    parents: list[str],
) -> Judged:
    if public:
        return Judged(POSTS, Audience.OPEN, where, f"{entity} has {public[0]}")
    if parents:
        return Judged(POSTS, Audience.OPEN, where, f"{entity} is written under a {parents[0]}")
    audience = owner_audience(owners)
    if audience is Audience.OPEN:
        return Judged(POSTS, Audience.OPEN, where, f"{entity} is written under public content")
    if audience is Audience.INTERNAL or records:
        about = records[0] if records else owners[-1]
        return Judged(POSTS, Audience.INTERNAL, where, f"{entity} is a note on a {about} record")
    if noun in {"review", "reviews"}:
        # Reviews without ratings or visibility are steps of a workflow (a loan's review).
        return Judged(POSTS, Audience.INTERNAL, where, f"{entity} is a review step")
    return Judged(POSTS, Audience.UNCLEAR, where, f"who reads {entity} is not shown")


def _uploads_in_fields(
    found: UserContent, entity: str, fields: list[DataField], judged: Judged | None
) -> None:
    for data_field in fields:
        kind = (data_field.type or "").split("(")[0].strip().lower()
        if kind not in _UPLOAD_TYPES:
            continue
        audience = judged.audience if judged and judged.audience is Audience.OPEN else None
        found.add(
            Judged(
                UPLOADS,
                audience or Audience.INTERNAL,
                Location(
                    path=data_field.path,
                    line=data_field.line,
                    excerpt=f"{entity}.{data_field.name}: {data_field.type}",
                ),
                f"a file field of {entity}"
                + (" (public content)" if audience else ", kept with the record"),
            )
        )
        return


def user_content(ctx: ProbeContext) -> UserContent:
    """User content in data models and code, each piece judged by who reads it."""
    found = UserContent()
    report = ctx.derive(personal_data)
    entities = _by_entity(report.fields)
    nouns = {head(entity)[0] for entity in entities}
    # Posts and the comments or replies under them, side by side, are a discussion that
    # members read (a notice board, a forum): whose they are needs no field to tell.
    discussion = bool(nouns & _TOPLEVEL) and bool(nouns & _RESPONSES)
    for entity, fields in entities.items():
        judged = judge_entity(entity, fields, entity_relations(ctx, entity, fields))
        if (
            discussion
            and judged is not None
            and judged.audience is Audience.UNCLEAR
            and head(entity)[0] in _TOPLEVEL | _RESPONSES
        ):
            judged = Judged(
                judged.kind, Audience.OPEN, judged.location, f"{entity}: posts with comments"
            )
        if judged is not None:
            found.add(judged)
        _uploads_in_fields(found, entity, fields, judged)
    signals = ctx.derive(code_features)
    for hit in signals.get("uploads")[:3]:
        if not hit.test:
            found.add(
                Judged(
                    UPLOADS,
                    Audience.INTERNAL,
                    Location(path=hit.path, line=hit.line, excerpt=hit.excerpt),
                    "upload handling; nothing shows uploads are published",
                )
            )
    for hit in signals.get("forums")[:3]:
        if not hit.test:
            found.add(
                Judged(
                    FORUMS,
                    Audience.OPEN,
                    Location(path=hit.path, line=hit.line, excerpt=hit.excerpt),
                    "forum code",
                )
            )
    if not any(item.kind == POSTS for item in found.judged):
        # Code that adds comments or posts, where no data model says whose they are.
        for hit in signals.get("posts_comments")[:2]:
            if not hit.test:
                found.add(
                    Judged(
                        POSTS,
                        Audience.UNCLEAR,
                        Location(path=hit.path, line=hit.line, excerpt=hit.excerpt),
                        "comment or post code; who reads them is not shown",
                    )
                )
    return found
