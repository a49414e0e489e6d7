"""Wording shared by the messages of every layer."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """A count with its noun agreeing: "1 law", "3 laws", "0 manifests".

    Messages are read by owners and reviewers; "1 law(s)" reads as a form letter. Every
    noun the messages count takes -s, so the plural is given only where it does not.
    """
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
