"""Parsers for untrusted project files that fail with ParseError, never hang or blow up.

YAML aliases are refused outright: "billion laughs" documents are tiny on disk and huge once
walked, and real manifests do not need them. YAML is read by libyaml's C parser, its events
turned into data directly (dpgkit.yamlfast: a 2 MB OpenAPI file in a fraction of a second),
with the pure-Python loader only where libyaml is missing. XML goes through defusedxml,
which refuses entity expansion and external entities. JSON (the standard library's C
decoder) nested too deep for Python is a ParseError. Each kind has a size cap: a text
larger is refused before any parsing.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any
from xml.etree.ElementTree import Element

import yaml
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from dpgkit import yamlfast

# Characters of text parsed at most, by kind: bigger documents are refused, not parsed.
# Project files reach here through the inventory, already capped at 2 MiB each.
SIZE_CAPS = {"yaml": 4 << 20, "json": 16 << 20, "toml": 2 << 20, "xml": 8 << 20}


def _capped(text: str, kind: str) -> str:
    cap = SIZE_CAPS[kind]
    if len(text) > cap:
        raise ParseError(
            f"{len(text):,} characters, larger than the {cap:,} read for {kind.upper()}"
        )
    return text


class ParseError(ValueError):
    """The text is not valid in its format; the message says where, in one line."""


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise ParseError(f"YAML aliases are not accepted (line {event.start_mark.line + 1})")
        return super().compose_node(parent, index)


# Our own data files ship with the package and are trusted: parse them with libyaml's C
# loader when present (ten times faster than the pure-Python one the checks below need).
_DATA_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_data_yaml(text: str) -> Any:
    """Parse one of dpgkit's own packaged YAML data files (never a project's file)."""
    return yaml.load(text, Loader=_DATA_LOADER)  # noqa: S506 - a safe loader


def load_yaml(text: str) -> Any:
    _capped(text, "yaml")
    try:
        if yamlfast.AVAILABLE:
            return yamlfast.load(text)
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yamlfast.AliasRefused as error:
        raise ParseError(str(error)) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ParseError(f"{problem}{where}") from None
    except RecursionError:
        raise ParseError("YAML nested too deeply") from None


def load_yaml_all(text: str) -> list[Any]:
    _capped(text, "yaml")
    try:
        if yamlfast.AVAILABLE:
            return yamlfast.load_all(text)
        return list(yaml.load_all(text, Loader=_NoAliasLoader))
    except yamlfast.AliasRefused as error:
        raise ParseError(str(error)) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ParseError(f"invalid YAML{where}") from None
    except RecursionError:
        raise ParseError("YAML nested too deeply") from None


def load_json(text: str) -> Any:
    _capped(text, "json")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(f"{error.msg} at line {error.lineno}") from None
    except RecursionError:
        raise ParseError("JSON nested too deeply") from None


def load_toml(text: str) -> dict[str, Any]:
    _capped(text, "toml")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ParseError(str(error)) from None
    except RecursionError:
        raise ParseError("TOML nested too deeply") from None


def load_xml(text: str) -> Element:
    _capped(text, "xml")
    try:
        root: Element = SafeElementTree.fromstring(text.encode("utf-8"))
    except DefusedXmlException as error:
        raise ParseError(f"refused unsafe XML ({type(error).__name__})") from None
    except SafeElementTree.ParseError as error:
        raise ParseError(f"invalid XML: {error}") from None
    return root
