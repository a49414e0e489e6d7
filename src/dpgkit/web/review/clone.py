"""A read-only, shallow, size- and time-limited clone of an applicant's repository.

Git runs with no system or global configuration, hooks pointed at /dev/null, no fsmonitor,
no submodules, LFS smudging off, symlinks checked out as plain files, and only the
protocols the settings allow (``GIT_ALLOW_PROTOCOL``: https in production, also file in the
tests). Nothing from the repository is executed: dpgkit only reads the files. One file larger
than the cap stops git (RLIMIT_FSIZE); the whole folder is measured while git runs, and git
is killed when it grows past the cap or the time runs out.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from dpgkit.redact import redact_text

POLL_SECONDS = 0.2


class CloneError(RuntimeError):
    """The repository cannot be cloned; the message is shown to the applicant."""


def check_url(url: str, schemes: list[str]) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if not url or len(url) > 2000 or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise CloneError(
            _("Give the repository's address, for example https://github.com/org/project.")
        )
    if parts.scheme not in schemes:
        raise CloneError(
            _("Only these kinds of address are accepted: %(schemes)s.")
            % {"schemes": ", ".join(f"{s}://" for s in schemes)}
        )
    if parts.username or parts.password:
        raise CloneError(_("Give a public address without a user name or password."))
    if parts.scheme != "file" and not parts.hostname:
        raise CloneError(_("The address has no host name."))
    return url


def _folder_bytes(root: Path) -> int:
    total = 0
    for folder, _dirs, files in os.walk(root):
        for name in files:
            try:
                total += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue
    return total


# Options of every git command run on a repository from outside (credential.helper= also
# empties any helper list; the protocols are GIT_ALLOW_PROTOCOL's, in safe_git_env).
SAFE_GIT_CONFIG = [
    "-c", f"core.hooksPath={os.devnull}",
    "-c", "core.fsmonitor=false",
    "-c", "core.symlinks=false",
    "-c", "submodule.recurse=false",
    "-c", "filter.lfs.required=false",
    "-c", "filter.lfs.smudge=",
    "-c", "filter.lfs.process=",
    "-c", "transfer.fsckObjects=true",
    "-c", "credential.helper=",
]  # fmt: skip


def safe_git_env(home: Path, schemes: list[str]) -> dict[str, str]:
    """No system or global configuration, no prompts, no LFS download, only these protocols."""
    home.mkdir(parents=True, exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ASKPASS": "/bin/false",
        "SSH_ASKPASS": "/bin/false",
        "GIT_ALLOW_PROTOCOL": ":".join(schemes),
        "GIT_LFS_SKIP_SMUDGE": "1",
        "LC_ALL": "C",
    }


def head_commit(checkout: Path) -> str:
    """The commit a fresh clone has checked out (its own .git, written by git, not the remote)."""
    git = shutil.which("git")
    if git is None:
        raise CloneError(_("git is not installed on the server."))
    result = subprocess.run(
        [git, *SAFE_GIT_CONFIG, "-C", str(checkout), "rev-parse", "--verify", "HEAD"],
        env=safe_git_env(checkout.parent / "home", []),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    commit = result.stdout.strip()
    if result.returncode != 0 or len(commit) not in (40, 64):
        raise CloneError(_("The repository has no commit to assess."))
    return commit


def remote_head(url: str, schemes: list[str], timeout: float) -> str | None:
    """The commit the remote's HEAD names (``git ls-remote``, nothing downloaded), or None
    when it cannot be asked (the clone then says why)."""
    url = check_url(url, schemes)
    git = shutil.which("git")
    if git is None:
        return None
    with tempfile.TemporaryDirectory(prefix="dpgkit-ls-remote-") as folder:
        try:
            result = subprocess.run(
                [git, *SAFE_GIT_CONFIG, "ls-remote", "--", url, "HEAD"],
                env=safe_git_env(Path(folder) / "home", schemes),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                start_new_session=True,
            )
        except subprocess.TimeoutExpired:
            return None
    for line in result.stdout.splitlines():
        commit, _tab, ref = line.partition("\t")
        if ref == "HEAD" and len(commit) in (40, 64):
            return commit
    return None


def _pack_capped(stderr: str) -> bool:
    """git's own child index-pack, writing the pack, stopped at the file size cap: git then
    says only "invalid index-pack output" (and removes the folder). Any other cause of that
    line (a corrupt or fsck-failing pack) prints its own error first."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    return (
        bool(lines)
        and lines[-1].endswith("invalid index-pack output")
        and not any(line.startswith(("fatal:", "error:")) for line in lines[:-1])
    )


def shallow_clone(url: str, dest: Path, schemes: list[str], max_bytes: int, timeout: float) -> None:
    url = check_url(url, schemes)
    git = shutil.which("git")
    if git is None:
        raise CloneError(_("git is not installed on the server."))
    env = safe_git_env(dest.parent / "home", schemes)
    command = [git, *SAFE_GIT_CONFIG,
        "clone", "--depth", "1", "--single-branch", "--no-tags", "--no-recurse-submodules",
        "--quiet", "--", url, str(dest),
    ]  # fmt: skip

    def limit_file_size() -> None:  # runs in the child before git starts
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))

    started = time.monotonic()
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=limit_file_size,
        start_new_session=True,
    )
    problem: str | None = None
    while process.poll() is None:
        time.sleep(POLL_SECONDS)
        if time.monotonic() - started > timeout:
            problem = _("Cloning took longer than %(seconds)s seconds.") % {"seconds": int(timeout)}
        elif dest.exists() and _folder_bytes(dest) > max_bytes:
            problem = _("The repository is larger than %(limit)s bytes.") % {"limit": max_bytes}
        if problem:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            break
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if problem is None and (process.returncode == -signal.SIGXFSZ or _pack_capped(stderr)):
        problem = _("The repository is larger than %(limit)s bytes.") % {"limit": max_bytes}
    if problem is None and process.returncode != 0:
        # git's own reason is its first "fatal:" line ("... does not appear to be a git
        # repository"); lines after it are advice ("and the repository exists.").
        lines = [line for line in stderr.splitlines() if line.strip()]
        last = next(
            (line for line in lines if line.startswith("fatal:")), lines[-1] if lines else ""
        )
        problem = _("git could not clone the repository: %(reason)s") % {
            "reason": redact_text(last)[:300] or process.returncode
        }
    if problem is None and dest.exists() and _folder_bytes(dest) > max_bytes:
        problem = _("The repository is larger than %(limit)s bytes.") % {"limit": max_bytes}
    if problem:
        shutil.rmtree(dest, ignore_errors=True)
        raise CloneError(problem)


@contextmanager
def configured_checkout(url: str, prefix: str) -> Iterator[Path]:
    """A shallow clone of ``url`` under the site's clone settings (schemes, size and time
    caps), in a temporary folder removed on exit whatever happens. Submissions and registry
    scans clone the same way."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        checkout = Path(folder) / "checkout"
        shallow_clone(
            url,
            checkout,
            settings.REVIEW_CLONE_SCHEMES,
            settings.REVIEW_CLONE_MAX_BYTES,
            settings.REVIEW_CLONE_TIMEOUT_SECONDS,
        )
        yield checkout
