"""User content the product handles (posts and comments, messages, uploads), found in data
models and code: the analysis behind indicator 9B.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dpgkit.analysis.context import ProbeContext
from dpgkit.model import Location
from dpgkit.pii.classify import normalise
from dpgkit.pii.derived import code_features, personal_data

_STORED_SOURCES_SKIP = frozenset(
    {"HTML form", "ODK XForm", "XLSForm", "OpenAPI schema", "JSON Schema"}
)
_CONTENT_ENTITIES = {
    "posts and comments": re.compile(
        r"(^|_)(comments?|posts?|repl(?:y|ies)|reviews?|threads?|topics?|discussions?|answers?|stor(?:y|ies))($|_)"
    ),
    "messages": re.compile(r"(^|_)(messages?|conversations?|chats?)($|_)"),
    "uploads and media": re.compile(
        r"(^|_)(uploads?|attachments?|media|photos?|videos?|images?|files?|documents?|submissions?)($|_)"
    ),
}
_UPLOAD_TYPES = re.compile(
    r"^(FileField|ImageField|has_one_attached|has_many_attached|mount_uploaders?|attachment|Bytes|bytea|blob|longblob|binary)$",
    re.I,
)


@dataclass
class UserContent:
    kinds: dict[str, list[Location]] = field(default_factory=dict)

    def add(self, kind: str, location: Location) -> None:
        self.kinds.setdefault(kind, [])
        if len(self.kinds[kind]) < 5:
            self.kinds[kind].append(location)

    @property
    def found(self) -> bool:
        return bool(self.kinds)

    def locations(self, limit: int = 10) -> list[Location]:
        firsts = [items[0] for items in self.kinds.values()]
        rest = [loc for items in self.kinds.values() for loc in items[1:]]
        return (firsts + rest)[:limit]

    def describe(self) -> str:
        return ", ".join(
            f"{kind} ({items[0].path}" + (f":{items[0].line})" if items[0].line else ")")
            for kind, items in self.kinds.items()
        )


def user_content(ctx: ProbeContext) -> UserContent:
    """User content in data models and code: posts and comments, messages, uploads."""
    found = UserContent()
    report = ctx.derive(personal_data)
    for data_field in report.fields:
        if data_field.source in _STORED_SOURCES_SKIP:
            continue
        entity = normalise(data_field.entity)
        for kind, pattern in _CONTENT_ENTITIES.items():
            if pattern.search(entity):
                found.add(
                    kind,
                    Location(
                        path=data_field.path,
                        line=data_field.line,
                        excerpt=f"{data_field.entity} ({data_field.source})",
                    ),
                )
                break
        if data_field.type and _UPLOAD_TYPES.match(data_field.type.split("(")[0]):
            found.add(
                "uploads and media",
                Location(
                    path=data_field.path,
                    line=data_field.line,
                    excerpt=f"{data_field.entity}.{data_field.name}: {data_field.type}",
                ),
            )
    signals = ctx.derive(code_features)
    for signal, kind in (
        ("uploads", "uploads and media"),
        ("posts_comments", "posts and comments"),
    ):
        for hit in signals.get(signal)[:3]:
            if not hit.test:
                found.add(kind, Location(path=hit.path, line=hit.line, excerpt=hit.excerpt))
    return found
