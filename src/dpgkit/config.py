"""Project configuration: ``[tool.dpgkit]`` in pyproject.toml, or ``.dpgkit.toml``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dpgkit.errors import BadInputError
from dpgkit.parsing import ParseError, load_toml

_CONFIG_CAP = 1024 * 1024
PROJECT_TYPES = ("software", "data", "content", "aimodel", "standard")


@dataclass
class Config:
    exclude: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    answers: str | None = None
    source: str | None = None
    # Paths whose words describe other projects (a scanner's own patterns, shipped schemas,
    # fixtures): not read as this product's features, data models or policies.
    evidence_exclude: list[str] = field(default_factory=list)


def _read_toml(path: Path) -> dict[str, Any] | None:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _CONFIG_CAP:
            return None
        # Through dpgkit.parsing, as every project file: a table nested too deep for
        # tomllib's recursion is a ParseError there, not a crash of the whole assessment.
        return load_toml(path.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ParseError, ValueError):
        return None


def _from_table(table: Any, source: str) -> Config:
    if not isinstance(table, dict):
        raise BadInputError(f"{source}: the dpgkit configuration must be a table")
    exclude = table.get("exclude", [])
    types = table.get("type", table.get("types", []))
    answers = table.get("answers")
    if isinstance(types, str):
        types = [types]
    if not (isinstance(exclude, list) and all(isinstance(item, str) for item in exclude)):
        raise BadInputError(f"{source}: 'exclude' must be a list of path patterns")
    if not (isinstance(types, list) and all(t in PROJECT_TYPES for t in types)):
        raise BadInputError(f"{source}: 'type' must be among {', '.join(PROJECT_TYPES)}")
    if answers is not None and not isinstance(answers, str):
        raise BadInputError(f"{source}: 'answers' must be a path")
    evidence_exclude = table.get("evidence_exclude", [])
    if not (
        isinstance(evidence_exclude, list) and all(isinstance(i, str) for i in evidence_exclude)
    ):
        raise BadInputError(f"{source}: 'evidence_exclude' must be a list of path patterns")
    return Config(
        exclude=list(exclude),
        types=list(types),
        answers=answers,
        source=source,
        evidence_exclude=list(evidence_exclude),
    )


def load_config(root: Path, warnings: list[str]) -> Config:
    own = root / ".dpgkit.toml"
    if own.exists():
        data = _read_toml(own)
        if data is None:
            raise BadInputError(f"{own}: not valid TOML")
        return _from_table(data.get("tool", {}).get("dpgkit", data), ".dpgkit.toml")
    pyproject = root / "pyproject.toml"
    if pyproject.exists():
        data = _read_toml(pyproject)
        if data is None:
            warnings.append(
                "pyproject.toml: not valid TOML, its [tool.dpgkit] settings were ignored"
            )
            return Config()
        table = data.get("tool", {}).get("dpgkit")
        if table is not None:
            return _from_table(table, "pyproject.toml [tool.dpgkit]")
    return Config()
