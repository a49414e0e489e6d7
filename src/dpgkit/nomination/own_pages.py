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
from dataclasses import dataclass
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
        # Hosting: a repository named "xraccessibility.github.io" names no other github.io site.
        *("github", "gitlab", "bitbucket", "codeberg", "com", "org", "net", "www", "http"),
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
    r"documenter\.getpostman\.com/view/|[\w-]+\.(?:atlassian\.net|jira\.com)/wiki/|[\w-]+\.gitbook\.io/|"
    r"[\w-]+\.notion\.site/|app\.swaggerhub\.com/apis(?:-docs)?/)",
    re.IGNORECASE,
)


def _squash(text: str) -> str:
    return _NOT_LETTERS.sub("", text.lower())


@dataclass(frozen=True)
class ProjectNames:
    """What a page of the project's own would name. ``whole``: each name whole
    ("cloudcarbonfootprint", the owner "unicef"); ``words``: their distinctive words
    ("fineract" of "Apache Fineract")."""

    whole: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()


def project_names(names: Iterable[str | None]) -> ProjectNames:
    whole: set[str] = set()
    words: set[str] = set()
    for name in names:
        if not name:
            continue
        squashed = _squash(name)
        if len(squashed) >= _MIN_WORD - 1 and squashed not in _COMMON:
            whole.add(squashed)
        words.update(
            word
            for word in _NOT_LETTERS.split(name.lower())
            if len(word) >= _MIN_WORD and word not in _COMMON
        )
    return ProjectNames(frozenset(whole), frozenset(words))


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


def is_own_page(url: str, names: ProjectNames) -> bool:
    """True when the address names the project, so it is its own site: its host names it
    or a word of its name (docs.altinn.studio, cwiki.apache.org, mifosforge.jira.com), or
    its path names the project or owner whole (github.com/ifmeorg/ifme/wiki; a word alone in
    a path, developer.oculus.com/webxr, is a topic). Or it is a document the project
    published on a shared platform (a Google document, a Postman collection, a Confluence
    space), whose address names an id rather than the project."""
    parts = urlsplit(url)
    host = _squash(parts.hostname or "")
    path = _squash(unquote(parts.path))
    if any(name in host for name in names.whole | names.words):
        return True
    if any(name in path for name in names.whole):
        return True
    return bool(_PUBLISHED.match(f"{(parts.hostname or '').lower()}{parts.path}"))
