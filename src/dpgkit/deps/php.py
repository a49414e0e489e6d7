"""PHP: composer.json `require` and `require-dev` (platform packages such as php, ext-* skipped)."""

from __future__ import annotations

import re

from dpgkit.deps.model import Dependency, ManifestSource, Scope, make_purl
from dpgkit.inventory.manifests import manifest_json
from dpgkit.parsing import ParseError

_PLATFORM = re.compile(r"^(php|hhvm|composer(-plugin|-runtime)?-api|ext-.+|lib-.+)$", re.IGNORECASE)


def parse_composer_json(source: ManifestSource) -> list[Dependency]:
    data = manifest_json(source.text)  # parsed once for every reader of the manifest
    if not isinstance(data, dict):
        raise ParseError("composer.json is not a JSON object")
    found: list[Dependency] = []
    for section, scope in (("require", Scope.RUNTIME), ("require-dev", Scope.DEVELOPMENT)):
        table = data.get(section)
        if not isinstance(table, dict):
            continue
        for name, constraint in table.items():
            if not isinstance(name, str) or _PLATFORM.match(name) or "/" not in name:
                continue
            spec = constraint if isinstance(constraint, str) else None
            found.append(
                Dependency(
                    ecosystem="composer",
                    name=name,
                    purl=make_purl("composer", name),
                    scope=scope,
                    path=source.path,
                    line=source.line_of(f'"{name}"'),
                    constraint=spec,
                )
            )
    return found
