"""Go: go.mod `require` directives (single lines and blocks); `// indirect` marks transitive ones."""

from __future__ import annotations

import re

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.parsing import ParseError

_MODULE = re.compile(r"^module\s+\S+")
_REQUIRE_LINE = re.compile(r"^require\s+(\S+)\s+(\S+)(.*)$")
_BLOCK_ENTRY = re.compile(r"^(\S+)\s+(v\S+)(.*)$")


def parse_go_mod(source: ManifestSource) -> list[Dependency]:
    found: list[Dependency] = []
    in_require = False
    saw_module = False
    for number, raw in enumerate(source.text.splitlines(), start=1):
        line = raw.strip()
        if _MODULE.match(line):
            saw_module = True
        if in_require:
            if line.startswith(")"):
                in_require = False
                continue
            match = _BLOCK_ENTRY.match(line)
        elif line.startswith("require") and line.rstrip().endswith("("):
            in_require = True
            continue
        else:
            match = _REQUIRE_LINE.match(line)
        if not match:
            continue
        module, version, rest = match.groups()
        found.append(
            Dependency(
                ecosystem="golang",
                name=module,
                purl=make_purl("golang", module, version),
                scope=Scope.RUNTIME,
                path=source.path,
                line=number,
                constraint=version,
                version=version,
                direct="// indirect" not in rest,
            )
        )
    if not saw_module:
        raise ParseError("go.mod has no module directive")
    return found
