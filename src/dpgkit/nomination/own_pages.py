"""Whether a page outside the repository is the project's own documentation.

A README links to many sites: the project's manual, and the Docker, Node.js or database
manuals its setup steps need. A nomination's documentation field is for the first kind
only; a reviewer reading "https://docs.docker.com/install/" as the project's documentation
would send the nomination back. A page counts as the project's when its address names the
project, its repository or the repository's owner (docs.altinn.studio, google.github.io/
android-fhir, cwiki.apache.org/…/FINERACT), the way a person would tell them apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
# Words too common in project names to tell one project's site from another's.
_COMMON = frozenset(
    {
        *("open", "source", "project", "projects", "platform", "server", "client", "core"),
        *("data", "digital", "health", "public", "system", "systems", "service", "services"),
        *("tool", "tools", "toolkit", "app", "apps", "application", "docs", "documentation"),
        *("web", "mobile", "api", "framework", "library", "global", "community", "main"),
        # Technologies: "Mifos-Mobile Android Application" is not developer.android.com.
        *("android", "ios", "flutter", "react", "native", "python", "java", "django", "node"),
        *("rails", "ruby", "kotlin", "swift", "angular", "docker", "kubernetes", "cloud"),
    }
)
_MIN_WORD = 4
_NOT_PAGES = (
    *(".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".ico", ".tif", ".tiff"),
    *(".mp4", ".webm", ".mov", ".zip", ".gz", ".tgz", ".jar", ".exe", ".dmg", ".apk"),
)


# Addresses a README tells the reader to open on their own machine, or placeholders.
_LOCAL_HOSTS = frozenset(
    {"localhost", "127.0.0.1", "0.0.0.0", "::1", "example.com", "example.org"}  # noqa: S104
)


# Platforms where projects publish their own documents; the address names an id. A Google
# form is a questionnaire, not documentation, so only documents, slides and sheets count.
_PUBLISHED = re.compile(
    r"^(?:docs\.google\.com/(?:document|presentation|spreadsheets)/|drive\.google\.com/file/|"
    r"documenter\.getpostman\.com/view/|[\w-]+\.atlassian\.net/wiki/|[\w-]+\.gitbook\.io/|"
    r"[\w-]+\.notion\.site/|app\.swaggerhub\.com/apis(?:-docs)?/)",
    re.IGNORECASE,
)


def _squash(text: str) -> str:
    return _NOT_LETTERS.sub("", text.lower())


def project_names(names: Iterable[str | None]) -> frozenset[str]:
    """What a page of the project's own would name: each name whole ("cloudcarbonfootprint"),
    and its distinctive words ("fineract" of "apache-fineract")."""
    found: set[str] = set()
    for name in names:
        if not name:
            continue
        whole = _squash(name)
        if len(whole) >= _MIN_WORD - 1:
            found.add(whole)
        for word in _NOT_LETTERS.split(name.lower()):
            if len(word) >= _MIN_WORD and word not in _COMMON:
                found.add(word)
    return frozenset(found)


def repository_names(web_url: str | None) -> list[str]:
    """The owner and name parts of a repository's address (subgroups included)."""
    if not web_url:
        return []
    return [part for part in urlsplit(web_url).path.split("/") if part]


def is_page(url: str) -> bool:
    """A public page to read: not an image, a video or a download, nor an address on the
    reader's own machine (a README's "open https://localhost:8443/docs" after setup)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in _LOCAL_HOSTS or host.endswith((".local", ".localhost", ".example")):
        return False
    return not unquote(parts.path).lower().endswith(_NOT_PAGES)


def is_own_page(url: str, names: frozenset[str]) -> bool:
    """True when the address names the project (host or path), so it is its own site, or
    is a document the project published on a shared platform (a Google document, a Postman
    collection, a Confluence space), whose address names an id rather than the project."""
    parts = urlsplit(url)
    where = _squash(f"{parts.hostname or ''}/{unquote(parts.path)}")
    if any(name in where for name in names):
        return True
    return bool(_PUBLISHED.match(f"{(parts.hostname or '').lower()}{parts.path}"))
