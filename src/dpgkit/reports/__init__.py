"""Consumers of an Assessment that render it as text: each format is one module."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from dpgkit.model import Assessment

Renderer = Callable[[Assessment], str]
_RENDERERS: dict[str, Renderer] = {}
# Each format and the module that registers it: named here so that `dpg` lists the formats
# without importing every renderer (and what they import) on each run; a test checks that
# importing the modules registers exactly these.
FORMAT_MODULES: dict[str, str] = {
    "json": "json_report",
    "markdown": "markdown",
    "html": "html",
    "sarif": "sarif",
}


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    def register(function: Renderer) -> Renderer:
        _RENDERERS[name] = function
        return function

    return register


def format_names() -> list[str]:
    return list(FORMAT_MODULES)


def renderer_for(name: str) -> Renderer:
    """The renderer of one format (its module imported now); KeyError for an unknown one."""
    if name not in _RENDERERS:
        importlib.import_module(f"{__name__}.{FORMAT_MODULES[name]}")
    return _RENDERERS[name]


def renderers() -> dict[str, Renderer]:
    """Every format's renderer (each module imported)."""
    return {name: renderer_for(name) for name in FORMAT_MODULES}
