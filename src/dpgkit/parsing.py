"""Parsers for untrusted project files that fail with ParseError, never hang or blow up.

YAML aliases are refused outright: "billion laughs" documents are tiny on disk and huge once
walked, and real manifests do not need them. XML goes through defusedxml, which refuses
entity expansion and external entities. JSON nesting too deep for Python is a ParseError.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any
from xml.etree.ElementTree import Element

import yaml
from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException


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
    try:
        return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "invalid YAML"
        raise ParseError(f"{problem}{where}") from None
    except RecursionError:
        raise ParseError("YAML nested too deeply") from None


def load_yaml_all(text: str) -> list[Any]:
    try:
        return list(yaml.load_all(text, Loader=_NoAliasLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise ParseError(f"invalid YAML{where}") from None
    except RecursionError:
        raise ParseError("YAML nested too deeply") from None


def load_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ParseError(f"{error.msg} at line {error.lineno}") from None
    except RecursionError:
        raise ParseError("JSON nested too deeply") from None


def load_toml(text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ParseError(str(error)) from None
    except RecursionError:
        raise ParseError("TOML nested too deeply") from None


def load_xml(text: str) -> Element:
    try:
        root: Element = SafeElementTree.fromstring(text.encode("utf-8"))
    except DefusedXmlException as error:
        raise ParseError(f"refused unsafe XML ({type(error).__name__})") from None
    except SafeElementTree.ParseError as error:
        raise ParseError(f"invalid XML: {error}") from None
    return root
