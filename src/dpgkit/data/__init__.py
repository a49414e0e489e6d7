"""Curated data files shipped with dpgkit (see each file's header for its version)."""
