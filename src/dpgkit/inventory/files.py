"""One file of the inventory; its text is read by the Inventory, lazily and once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # POSIX path relative to the checkout root
    size: int
    language: str | None
    vendored: bool
    generated: bool

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.path).suffix.lower()

    @property
    def parent(self) -> str:
        parent = str(PurePosixPath(self.path).parent)
        return "" if parent == "." else parent

    @property
    def depth(self) -> int:
        return len(PurePosixPath(self.path).parts) - 1

    @property
    def own(self) -> bool:
        """Part of the project itself, not vendored or generated."""
        return not (self.vendored or self.generated)
