"""Text fields as a person writes them: sentences, and lists inside a sentence joined with
commas and "and", never fragments strung together with "; "."""

from __future__ import annotations

from collections.abc import Sequence

_ENDS = (".", "!", "?", "…", ":")


def spoken_list(items: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    words = [item.strip() for item in items if item.strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def sentence(text: str) -> str:
    """One line of text as a sentence: spaces tidied, a capital first letter, a full stop
    where none ends it."""
    flat = " ".join(text.split()).rstrip(";, ")
    if not flat:
        return ""
    flat = flat[0].upper() + flat[1:]  # a quote taken from the middle of a sentence
    return flat if flat.endswith(_ENDS) else flat + "."


def sdg_evidence(targets: Sequence[str], quotes: Sequence[str], limit: int = 2) -> str:
    """What the scan read for one goal: "Targets 3.8 and 3.b. <the project's own words>.\""""
    parts = []
    if targets:
        parts.append(f"{'Targets' if len(targets) > 1 else 'Target'} {spoken_list(targets)}.")
    parts += [sentence(quote) for quote in quotes[:limit] if quote.strip()]
    return " ".join(parts)
