"""The checkout, walked once: which files, their kind, their text (read lazily, never twice)."""

from dpgkit.inventory.files import FileEntry
from dpgkit.inventory.inventory import Inventory, build_inventory

__all__ = ["FileEntry", "Inventory", "build_inventory"]
