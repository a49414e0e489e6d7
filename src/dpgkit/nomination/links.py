"""Public links to a project's files, built from its git remote and commit.

A nomination links to evidence (the license file, the README). Reviewers must be able to
open it, so a checkout's remote is turned into the forge's web address and each file path
into that forge's "view a file at a commit" address, a permalink that keeps pointing at the
lines we cite after the branch moves on. Only forges whose address scheme is known get file
links; for any other host we give none rather than a guess.

Remotes are read with urllib.parse and one pattern for scp-like remotes, not giturlparse
(checked at 0.16): it matches each forge's remotes with its own regular expressions and
knows GitHub, GitLab and Bitbucket but not Gitea/Forgejo or SourceHut, so the table of
forges below would be needed anyway; what is left (host, path, no credentials) is what
``urlsplit`` gives, without a dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from dpgkit.inventory.git import parse_remote
from dpgkit.model import Project

# scp-like remotes: git@host:owner/repo.git (no scheme; the path follows the colon).
_COMMIT = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")


@dataclass(frozen=True)
class Forge:
    """How one kind of forge shows a file: {base}, {ref}, {path}; and how it anchors a line.

    ``file_pages`` are the address parts before "{ref}/" of its file and folder pages, for
    reading a link someone wrote ("…/blob/main/docs/x.md") back into a ref and a path;
    ``after_ref`` is what comes between the ref and the path ("item/" on SourceHut).
    """

    name: str
    at_commit: str
    at_branch: str
    line_anchor: str
    file_pages: tuple[str, ...]
    after_ref: str = ""


GITHUB = Forge(
    "GitHub", "{base}/blob/{ref}/{path}", "{base}/blob/{ref}/{path}", "#L{line}",
    ("/blob/", "/tree/", "/raw/"),
)  # fmt: skip
GITLAB = Forge(
    "GitLab", "{base}/-/blob/{ref}/{path}", "{base}/-/blob/{ref}/{path}", "#L{line}",
    ("/-/blob/", "/-/tree/", "/-/raw/", "/blob/", "/tree/"),
)  # fmt: skip
BITBUCKET = Forge(
    "Bitbucket", "{base}/src/{ref}/{path}", "{base}/src/{ref}/{path}", "#lines-{line}",
    ("/src/", "/raw/"),
)  # fmt: skip
# Gitea and Forgejo (Codeberg) tell a commit from a branch in the address.
GITEA = Forge(
    "Gitea", "{base}/src/commit/{ref}/{path}", "{base}/src/branch/{ref}/{path}", "#L{line}",
    ("/src/branch/", "/src/commit/", "/src/tag/", "/raw/branch/", "/raw/commit/"),
)  # fmt: skip
SOURCEHUT = Forge(
    "SourceHut", "{base}/tree/{ref}/item/{path}", "{base}/tree/{ref}/item/{path}", "#L{line}",
    ("/tree/", "/blob/"), "item/",
)  # fmt: skip

_HOSTS = {
    "github.com": GITHUB,
    "gitlab.com": GITLAB,
    "framagit.org": GITLAB,
    "salsa.debian.org": GITLAB,
    "bitbucket.org": BITBUCKET,
    "codeberg.org": GITEA,
    "gitea.com": GITEA,
    "git.sr.ht": SOURCEHUT,
}
# Self-hosted instances named after their software: gitlab.example.org, gitea.example.org.
_HOST_PREFIXES = {"gitlab.": GITLAB, "gitea.": GITEA, "forgejo.": GITEA}
_BARE_FILES = frozenset(
    {"LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS", "MAINTAINERS", "CODEOWNERS",
     "CONTRIBUTORS", "COPYRIGHT"}
)  # fmt: skip
_URL_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
# A repository-relative file path as owners write them in answers: "docs/privacy.md".
_RELATIVE_PATH = re.compile(r"^(?!\.\.?/)(?!/)[\w.-]+(?:/[\w.-]+)*$")


def forge_of(host: str) -> Forge | None:
    host = host.lower()
    if host in _HOSTS:
        return _HOSTS[host]
    return next(
        (forge for prefix, forge in _HOST_PREFIXES.items() if host.startswith(prefix)), None
    )


@dataclass(frozen=True)
class Repo:
    """A repository's public web address and the ref its file links point at."""

    web_url: str
    host: str
    ref: str
    forge: Forge | None = None
    # The assessed folder inside the repository: file paths are relative to it.
    folder: str = ""

    @property
    def pinned(self) -> bool:
        """True when links point at one commit (permalinks), not at a moving branch."""
        return bool(_COMMIT.match(self.ref))

    def file_url(self, path: str, line: int | None = None) -> str | None:
        """The forge's page for path at this ref, with a line anchor; None on an unknown forge.

        Each path segment is percent-encoded (spaces, "#", non-ASCII names), so the link
        opens the file whatever its name.
        """
        parts = path.split("/")
        if self.forge is None or not path or path.startswith("/") or ".." in parts:
            return None
        if parts[0] == ".git":  # git's own data, never a file of a commit
            return None
        if self.folder:
            path = f"{self.folder}/{path}"
        pattern = self.forge.at_commit if self.pinned else self.forge.at_branch
        url = pattern.format(base=self.web_url, ref=quote(self.ref), path=quote(path))
        if line and line > 0:
            url += self.forge.line_anchor.format(line=line)
        return url

    def pinned_link(self, url: str) -> str | None:
        """A link into this repository at a branch ("…/blob/main/docs/spec.md", as a README
        writes them) as a permalink at this repository's commit, its line anchor kept; None
        for any other address, or when links are not pinned to a commit.

        The README is read at the same commit, so the file it links to is the one it meant.
        """
        # Owner and name in any letter case: forges read them so, and READMEs write them so.
        inside = url.lower().startswith(self.web_url.lower() + "/")
        if self.forge is None or not self.pinned or not inside:
            return None
        rest, _, fragment = url[len(self.web_url) :].partition("#")
        rest = rest.partition("?")[0]
        prefix = next((p for p in self.forge.file_pages if rest.startswith(p)), None)
        if prefix is None:
            return None
        _ref, _, path = rest[len(prefix) :].partition("/")
        path = unquote(path.removeprefix(self.forge.after_ref)).strip("/")
        if not path or ".." in path.split("/"):
            return None
        link = self.forge.at_commit.format(base=self.web_url, ref=self.ref, path=quote(path))
        return f"{link}#{fragment}" if fragment else link


def web_url(remote: str | None) -> tuple[str, str] | None:
    """(web page address, host) of a git remote, or None when it is not a public address.

    Accepts HTTPS, SSH and git:// URLs and scp-like remotes (git@host:owner/repo.git), as
    ``parse_remote`` reads them; user names, passwords and tokens never reach the result.
    """
    address = parse_remote(remote)
    if address is None or address.host in {"localhost", "127.0.0.1", "::1"}:
        return None
    if "." not in address.host:  # a machine on a private network, not a public site
        return None
    host, scheme = address.host, "https"
    # A web server's port is part of its address; an SSH port is not.
    if address.scheme in {"http", "https"}:
        scheme = address.scheme if forge_of(host) is None else "https"
        if address.port and address.port not in {80, 443}:
            host = f"{host}:{address.port}"
    return f"{scheme}://{host}/{address.path}", address.host


def repository_of(remote: str | None, ref: str | None, folder: str | None = None) -> Repo | None:
    """The repository behind a remote; ``ref`` is best a commit (links become permalinks),
    ``folder`` the assessed folder inside the repository when it is not the top level."""
    found = web_url(remote)
    if found is None:
        return None
    url, host = found
    inside = (folder or "").strip("/")
    if ".." in inside.split("/"):
        inside = ""
    return Repo(web_url=url, host=host, ref=ref or "HEAD", forge=forge_of(host), folder=inside)


def project_repository(project: Project, remote: str | None = None) -> Repo | None:
    """The assessed project's repository (``remote`` or the project's own), its links
    pinned at the assessed commit and rooted at the assessed folder."""
    return repository_of(
        remote or project.repository_url,
        project.commit or project.default_branch,
        project.path_in_repository,
    )


def is_url(value: str) -> bool:
    return bool(_URL_SCHEME.match(value.strip()))


def is_web_link(value: str) -> bool:
    return value.strip().lower().startswith(("https://", "http://"))


def looks_like_path(value: str) -> bool:
    """True for a repository-relative file path ("docs/privacy.md"), not prose or a URL."""
    text = value.strip()
    if is_url(text) or not _RELATIVE_PATH.match(text):
        return False
    # A single word is more likely prose ("GDPR") than a file name, unless it is one of the
    # conventional extension-less files of a repository.
    return "/" in text or "." in text or text.upper() in _BARE_FILES


def as_link(value: str, repo: Repo | None) -> str:
    """An answer that names a file of the repository ("docs/privacy.md") becomes its web link.

    Anything else (a URL, a sentence) is returned unchanged.
    """
    if repo is None or not looks_like_path(value):
        return value
    return repo.file_url(value.strip()) or value
