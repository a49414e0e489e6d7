"""One file of the inventory; its text is read by the Inventory, lazily and once."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FileEntry:
    path: str  # POSIX path relative to the checkout root
    size: int
    language: str | None
    vendored: bool
    generated: bool
    # Categories decided once by dpgkit.inventory.classify, from the path alone.
    test: bool = False  # a test, fixture or test data
    example: bool = False  # an example, sample, demo or template
    docs: bool = False  # inside docs/, doc/, documentation/ or wiki/
    # Derived from path once, with string operations: probes ask for them thousands of
    # times and pathlib objects cost more than the rest of the walk.
    name: str = field(init=False)
    suffix: str = field(init=False)  # lower-case, with the dot; "" when none
    parent: str = field(init=False)  # "" at the top level
    depth: int = field(init=False)
    # Part of the project itself, not vendored or generated: asked of every file by most
    # analyses, so a field rather than a property.
    own: bool = field(init=False)

    def __post_init__(self) -> None:
        parent, _, name = self.path.rpartition("/")
        dot = name.rfind(".")
        suffix = name[dot:].lower() if dot > 0 else ""
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "suffix", suffix)
        object.__setattr__(self, "parent", parent)
        object.__setattr__(self, "depth", self.path.count("/"))
        object.__setattr__(self, "own", not (self.vendored or self.generated))

    @property
    def stem(self) -> str:
        return self.name[: -len(self.suffix)] if self.suffix else self.name
