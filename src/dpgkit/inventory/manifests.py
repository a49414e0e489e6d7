"""Manifests (package.json, pyproject.toml, pom.xml, publiccode.yml...) parsed once per text.

Project facts, the license declarations and the ownership analysis each read the same few
manifests; they call these loaders, which parse a given text once and hand every caller the
same result (callers only read it). A text that does not parse raises ParseError each time,
with the same one-line message, so each caller still reports it in its own words.
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from dpgkit.parsing import ParseError, load_json, load_toml, load_xml, load_yaml

_LOADERS: dict[str, Callable[[str], Any]] = {
    "json": load_json,
    "toml": load_toml,
    "yaml": load_yaml,
    "xml": load_xml,
}


@lru_cache(maxsize=256)
def _parse(kind: str, text: str) -> tuple[Any, str | None]:
    try:
        return _LOADERS[kind](text), None
    except ParseError as error:
        return None, str(error)


def _load(kind: str, text: str) -> Any:
    data, error = _parse(kind, text)
    if error is not None:
        raise ParseError(error)
    return data


def manifest_json(text: str) -> Any:
    return _load("json", text)


def manifest_toml(text: str) -> Any:
    return _load("toml", text)


def manifest_yaml(text: str) -> Any:
    return _load("yaml", text)


def manifest_xml(text: str) -> Any:
    return _load("xml", text)


def _ini(text: str) -> dict[str, dict[str, str]]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error as error:
        raise ParseError(f"invalid INI: {str(error).splitlines()[0]}") from None
    return {section: dict(parser.items(section)) for section in parser.sections()}


_DCF_FIELD = re.compile(r"^([A-Za-z][\w.@-]*):[ \t]*(.*)$")


def _dcf(text: str) -> dict[str, str]:
    """An R DESCRIPTION (Debian control format): fields, continuation lines joined."""
    fields: dict[str, str] = {}
    current: str | None = None
    for line in text.splitlines():
        match = _DCF_FIELD.match(line)
        if match:
            current = match.group(1)
            fields[current] = match.group(2).strip()
        elif current and line[:1] in {" ", "\t"}:
            fields[current] = (fields[current] + " " + line.strip()).strip()
    return fields


_LOADERS["ini"] = _ini
_LOADERS["dcf"] = _dcf


def manifest_ini(text: str) -> Any:
    """setup.cfg and the like: {section: {key: value}}."""
    return _load("ini", text)


def manifest_dcf(text: str) -> Any:
    """R's DESCRIPTION: {field: value}."""
    return _load("dcf", text)


# Manifests that are programs (gemspec, mix.exs, setup.py): their literal strings only.
_LITERAL = r"""(?:"((?:[^"\\]|\\.){3,2000})"|'((?:[^'\\]|\\.){3,2000})')"""
_CODE_FIELDS = {
    "summary": re.compile(r"\.summary\s*=\s*" + _LITERAL),
    "description": re.compile(
        r"(?:\.description\s*=\s*|\bdescription\s*[:=]\s*|@description\s+)" + _LITERAL
    ),
}


def manifest_literals(text: str) -> dict[str, str]:
    """The summary and description string literals of a manifest written as code."""
    found: dict[str, str] = {}
    for key, pattern in _CODE_FIELDS.items():
        match = pattern.search(text)
        if match:
            found[key] = " ".join((match.group(1) or match.group(2) or "").split())
    return found
