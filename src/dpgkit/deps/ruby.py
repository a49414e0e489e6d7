"""Ruby: Gemfile and *.gemspec, read by pattern (they are Ruby programs, never evaluated)."""

from __future__ import annotations

import re

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl

_GEM = re.compile(r"""^\s*gem\s*\(?\s*(['"])([\w.\-]+)\1((?:\s*,\s*(['"])[^'"\n]*\4)*)(.*)$""")
_STRINGS = re.compile(r"""(['"])([^'"\n]*)\1""")
_GROUP_START = re.compile(r"^\s*group\s*\(?([^)]*?)\)?\s+do\b")
_BLOCK_START = re.compile(r"^\s*(?:platforms?|source|git|github|path|install_if)\b.*\bdo\b")
_END = re.compile(r"^\s*end\b")
_INLINE_GROUP = re.compile(r"group(?:s)?\s*(?::|=>)\s*\[?([^\]\n]*)")
_DEV_GROUPS = re.compile(r":?(development|test|ci|lint|doc)", re.IGNORECASE)
_SPEC_DEP = re.compile(
    r"""\.add_(runtime_|development_)?dependency\s*\(?\s*(['"])([\w.\-]+)\2((?:\s*,\s*(['"])[^'"\n]*\5)*)"""
)


def _scope_of(groups: str) -> Scope:
    return Scope.DEVELOPMENT if groups and _DEV_GROUPS.search(groups) else Scope.RUNTIME


def _gem(source: ManifestSource, name: str, versions: str, scope: Scope, line: int) -> Dependency:
    constraints = [match.group(2) for match in _STRINGS.finditer(versions)]
    constraint = ", ".join(constraints) or None
    exact = (
        constraints[0]
        if len(constraints) == 1 and re.fullmatch(r"=?\s*\d[\w.]*", constraints[0])
        else None
    )
    version = exact.lstrip("= ") if exact else None
    return Dependency(
        ecosystem="gem",
        name=name,
        purl=make_purl("gem", name, version),
        scope=scope,
        path=source.path,
        line=line,
        constraint=constraint,
        version=version,
    )


def parse_gemfile(source: ManifestSource) -> list[Dependency]:
    found: list[Dependency] = []
    blocks: list[str | None] = []  # group names of the open `do` blocks (None: not a group)
    for number, line in enumerate(source.text.splitlines(), start=1):
        code = line.split("#", 1)[0]
        group = _GROUP_START.match(code)
        if group:
            blocks.append(group.group(1))
            continue
        if _BLOCK_START.match(code):
            blocks.append(None)
            continue
        if _END.match(code):
            if blocks:
                blocks.pop()
            continue
        gem = _GEM.match(code)
        if not gem:
            continue
        inline = _INLINE_GROUP.search(gem.group(5) or "")
        groups = " ".join(g for g in blocks if g) + " " + (inline.group(1) if inline else "")
        found.append(
            _gem(source, gem.group(2), gem.group(3) or "", _scope_of(groups.strip()), number)
        )
    return found


def parse_gemspec(source: ManifestSource) -> list[Dependency]:
    found: list[Dependency] = []
    for number, line in enumerate(source.text.splitlines(), start=1):
        match = _SPEC_DEP.search(line.split("#", 1)[0])
        if match:
            scope = Scope.DEVELOPMENT if match.group(1) == "development_" else Scope.RUNTIME
            found.append(_gem(source, match.group(3), match.group(4) or "", scope, number))
    return found
