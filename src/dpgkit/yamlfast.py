"""YAML documents built straight from libyaml's events: fast, and refusing aliases.

PyYAML's safe loaders compose a node tree and then construct Python objects from it with
generators, one Python call per node and per resolution: a 2 MB OpenAPI file takes
seconds even with libyaml's C parser. Here libyaml's C parser yields events and this
module builds the dicts, lists and scalars directly, resolving plain scalars with PyYAML's
own resolver table and constructing the non-string ones with PyYAML's own SafeConstructor:
the same data as ``yaml.safe_load``, several times faster.

Aliases are refused on the first AliasEvent, before anything is built: a "billion laughs"
document is tiny on disk and huge once walked, and the events show an alias for what it
is, with no pure-Python composer needed. Anything this builder does not do itself (explicit
tags on collections, merge keys, unhashable keys, several documents where one is expected)
raises Unsupported, and the caller loads the text with the full C loader instead, after
checking the whole stream for aliases.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

CSafeLoader: Any = getattr(yaml, "CSafeLoader", None)
AVAILABLE = CSafeLoader is not None

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
# Scalars PyYAML's SafeConstructor builds itself; any other tag goes to the full loader.
_SCALARS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "binary")
)
_RESOLVERS: dict[Any, list[tuple[str, Any]]] = Resolver.yaml_implicit_resolvers


class AliasRefused(ValueError):
    """The document uses an alias (line given, 1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__(f"YAML aliases are not accepted (line {line})")
        self.line = line


class Unsupported(Exception):
    """A YAML feature this builder leaves to the full loader."""


def _line(event: Any) -> int:
    return event.start_mark.line + 1 if event.start_mark is not None else 0


def _resolve(value: str) -> str:
    """The tag of a plain scalar, as PyYAML's Resolver decides it (no path resolvers)."""
    resolvers = _RESOLVERS.get(value[0] if value else "", [])
    for tag, regexp in resolvers + _RESOLVERS.get(None, []):
        if regexp.match(value):
            return str(tag)
    return _STR


class _Builder:
    def __init__(self, events: Iterator[Any]) -> None:
        self.events = events
        self.constructor = SafeConstructor()

    def next(self) -> Any:
        event = next(self.events)
        if isinstance(event, yaml.AliasEvent):
            raise AliasRefused(_line(event))
        return event

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve(event.value) if event.implicit[0] else _STR
        if tag == _STR:
            return event.value
        if tag not in _SCALARS:
            raise Unsupported(tag)
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        return SafeConstructor.yaml_constructors[tag](self.constructor, node)

    def value(self, event: Any) -> Any:
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            if event.tag not in (None, "!", _SEQ):
                raise Unsupported(event.tag)
            items: list[Any] = []
            item = self.next()
            while not isinstance(item, yaml.SequenceEndEvent):
                items.append(self.value(item))
                item = self.next()
            return items
        if isinstance(event, yaml.MappingStartEvent):
            if event.tag not in (None, "!", _MAP):
                raise Unsupported(event.tag)
            mapping: dict[Any, Any] = {}
            key_event = self.next()
            while not isinstance(key_event, yaml.MappingEndEvent):
                key = self.value(key_event)  # a merge key ("<<") is Unsupported there
                if not isinstance(key, Hashable):
                    raise Unsupported("unhashable key")
                mapping[key] = self.value(self.next())
                key_event = self.next()
            return mapping
        raise Unsupported(type(event).__name__)

    def documents(self) -> Iterator[Any]:
        self.next()  # StreamStartEvent
        event = self.next()
        while not isinstance(event, yaml.StreamEndEvent):
            # DocumentStartEvent, then the root node, then DocumentEndEvent
            yield self.value(self.next())
            self.next()
            event = self.next()


def _events(text: str) -> Iterator[Any]:
    return iter(yaml.parse(text, Loader=CSafeLoader))


def load(text: str) -> Any:
    """One document, as ``yaml.safe_load`` gives it; aliases refused (AliasRefused)."""
    try:
        documents = _Builder(_events(text)).documents()
        first = next(documents, None)
        if next(documents, _END) is not _END:
            raise Unsupported("several documents")  # the full loader says where
        return first
    except Unsupported:
        return _full(text, single=True)


def load_all(text: str) -> list[Any]:
    """Every document of a stream; aliases refused (AliasRefused)."""
    try:
        return list(_Builder(_events(text)).documents())
    except Unsupported:
        return list(_full(text, single=False))


_END = object()


def refuse_aliases(text: str) -> None:
    """Raise AliasRefused at the first alias of the stream: one pass over C events."""
    for event in _events(text):
        if isinstance(event, yaml.AliasEvent):
            raise AliasRefused(_line(event))


def _full(text: str, single: bool) -> Any:
    refuse_aliases(text)
    if single:
        return yaml.load(text, Loader=CSafeLoader)  # noqa: S506 - a safe loader
    return yaml.load_all(text, Loader=CSafeLoader)
