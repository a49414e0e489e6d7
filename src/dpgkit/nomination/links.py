"""Public links to a project's files, built from its git remote.

A nomination links to evidence (the license file, the README). The registry wants web
addresses, so a checkout's remote is turned into the forge's page address and each file
path into that forge's "view a file" address. Only forges whose address scheme is known
get file links; for any other host we give none rather than a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

# scp-like remotes: git@host:owner/repo.git
_SCP = re.compile(r"^(?:[^@/\s]+@)?(?P<host>[A-Za-z0-9.-]+):(?P<path>[^\s]+)$")
# Each known forge's pattern for viewing a file at a ref: {base}, {ref}, {path}.
_FILE_PATTERNS = {
    "github.com": "{base}/blob/{ref}/{path}",
    "gitlab.com": "{base}/-/blob/{ref}/{path}",
    "bitbucket.org": "{base}/src/{ref}/{path}",
    "codeberg.org": "{base}/src/branch/{ref}/{path}",
}
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# A repository-relative file path as owners write them in answers: "docs/privacy.md".
_RELATIVE_PATH = re.compile(r"^(?!\.\.?/)(?!/)[\w.-]+(?:/[\w.-]+)*$")


@dataclass(frozen=True)
class Repo:
    """A repository's public web address and the ref its file links point at."""

    web_url: str
    host: str
    ref: str

    def file_url(self, path: str) -> str | None:
        pattern = _FILE_PATTERNS.get(self.host)
        if pattern is None:
            return None
        return pattern.format(base=self.web_url, ref=quote(self.ref), path=quote(path))


def web_url(remote: str | None) -> tuple[str, str] | None:
    """(https page address, host) of a git remote, or None when it is not a public URL."""
    if not remote:
        return None
    remote = remote.strip()
    parts = urlsplit(remote)
    if parts.scheme in {"http", "https", "ssh", "git"} and parts.hostname:
        host, path = parts.hostname.lower(), parts.path
    else:
        match = _SCP.match(remote)
        if match is None or "://" in remote:
            return None
        host, path = match.group("host").lower(), match.group("path")
    path = path.strip("/").removesuffix(".git").strip("/")
    if not path or host in {"localhost", "127.0.0.1"}:
        return None
    return f"https://{host}/{path}", host


def repository_of(remote: str | None, ref: str | None) -> Repo | None:
    found = web_url(remote)
    if found is None:
        return None
    url, host = found
    return Repo(web_url=url, host=host, ref=ref or "HEAD")


def is_url(value: str) -> bool:
    return bool(_URL_SCHEME.match(value.strip()))


def as_link(value: str, repo: Repo | None) -> str:
    """An answer that names a file of the repository ("docs/privacy.md") becomes its web link.

    Anything else (a URL, a sentence) is returned unchanged.
    """
    text = value.strip()
    if repo is None or is_url(text) or not _RELATIVE_PATH.match(text):
        return value
    if "/" not in text and "." not in text:
        return value  # a single word is more likely prose than a file name
    return repo.file_url(text) or value
