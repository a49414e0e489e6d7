"""List the files of a checkout: git's own list in a git checkout, else a walk honouring .gitignore.

Symlinks are never followed out of the root; loops and dangling links become warnings.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pathspec

from dpgkit.inventory.git import git_listed_paths

_GITIGNORE_CAP = 1024 * 1024
_MAX_DEPTH = 256


@dataclass
class WalkResult:
    # (relative path, absolute path to read, size); strings, not Paths: tens of thousands
    # of files, and every reader wants the string.
    files: list[tuple[str, str, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    used_git: bool = False


def _is_within(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _folder_inside(folder: str, root: Path, parents: dict[str, bool]) -> bool:
    """Whether folder (root or below it, as listed) really lies inside root once links
    resolve: a tracked path whose folder was replaced by a link must not lead us outside.

    Decided from the parent's answer: a folder that is not a link is inside exactly when
    its parent is, so each folder costs one lstat rather than a realpath of its whole
    path (thousands of folders in a large checkout). Iterative: a hostile checkout may
    nest folders deeper than Python's recursion limit.
    """
    top = str(root)
    unknown: list[str] = []
    current = folder
    while current not in parents:
        if current == top:
            parents[current] = True  # the root is resolved before listing
            break
        if not current.startswith(top + "/"):  # not below the root: resolve it whole
            parents[current] = _is_within(Path(os.path.realpath(current)), root)
            break
        unknown.append(current)
        current = os.path.dirname(current)
    inside = parents[current]
    for current in reversed(unknown):  # from the known ancestor down to folder
        if inside:
            try:
                is_link = stat.S_ISLNK(os.lstat(current).st_mode)
            except OSError:
                is_link = True  # let realpath decide, as before
            if is_link:
                inside = _is_within(Path(os.path.realpath(current)), root)
        parents[current] = inside
    return inside


def _admit(
    rel: str, absolute: str, root: Path, result: WalkResult, parents: dict[str, bool]
) -> None:
    """Add one candidate path, checking symlinks and file type without reading content."""
    if not _folder_inside(os.path.dirname(absolute), root, parents):
        result.warnings.append(f"{rel}: its folder is a link leaving the checkout, not followed")
        return
    try:
        info = os.lstat(absolute)
    except OSError as error:
        result.warnings.append(f"{rel}: cannot be examined ({error.strerror or error})")
        return
    target = absolute
    if stat.S_ISLNK(info.st_mode):
        try:
            resolved = Path(absolute).resolve(strict=True)
        except RuntimeError:
            result.warnings.append(f"{rel}: symlink loop, not followed")
            return
        except OSError as error:
            if error.errno == errno.ELOOP:
                result.warnings.append(f"{rel}: symlink loop, not followed")
            else:
                result.warnings.append(f"{rel}: dangling symlink, not followed")
            return
        if not _is_within(resolved, root):
            result.warnings.append(f"{rel}: symlink leaves the checkout, not followed")
            return
        target = str(resolved)
        try:
            info = os.stat(target)
        except OSError as error:
            result.warnings.append(f"{rel}: cannot be examined ({error.strerror or error})")
            return
    if stat.S_ISREG(info.st_mode):
        result.files.append((rel, target, info.st_size))


def _gitignore_spec(directory: Path, root: Path) -> pathspec.GitIgnoreSpec | None:
    candidate = directory / ".gitignore"
    try:
        if candidate.is_symlink() or not candidate.is_file():
            return None
        with candidate.open("rb") as handle:
            raw = handle.read(_GITIGNORE_CAP)
    except OSError:
        return None
    lines = raw.decode("utf-8", errors="replace").splitlines()
    return pathspec.GitIgnoreSpec.from_lines(lines)


def _walk_plain(root: Path, result: WalkResult) -> None:
    # Iterative walk: os.walk with followlinks=False never enters directory symlinks,
    # which is what keeps us inside the root; we report those links ourselves.
    specs: list[tuple[str, pathspec.GitIgnoreSpec]] = []
    parents: dict[str, bool] = {}
    root_spec = _gitignore_spec(root, root)
    if root_spec is not None:
        specs.append(("", root_spec))

    def ignored(rel: str, is_dir: bool) -> bool:
        # As git does: the deepest .gitignore with a matching pattern decides, so a
        # nested "!pattern" re-includes what a parent ignored.
        for prefix, spec in reversed(specs):
            if prefix and not rel.startswith(prefix + "/"):
                continue
            local = rel[len(prefix) + 1 :] if prefix else rel
            decision = spec.check_file(local + "/" if is_dir else local).include
            if decision is not None:
                return decision
        return False

    def walk(directory: Path, rel_dir: str, depth: int) -> Iterator[None]:
        if depth > _MAX_DEPTH:
            result.warnings.append(f"{rel_dir}: deeper than {_MAX_DEPTH} levels, not walked")
            return
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            result.warnings.append(f"{rel_dir or '.'}: cannot be listed ({error.strerror})")
            return
        subdirs: list[tuple[Path, str]] = []
        for entry in entries:
            rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
            if entry.name == ".git":
                continue
            try:
                is_link = entry.is_symlink()
                is_dir = not is_link and entry.is_dir(follow_symlinks=False)
            except OSError:
                is_link, is_dir = False, False
            if ignored(rel, is_dir):
                continue
            if is_dir:
                subdirs.append((Path(entry.path), rel))
            else:
                _admit(rel, entry.path, root, result, parents)
        for subdir, rel in subdirs:
            spec = _gitignore_spec(subdir, root)
            if spec is not None:
                specs.append((rel, spec))
            yield from walk(subdir, rel, depth + 1)
            if spec is not None:
                specs.pop()
        yield None

    for _ in walk(root, "", 0):
        pass


def list_files(root: Path) -> WalkResult:
    result = WalkResult()
    listed = git_listed_paths(root)
    if listed is not None:
        result.used_git = True
        parents: dict[str, bool] = {}
        for rel in listed:
            _admit(rel, os.path.join(root, rel), root, result, parents)
    else:
        _walk_plain(root, result)
    result.files.sort(key=lambda item: item[0])
    return result
