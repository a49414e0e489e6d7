"""SPDX license expressions: parsed and normalised by ``license-expression``, judged by the Standard.

No string splitting on AND/OR here: the library parses, knows every SPDX id and its
deprecated forms (GPL-2.0+ -> GPL-2.0-or-later) and renders a canonical expression.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import boolean
from license_expression import (
    AND,
    OR,
    ExpressionError,
    LicenseSymbol,
    LicenseWithExceptionSymbol,
    Licensing,
    get_spdx_licensing,
)

from dpgkit.standard import Standard

MAX_EXPRESSION = 500

# Licenses that let people read the source but not use it freely: never approved, and worth
# naming as such rather than as merely "not on the list".
SOURCE_AVAILABLE = {
    "SSPL-1.0": "Server Side Public License",
    "BUSL-1.1": "Business Source License",
    "Elastic-2.0": "Elastic License 2.0",
    "FSL-1.1-ALv2": "Functional Source License",
    "FSL-1.1-MIT": "Functional Source License",
    "PolyForm-Noncommercial-1.0.0": "PolyForm Noncommercial",
    "PolyForm-Small-Business-1.0.0": "PolyForm Small Business",
    "LicenseRef-scancode-commons-clause": "Commons Clause",
    "LicenseRef-scancode-elastic-license-2018": "Elastic License",
    "LicenseRef-scancode-confluent-community-1.0": "Confluent Community License",
}
_NON_COMMERCIAL_MARKERS = ("-NC-", "Noncommercial", "NonCommercial")


@cache
def spdx_licensing() -> Licensing:
    return get_spdx_licensing()


@dataclass(frozen=True)
class ParsedExpression:
    text: str
    expression: str | None = None  # canonical rendering, None when the text does not parse
    keys: tuple[str, ...] = ()  # license ids without exceptions
    unknown: tuple[str, ...] = ()  # ids SPDX does not know (LicenseRef-* are accepted)
    error: str | None = None

    @property
    def valid(self) -> bool:
        return self.expression is not None and not self.unknown


@lru_cache(maxsize=4096)
def parse_expression(text: str) -> ParsedExpression:
    """Parse an SPDX expression; a malformed one gives ``error``, never an exception."""
    text = " ".join(text.split())
    if not text:
        return ParsedExpression(text, error="empty license expression")
    if len(text) > MAX_EXPRESSION:
        return ParsedExpression(text[:80], error="license expression too long")
    licensing = spdx_licensing()
    try:
        parsed = licensing.parse(text)
        symbols = licensing.license_symbols(parsed, decompose=False) if parsed is not None else []
    except (
        ExpressionError,
        boolean.ParseError,
        AttributeError,
        TypeError,
        RecursionError,
    ) as error:
        return ParsedExpression(text, error=f"not a valid SPDX expression ({error})")
    if parsed is None:
        return ParsedExpression(text, error="empty license expression")
    keys: list[str] = []
    unknown: list[str] = []
    for symbol in symbols:
        base = symbol.license_symbol if isinstance(symbol, LicenseWithExceptionSymbol) else symbol
        key = str(base.key)
        keys.append(key)
        if key not in licensing.known_symbols and not key.startswith("LicenseRef-"):
            unknown.append(key)
    return ParsedExpression(
        text,
        expression=str(parsed.render()),
        keys=tuple(dict.fromkeys(keys)),
        unknown=tuple(dict.fromkeys(unknown)),
        error=f"unknown SPDX {'id' if len(unknown) == 1 else 'ids'}: {', '.join(unknown)}"
        if unknown
        else None,
    )


@dataclass
class Judgement:
    """How an expression stands against the Standard's approved list."""

    approved: bool
    categories: set[str] = field(default_factory=set)
    not_approved: list[str] = field(default_factory=list)
    source_available: list[str] = field(default_factory=list)


def is_source_available(spdx: str) -> bool:
    return spdx in SOURCE_AVAILABLE


def is_non_commercial(spdx: str) -> bool:
    return any(marker in spdx for marker in _NON_COMMERCIAL_MARKERS)


def _judge(node: Any, standard: Standard) -> Judgement:
    if isinstance(node, LicenseWithExceptionSymbol):
        return _judge(node.license_symbol, standard)
    if isinstance(node, LicenseSymbol):
        key = str(node.key)
        entry = standard.approved(key)
        if entry is not None:
            return Judgement(True, set(entry.categories))
        return Judgement(
            False,
            not_approved=[key],
            source_available=[key] if is_source_available(key) else [],
        )
    parts = [_judge(arg, standard) for arg in node.args]
    merged = Judgement(False)
    for part in parts:
        merged.not_approved += part.not_approved
        merged.source_available += part.source_available
    if isinstance(node, OR):  # a choice: approved when one alternative is
        good = [part for part in parts if part.approved]
        merged.approved = bool(good)
        merged.categories = set().union(*(part.categories for part in good)) if good else set()
    elif isinstance(node, AND):  # every part applies: each must be approved
        merged.approved = all(part.approved for part in parts)
        merged.categories = set().union(*(part.categories for part in parts))
    return merged


def judge(expression: str, standard: Standard) -> Judgement:
    """Approval of a (valid) expression: OR needs one approved choice, AND needs all."""
    try:
        parsed = spdx_licensing().parse(expression)
    except (ExpressionError, boolean.ParseError, AttributeError, TypeError, RecursionError):
        return Judgement(False, not_approved=[expression])
    if parsed is None:
        return Judgement(False)
    return _judge(parsed, standard)


def combine(expressions: list[str]) -> str | None:
    """Several expressions that all apply, as one (deduplicated, canonical)."""
    unique = list(dict.fromkeys(expression for expression in expressions if expression))
    if not unique:
        return None
    if len(unique) == 1:
        return unique[0]
    joined = " AND ".join(f"({item})" if " " in item else item for item in unique)
    parsed = parse_expression(joined)
    return parsed.expression or joined


def same_licenses(left: str, right: str, standard: Standard) -> bool:
    """Whether two expressions name the same licenses, deprecated twins counted equal."""
    from dpgkit.standard.loader import normalise_spdx_id

    def ids(expression: str) -> set[str]:
        parsed = parse_expression(expression)
        return {normalise_spdx_id(key).lower() for key in parsed.keys}

    return bool(ids(left)) and ids(left) == ids(right)
