"""Indicator 9B: user content, a content policy naming illegal content, and moderation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dpgkit.model import Location
from dpgkit.pii.classify import normalise
from dpgkit.pii.derived import code_features, document_features, personal_data, policies
from dpgkit.probes.base import ProbeContext, Result, failed, not_applicable, passed, unknown
from dpgkit.probes.registry import probe
from dpgkit.probes.security import hit_locations

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


@probe("user_content_features")
def user_content_features(ctx: ProbeContext) -> Result:
    content = ctx.derive(user_content)
    if not content.found:
        result = not_applicable(
            "No user content was found: no posts, comments, messages, uploads or media in the "
            "data models, and no upload handling in the code."
        )
        result.suggestions = {"collects_content": "No"}
        return result
    result = unknown(
        f"The product handles user content: {content.describe()}.",
        content.locations(),
        kinds=sorted(content.kinds),
    )
    result.suggestions = {
        "collects_content": "Yes — " + ", ".join(content.kinds),
        "content_types": content.describe(),
    }
    return result


def _policy_documents(ctx: ProbeContext) -> list[str]:
    found = ctx.derive(policies)
    return [
        entry.path
        for kind in ("content_policy", "terms", "child_safety")
        for entry in found.get(kind, [])
    ]


@probe("content_policy")
def content_policy(ctx: ProbeContext) -> Result:
    if not ctx.derive(user_content).found:
        return not_applicable("No user content was found, so no content policy is needed.")
    documents = _policy_documents(ctx)
    signals = ctx.derive(document_features)
    illegal = signals.get("illegal_content")
    rules = signals.get("content_rules")
    if illegal:
        where = [hit.path for hit in illegal]
        result = passed(
            f"A policy names illegal or harmful content ({illegal[0].path}:{illegal[0].line}).",
            hit_locations(illegal, 3) + hit_locations(rules, 2),
        )
        result.suggestions = {"content_policy": "; ".join(dict.fromkeys(documents[:3] + where[:3]))}
        return result
    if documents or rules:
        places = documents or [hit.path for hit in rules]
        result = unknown(
            f"Content rules exist ({', '.join(places[:3])}) but name no illegal content "
            "such as child sexual abuse material.",
            [ctx.location(path, 1) for path in documents[:3]] + hit_locations(rules, 3),
        )
        result.suggestions = {"content_policy": "; ".join(places[:3])}
        return result
    return failed(
        "User content is collected, but no content policy or community guidelines were found."
    )


@probe("content_moderation")
def content_moderation(ctx: ProbeContext) -> Result:
    if not ctx.derive(user_content).found:
        return not_applicable("No user content was found, so no moderation is needed.")
    code = ctx.derive(code_features)
    docs = ctx.derive(document_features)
    present = code.found("reporting", "moderation", "content_screening")
    process = docs.get("moderation_process")
    locations = [loc for name in present for loc in hit_locations(code.get(name), 2)]
    locations += hit_locations(process, 2)
    labels = [code.label(name) for name in present]
    if process:
        labels.append(f"a moderation process described in {process[0].path}")
    if not labels:
        return failed(
            "User content is collected, but no reporting, moderation or removal feature was found."
        )
    summary = "; ".join(labels)
    complete = ("reporting" in present and "moderation" in present) or (
        bool(present) and bool(process)
    )
    outcome = passed if complete else unknown
    result = outcome(f"Found {summary}.", locations, features=present)
    result.suggestions = {
        "illegal_content_detection": "; ".join(
            f"{code.label(name)} ({code.get(name)[0].path}:{code.get(name)[0].line})"
            for name in present
        )
        + (f"; process described in {process[0].path}" if process else "")
    }
    return result
