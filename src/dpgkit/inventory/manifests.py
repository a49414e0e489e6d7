"""Manifests (package.json, pyproject.toml, pom.xml, publiccode.yml...) parsed once per text.

Project facts, the license declarations and the ownership analysis each read the same few
manifests; they call these loaders, which parse a given text once and hand every caller the
same result (callers only read it). A text that does not parse raises ParseError each time,
with the same one-line message, so each caller still reports it in its own words.
"""

from __future__ import annotations

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
