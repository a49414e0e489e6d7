"""Consumers of an Assessment that render it as text: each format is one module."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from dpgkit.model import Assessment

Renderer = Callable[[Assessment], str]
_RENDERERS: dict[str, Renderer] = {}


def renderer(name: str) -> Callable[[Renderer], Renderer]:
    def register(function: Renderer) -> Renderer:
        _RENDERERS[name] = function
        return function

    return register


def renderers() -> dict[str, Renderer]:
    """Every registered format; importing this package's modules registers them."""
    for module in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{module.name}")
    return dict(_RENDERERS)
