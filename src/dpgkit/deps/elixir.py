"""Elixir: the `deps` function of mix.exs, read by pattern (mix.exs is never evaluated)."""

from __future__ import annotations

import re

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl

_DEPS_FUNCTION = re.compile(r"^\s*defp?\s+deps\b", re.MULTILINE)
_TUPLE = re.compile(r"""\{\s*:(\w+)\s*,\s*(?:"([^"\n]*)"\s*)?([^{}\n]*)\}""")
_ONLY = re.compile(r"only:\s*(\[[^\]]*\]|:\w+)")


def parse_mix_exs(source: ManifestSource) -> list[Dependency]:
    found: list[Dependency] = []
    start_match = _DEPS_FUNCTION.search(source.text)
    if start_match is None:
        return found
    # The function body runs until the next top-level definition or the module's end.
    following = re.compile(r"^\s*(defp?|defmodule)\b", re.MULTILINE).search(
        source.text, start_match.end()
    )
    body_end = following.start() if following else len(source.text)
    for match in _TUPLE.finditer(source.text, start_match.end(), body_end):
        name, constraint, options = match.group(1), match.group(2), match.group(3)
        only = _ONLY.search(options or "")
        scope = Scope.RUNTIME
        if only and "prod" not in only.group(1):
            scope = Scope.DEVELOPMENT
        if re.search(r"optional:\s*true", options or ""):
            scope = Scope.OPTIONAL
        found.append(
            Dependency(
                ecosystem="hex",
                name=name,
                purl=make_purl("hex", name),
                scope=scope,
                path=source.path,
                line=source.text.count("\n", 0, match.start()) + 1,
                constraint=constraint or None,
            )
        )
    return found
