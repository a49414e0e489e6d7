"""dpgkit: how far a project is from being a Digital Public Good, with evidence."""

__version__ = "0.1.0"
TOOL_NAME = "dpgkit"
