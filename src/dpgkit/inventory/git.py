"""Facts from git, asked of git itself with every hook, filter and monitor switched off.

A checkout under assessment is untrusted: its ``.git/config`` could name a command
(``core.fsmonitor``, filters, hooks) that git would run. We pass overrides that disable
them and only ever call read-only plumbing.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

_SAFE_CONFIG = (
    "-c",
    "core.fsmonitor=false",
    "-c",
    "core.untrackedCache=false",
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "protocol.allow=never",
    "-c",
    "safe.directory=*",
)
_TIMEOUT_SECONDS = 60


@dataclass(frozen=True, slots=True)
class GitFacts:
    toplevel: Path
    commit: str | None
    remote_url: str | None
    default_branch: str | None


def _git_env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env["GIT_CONFIG_NOSYSTEM"] = "1"
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["LC_ALL"] = "C"
    return env


def run_git(root: Path, *args: str) -> bytes | None:
    """Output of a read-only git command, or None when git fails or is missing."""
    try:
        completed = subprocess.run(
            ["git", *_SAFE_CONFIG, "-C", str(root), *args],
            capture_output=True,
            timeout=_TIMEOUT_SECONDS,
            env=_git_env(),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return completed.stdout if completed.returncode == 0 else None


def _line(output: bytes | None) -> str | None:
    if not output:
        return None
    text = output.decode("utf-8", errors="replace").strip()
    return text or None


def strip_credentials(url: str) -> str:
    """Remove user:password@ (and tokens) from an http(s) remote; scp-style remotes keep their user."""
    parts = urlsplit(url)
    if parts.scheme in {"http", "https", "ssh", "git", "ftp", "ftps"} and parts.hostname:
        host = parts.hostname
        if parts.port:
            host = f"{host}:{parts.port}"
        if parts.scheme == "ssh" and parts.username:
            host = f"{parts.username}@{host}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))
    return url


# The schemes a git remote can have that name a host (file:// names a folder on a disk).
_REMOTE_SCHEMES = frozenset({"http", "https", "ssh", "git", "git+ssh", "ssh+git"})
# git's scp-like form: [user@]host:path, with no "//" after the colon (that is a URL).
_SCP_LIKE = re.compile(r"^(?:[^@/\s]+@)?(?P<host>[A-Za-z0-9.-]+):(?!//)(?P<path>[^\s]+)$")


@dataclass(frozen=True, slots=True)
class RemoteAddress:
    """Where a git remote points: its host and the repository's path there.

    One reading for every consumer (the project's name, its owner, the links a nomination
    writes), so they never disagree about what a remote says.
    """

    scheme: str  # "https", "ssh", ...; "scp" for git@host:owner/name
    host: str  # lower case, without user or port
    port: int | None
    path: str  # "owner/name": no surrounding slashes, no ".git"

    @property
    def owner(self) -> str | None:
        """The organisation or user the repository belongs to (the path's first part)."""
        parts = self.path.split("/")
        return parts[0] if len(parts) >= 2 else None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def parse_remote(remote: str | None) -> RemoteAddress | None:
    """A remote's host and repository path (HTTPS, SSH and git:// URLs, scp-like
    ``git@host:owner/name.git``); None for a local path or a ``file://`` URL, which name
    a folder on someone's disk (a mirror's ".../repo"), not the project, and for what
    is no address. User names, passwords and tokens never reach the result."""
    if not remote or not remote.strip():
        return None
    remote = remote.strip()
    parts = urlsplit(remote)
    if parts.scheme in _REMOTE_SCHEMES:
        if not parts.hostname:
            return None
        try:
            port = parts.port
        except ValueError:
            return None
        scheme, host, path = parts.scheme, parts.hostname.lower(), parts.path
    else:
        match = _SCP_LIKE.match(remote)
        # "C:\\src\\repo" is a Windows path, not host "C".
        if match is None or "://" in remote or len(match.group("host")) < 2:
            return None
        scheme, host, port, path = "scp", match.group("host").lower(), None, match.group("path")
    path = path.strip("/").removesuffix(".git").strip("/")
    return RemoteAddress(scheme, host, port, path) if path else None


def git_toplevel(root: Path) -> Path | None:
    top = _line(run_git(root, "rev-parse", "--show-toplevel"))
    return Path(top) if top else None


def _first_remote(root: Path) -> str | None:
    """The first remote's address when none is called origin (a fork's "upstream")."""
    listed = _line(run_git(root, "config", "--get-regexp", r"^remote\..*\.url$"))
    if not listed:
        return None
    _, _, url = listed.splitlines()[0].partition(" ")
    return url.strip() or None


def git_facts(root: Path) -> GitFacts | None:
    top = git_toplevel(root)
    if top is None:
        return None
    commit = _line(run_git(root, "rev-parse", "--verify", "-q", "HEAD"))
    remote = _line(run_git(root, "config", "--get", "remote.origin.url")) or _first_remote(root)
    branch_ref = _line(run_git(root, "symbolic-ref", "-q", "refs/remotes/origin/HEAD"))
    if branch_ref:
        branch: str | None = branch_ref.removeprefix("refs/remotes/origin/")
    else:
        branch = _line(run_git(root, "symbolic-ref", "-q", "--short", "HEAD"))
    return GitFacts(
        toplevel=top,
        commit=commit,
        remote_url=strip_credentials(remote) if remote else None,
        default_branch=branch,
    )


def git_listed_paths(root: Path) -> list[str] | None:
    """Tracked plus untracked-but-not-ignored files under root, relative to root."""
    output = run_git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if output is None:
        return None
    seen: dict[str, None] = {}
    for raw in output.split(b"\0"):
        if raw:
            seen.setdefault(os.fsdecode(raw), None)
    return list(seen)
