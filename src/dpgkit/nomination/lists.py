"""List fields the way the registry's accepted records write them: one entry per item.

Reviewers read a standards list as names ("OpenAPI", "GeoJSON"), a documentation list as
links, and steps or policies as "Title - URL" ("Code of conduct - https://…/CODE_OF_CONDUCT.md").
Probes hand over entries (``Cited``: a title and a file or a page); this module reads them
back from a finding's data and writes each in the field's style, linking files at the
checkout's commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from dpgkit.inventory.classify import is_third_party_path
from dpgkit.nomination.links import Repo, is_web_link


class Style(Enum):
    LINK = "link"  # documentationURL, copyrightURL: the address alone
    TITLE = "title"  # standardsList, bestPracticesList, privacyComplianceList: the name alone
    TITLE_LINK = "title - link"  # adherenceSteps, harassmentProtectionSteps: "Title - URL"


@dataclass(frozen=True)
class Entry:
    title: str
    path: str | None = None
    line: int | None = None
    url: str | None = None
    probe: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.title.lower(), self.path, self.url)

    @property
    def third_party(self) -> bool:
        """Cites someone else's file (vendored, built, a library under static/): a nomination
        never offers it as the project's own evidence, whichever probe found it."""
        return self.path is not None and is_third_party_path(self.path)


def _entry(raw: Any, probe: str | None) -> Entry | None:
    """One entry from an assessment's JSON; anything malformed is skipped, never fatal."""
    if not isinstance(raw, Mapping):
        return None
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        return None
    path = raw.get("path") if isinstance(raw.get("path"), str) else None
    if path and path.split("/")[0] == ".git":  # git's own data (tags), not a file to cite
        path = None
    line = raw.get("line") if isinstance(raw.get("line"), int) else None
    url = raw.get("url") if isinstance(raw.get("url"), str) else None
    if url is not None and not is_web_link(url):
        url = None
    return Entry(" ".join(title.split()), path or None, line, url, probe)


def entries_from(items: Any, question: str, probe: str | None = None) -> list[Entry]:
    """The entries one finding gives for a question (its ``data["items"][question]``)."""
    if not isinstance(items, Mapping):
        return []
    raw = items.get(question)
    if not isinstance(raw, list):
        return []
    return [entry for entry in (_entry(item, probe) for item in raw) if entry is not None]


def link_of(entry: Entry, repo: Repo | None) -> str | None:
    """The entry's page: a link into the repository at a branch is pinned to the commit."""
    if entry.url:
        return (repo.pinned_link(entry.url) if repo else None) or entry.url
    if entry.path and repo is not None:
        return repo.file_url(entry.path, entry.line)
    return None


def render(entry: Entry, style: Style, repo: Repo | None) -> tuple[str, bool]:
    """The entry as the field writes it, and False when a file could not be made a link."""
    link = link_of(entry, repo)
    linked = link is not None or entry.path is None
    where = link or entry.path
    if style is Style.TITLE:
        return entry.title, True
    if style is Style.LINK:
        return where or entry.title, linked
    return (f"{entry.title} - {where}" if where else entry.title), linked
