"""The scanners of every analysis, registered when their module is imported.

The pass feeds all registered scanners at once; a scanner asked for later (its module was
imported after the pass ran) gets a pass of its own, so results never depend on import order.
"""

from __future__ import annotations

from typing import Any, TypeVar

from dpgkit.scan.scanner import Scanner

S = TypeVar("S", bound=Scanner[Any])
_SCANNERS: dict[str, Scanner[Any]] = {}


def register(scanner: S) -> S:
    known = _SCANNERS.get(scanner.name)
    if known is not None and known is not scanner:
        raise ValueError(f"two scanners are named {scanner.name}")
    _SCANNERS[scanner.name] = scanner
    return scanner


def registered() -> tuple[Scanner[Any], ...]:
    return tuple(_SCANNERS.values())
