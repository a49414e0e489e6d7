"""Reference data shipped with dpgkit (read with importlib.resources)."""
