"""Curated reference data shipped with dpgkit (read with importlib.resources; each file's header gives its version)."""
