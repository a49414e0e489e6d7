"""Which found secrets are masked beyond their own place: the one decision (issue 21).

Every secret the scan reports is masked at its place (``dpgkit.redact.SecretPlace``: any
excerpt of its line, any quotation of the words before it). Masking its *value* wherever
else it occurs is another matter: a weak test password that equals the project's name,
"password", "admin" or a library's name would then vanish from the project's own prose,
its documentation URL, its dependency list, in every report and nomination. So a value is
masked everywhere only when it could not be an ordinary word or name:

- provider-shaped credentials (``dpgkit.secrets.classify.provider_shaped``: a format a
  provider issues, such as an AWS key pair or a GitHub token) always: no word has that
  shape, and these are the secrets whose leak matters most;
- other values only when long and random-looking (``looks_random``), and not one of the
  project's own names, an ordinary word, or a string the project's prose prints.

Values that are not secrets at all (placeholders, local test credentials, declared
examples: ``dpgkit.secrets.classify``) never get here: the scan drops them first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from dpgkit.inventory import Inventory
from dpgkit.secrets.entropy import looks_random

# Random-looking means at least this long: shorter values are too often words with digits.
_MIN_RANDOM = 16
# Letters only, in words joined by "-", "_" or ".": a word or a name, whatever its entropy.
_WORDS_ONLY = re.compile(r"[A-Za-z]+(?:[-_.][A-Za-z]+)*")
# Parts of hosts and remotes that name no project.
_COMMON_NAME_PARTS = frozenset(
    {
        *("www", "docs", "doc", "api", "app", "apps", "dev", "demo", "wiki", "blog", "site"),
        *("com", "org", "net", "info", "io", "dev", "app", "cloud", "online", "git"),
        *("github", "gitlab", "bitbucket", "codeberg", "sourcehut", "readthedocs", "pages"),
        *("https", "http", "main", "master"),
    }
)
_MIN_NAME = 4
# Prose read to tell whether the project prints a value itself: its README and docs.
_PROSE_SUFFIXES = frozenset({".md", ".markdown", ".rst", ".txt", ".adoc", ".org"})
_MAX_PROSE_FILES = 400
_MAX_PROSE_CHARS = 4_000_000
_URL = re.compile(r"https?://(?:[^\s/@]+@)?(?P<host>[A-Za-z0-9.-]+)")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A found secret's value, with whether a provider issues it in this shape."""

    value: str
    provider: bool


@dataclass
class ProjectWords:
    """The project's own names and prose, against which a value could be a word."""

    names: frozenset[str] = frozenset()  # lower-case
    # The prose, read only when a value needs the check (most scans have none).
    read_prose: Callable[[], str] = field(default=lambda: "")
    _prose: str | None = None

    def is_name(self, value: str) -> bool:
        """A part of one of the names, or a name with a little added ("harbourline2024!").

        A random value that happens to contain a name is still random without it: that
        one is no name.
        """
        lowered = value.lower()
        for name in self.names:
            if lowered in name:
                return True
            if name in lowered:
                rest = re.sub(re.escape(name), "", value, flags=re.IGNORECASE)
                if not looks_random(rest, min_length=_MIN_RANDOM):
                    return True
        return False

    def in_prose(self, value: str) -> bool:
        """Whether the project's prose prints value (beyond the secret's own lines)."""
        if self._prose is None:
            self._prose = self.read_prose()
        return value in self._prose


def masked_everywhere(candidate: Candidate, words: ProjectWords) -> bool:
    """Mask this value wherever it occurs (else only at its place)?"""
    if candidate.provider:
        # Never weakened by names or prose: a provider's format is no word, and a key the
        # project printed in its README is still a key.
        return True
    value = candidate.value
    if _WORDS_ONLY.fullmatch(value) or not looks_random(value, min_length=_MIN_RANDOM):
        return False  # could be a word, a name, a weak password
    return not words.is_name(value) and not words.in_prose(value)


def everywhere(candidates: Iterable[Candidate], words: ProjectWords) -> set[str]:
    """The values of candidates to mask wherever they occur."""
    return {candidate.value for candidate in candidates if masked_everywhere(candidate, words)}


# --- the project's words -------------------------------------------------------------------


def name_parts(text: str) -> Iterator[str]:
    """The parts of a name, URL or host that could name the project (lower-case)."""
    for part in re.split(r"[/:@.\s]+", text.lower().removesuffix(".git")):
        if len(part) >= _MIN_NAME and part not in _COMMON_NAME_PARTS:
            yield part


def _manifest_hosts(manifests: Mapping[str, Mapping[str, Any]]) -> Iterator[str]:
    """Hosts of the URLs in the manifests' top two levels (homepage, urls, repository)."""

    def strings(value: Any, depth: int) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping) and depth > 0:
            for item in value.values():
                yield from strings(item, depth - 1)
        elif isinstance(value, list) and depth > 0:
            for item in value:
                yield from strings(item, depth - 1)

    for data in manifests.values():
        for text in strings(data, 2):
            for match in _URL.finditer(text):
                yield match.group("host")


def project_words(
    inventory: Inventory,
    places: Iterable[tuple[str, int]] = (),
    name: str | None = None,
    manifests: Mapping[str, Mapping[str, Any]] | None = None,
) -> ProjectWords:
    """Names (package, folder, repository and owner, the manifests' domains) and prose.

    ``places``: (path, line) of every secret found; those lines are not prose, or a
    secret found in a README would count as a word its project prints.
    """
    sources = [name or "", inventory.root.name]
    git = inventory.git
    if git is not None and git.remote_url:
        sources.append(git.remote_url)
    sources += _manifest_hosts(manifests or {})
    names = frozenset(part for source in sources for part in name_parts(source))
    skip = frozenset(places)
    return ProjectWords(names=names, read_prose=lambda: _read_prose(inventory, skip))


def _read_prose(inventory: Inventory, skip: frozenset[tuple[str, int]]) -> str:
    """The project's own README and documentation text, up to a cap, but the lines in skip."""
    texts: list[str] = []
    total = 0
    skipped_paths = {path for path, _line in skip}
    files = [entry for entry in inventory.files if entry.own and entry.suffix in _PROSE_SUFFIXES]
    for entry in files[:_MAX_PROSE_FILES]:
        text = inventory.text(entry) or ""
        if entry.path in skipped_paths:
            lines = text.split("\n")
            text = "\n".join(
                "" if (entry.path, number) in skip else line for number, line in enumerate(lines, 1)
            )
        texts.append(text[: _MAX_PROSE_CHARS - total])
        total += len(texts[-1])
        if total >= _MAX_PROSE_CHARS:
            break
    return "\n".join(texts)
