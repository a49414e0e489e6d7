"""The inventory: one walk, git-aware, safe with links, caps and odd encodings."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from dpgkit.errors import BadInputError
from dpgkit.inventory import build_inventory
from dpgkit.inventory.git import parse_remote, strip_credentials
from tests.conftest import git, write_tree


def test_git_checkout_lists_tracked_and_untracked_but_not_ignored(
    repo_factory: Callable[..., Path],
) -> None:
    root = repo_factory(
        {
            "README.md": "# Demo\n",
            ".gitignore": "secret.log\nbuild/\n",
            "src/app.py": "print('hi')\n",
        }
    )
    write_tree(root, {"new.py": "x = 1\n", "secret.log": "ignored\n", "build/out.js": "x\n"})
    inventory = build_inventory(root)
    paths = {entry.path for entry in inventory.files}
    assert paths == {"README.md", ".gitignore", "src/app.py", "new.py"}
    assert inventory.git is not None
    assert inventory.git.commit is not None and len(inventory.git.commit) == 40
    assert inventory.git.default_branch == "main"


def test_plain_folder_walk_honours_nested_gitignore(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            ".gitignore": "*.tmp\n",
            "a.py": "a\n",
            "b.tmp": "b\n",
            "sub/.gitignore": "local.txt\n!keep.tmp\n",
            "sub/local.txt": "x\n",
            "sub/keep.tmp": "kept by negation\n",
            "sub/other.txt": "y\n",
            "other/local.txt": "not ignored here\n",
        },
    )
    inventory = build_inventory(tmp_path)
    paths = {entry.path for entry in inventory.files}
    assert paths == {
        ".gitignore",
        "a.py",
        "sub/.gitignore",
        "sub/keep.tmp",
        "sub/other.txt",
        "other/local.txt",
    }
    assert inventory.git is None
    assert any("not a git checkout" in warning for warning in inventory.warnings)


def test_vendored_generated_and_languages_are_known(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "node_modules/lib/index.js": "x\n",
            "vendor/pkg/a.go": "package a\n",
            "dist/app.js": "x\n",
            "static/app.min.js": "x\n",
            "package-lock.json": "{}\n",
            "src/main.ts": "let a = 1\n",
            "Dockerfile": "FROM debian\n",
        },
    )
    inventory = build_inventory(tmp_path)
    by_path = {entry.path: entry for entry in inventory.files}
    assert by_path["node_modules/lib/index.js"].vendored
    assert by_path["vendor/pkg/a.go"].vendored
    assert by_path["dist/app.js"].generated
    assert by_path["static/app.min.js"].generated
    assert by_path["package-lock.json"].generated
    assert by_path["src/main.ts"].own and by_path["src/main.ts"].language == "TypeScript"
    assert by_path["Dockerfile"].language == "Dockerfile"
    assert {entry.path for entry in inventory.own_files()} == {"src/main.ts", "Dockerfile"}


def test_text_is_read_lazily_once_and_decoded_robustly(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "utf8.md": "Қазақстан — доступная среда\n",
            "latin1.txt": "Se\xf1or caf\xe9 cr\xe8me br\xfbl\xe9e na\xefve\n".encode("latin-1"),
            "broken.txt": b"valid start \xff\xfe\xfa broken middle\n" * 3,
            "fake.txt": b"MZ\x00\x00\x01binary content\x00\x00",
            "utf16.txt": "hello world\n".encode("utf-16"),
        },
    )
    inventory = build_inventory(tmp_path)
    assert inventory.bytes_read == 0  # nothing read by listing
    assert inventory.text("utf8.md") == "Қазақстан — доступная среда\n"
    read_after_first = inventory.bytes_read
    assert inventory.text("utf8.md") is not None
    assert inventory.bytes_read == read_after_first  # cached, never read twice
    latin = inventory.text("latin1.txt")
    assert latin is not None and "caf" in latin
    broken = inventory.text("broken.txt")
    assert broken is not None and "valid start" in broken
    fake = inventory.get("fake.txt")
    assert fake is not None
    assert inventory.text(fake) is None and inventory.is_binary(fake)
    assert inventory.kind(fake) == "binary"
    assert inventory.text("utf16.txt") == "hello world\n"


def test_huge_file_is_read_only_up_to_the_cap(tmp_path: Path) -> None:
    huge = tmp_path / "LICENSE"
    with huge.open("wb") as handle:
        handle.write(b"MIT License\n" + b"a" * 100)
        handle.truncate(1024**3)  # a sparse 1 GB file: cheap on disk
    inventory = build_inventory(tmp_path)
    entry = inventory.get("LICENSE")
    assert entry is not None and entry.size == 1024**3
    inventory.text(entry)
    assert inventory.bytes_read <= inventory.read_cap
    # the tail of the sparse file is NUL bytes: binary, but never read beyond the cap
    assert any("only the first" in w for w in inventory.warnings) or inventory.is_binary(entry)


def test_symlinks_leaving_the_tree_and_loops_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    write_tree(root, {"README.md": "# x\n", "docs/guide.md": "guide\n"})
    (root / "passwd.txt").symlink_to("/etc/passwd")
    (root / "loop_a").symlink_to(root / "loop_b")
    (root / "loop_b").symlink_to(root / "loop_a")
    (root / "outside_dir").symlink_to("/etc")
    (root / "guide_link.md").symlink_to(root / "docs/guide.md")
    (root / "dangling").symlink_to(root / "missing")
    inventory = build_inventory(root)
    paths = {entry.path for entry in inventory.files}
    assert "passwd.txt" not in paths
    assert not any(path.startswith("outside_dir") for path in paths)
    assert "guide_link.md" in paths  # a link inside the tree is fine
    assert inventory.text("guide_link.md") == "guide\n"
    joined = "\n".join(inventory.warnings)
    assert "passwd.txt: symlink leaves the checkout" in joined
    assert "loop_a: symlink loop" in joined or "loop_a: dangling" in joined
    assert "outside_dir: symlink leaves the checkout" in joined


def test_git_tracked_symlink_to_etc_passwd_is_never_read(repo_factory: Callable[..., Path]) -> None:
    root = repo_factory({"README.md": "# x\n"}, commit=False)
    (root / "LICENSE").symlink_to("/etc/passwd")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "link")
    inventory = build_inventory(root)
    assert inventory.get("LICENSE") is None
    assert inventory.bytes_read == 0
    assert any("LICENSE: symlink leaves the checkout" in w for w in inventory.warnings)


def test_tracked_files_under_a_folder_swapped_for_a_link(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    """git lists files under docs/ and src/app/; after the commit docs/ becomes a link
    leaving the checkout and src/app a link to a folder inside it."""
    outside = tmp_path / "outside"
    write_tree(outside, {"guide.md": "secret outside\n", "deeper/page.md": "outside too\n"})
    root = repo_factory(
        {
            "README.md": "# x\n",
            "docs/guide.md": "# guide\n",
            "docs/deeper/page.md": "# page\n",
            "src/app/main.py": "print('app')\n",
            "src/real/main.py": "print('real')\n",
        }
    )
    for folder in ("docs", "src/app"):
        for path in sorted((root / folder).rglob("*"), reverse=True):
            path.rmdir() if path.is_dir() else path.unlink()
        (root / folder).rmdir()
    (root / "docs").symlink_to(outside)
    (root / "src/app").symlink_to(root / "src/real")
    inventory = build_inventory(root)
    paths = {entry.path for entry in inventory.files}
    assert "docs/guide.md" not in paths and "docs/deeper/page.md" not in paths
    warnings = "\n".join(inventory.warnings)
    assert "docs/guide.md: its folder is a link leaving the checkout" in warnings
    assert "docs/deeper/page.md: its folder is a link leaving the checkout" in warnings
    # A link to a folder inside the checkout is followed: the file is read there.
    assert inventory.text("src/app/main.py") == "print('real')\n"
    assert "secret outside" not in "".join(inventory.text(p) or "" for p in paths)


def test_fifo_and_deep_folders_are_handled(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block forever: must be skipped
    deep = tmp_path
    for level in range(50):
        deep = deep / f"d{level}"
    write_tree(deep, {"deep.md": "bottom\n"})
    inventory = build_inventory(tmp_path)
    paths = {entry.path for entry in inventory.files}
    assert "pipe.txt" not in paths
    deep_file = next(path for path in paths if path.endswith("deep.md"))
    assert deep_file.count("/") == 50
    assert inventory.text(deep_file) == "bottom\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_is_a_warning(tmp_path: Path) -> None:
    write_tree(tmp_path, {"secret.md": "x\n"})
    (tmp_path / "secret.md").chmod(0)
    inventory = build_inventory(tmp_path)
    assert inventory.text("secret.md") is None
    assert any("secret.md: cannot be read" in w for w in inventory.warnings)


def test_bad_paths_are_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="does not exist"):
        build_inventory(tmp_path / "missing")
    file_path = tmp_path / "file.txt"
    file_path.write_text("x")
    with pytest.raises(BadInputError, match="not a folder"):
        build_inventory(file_path)


def test_empty_folder_is_a_warning(tmp_path: Path) -> None:
    inventory = build_inventory(tmp_path)
    assert inventory.files == []
    assert any("no files" in w for w in inventory.warnings)


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://user:ghp_secret@github.com/org/repo.git", "https://github.com/org/repo.git"),
        ("https://token@gitlab.com/org/repo", "https://gitlab.com/org/repo"),
        ("git@github.com:org/repo.git", "git@github.com:org/repo.git"),
        ("ssh://git@host:2222/org/repo.git", "ssh://git@host:2222/org/repo.git"),
    ],
)
def test_remote_credentials_are_stripped(remote: str, expected: str) -> None:
    assert strip_credentials(remote) == expected


def test_remote_url_in_git_facts_has_no_credentials(repo_factory: Callable[..., Path]) -> None:
    root = repo_factory({"a.txt": "a\n"}, remote="https://bob:hunter2@example.org/team/app.git")
    inventory = build_inventory(root)
    assert inventory.git is not None
    assert inventory.git.remote_url == "https://example.org/team/app.git"


def test_malicious_git_config_is_not_executed(
    repo_factory: Callable[..., Path], tmp_path: Path
) -> None:
    root = repo_factory({"a.txt": "a\n"})
    marker = tmp_path / "pwned"
    git(root, "config", "core.fsmonitor", f"touch {marker}; false")
    build_inventory(root)
    assert not marker.exists()


def test_file_that_cannot_be_read_after_listing_is_a_warning(tmp_path: Path) -> None:
    # As root, permissions do not stop reads; a file removed between listing and reading
    # exercises the same path: the read fails and becomes a warning.
    write_tree(tmp_path, {"gone.md": "x\n", "kept.md": "y\n"})
    inventory = build_inventory(tmp_path)
    (tmp_path / "gone.md").unlink()
    assert inventory.text("gone.md") is None
    assert inventory.text("kept.md") == "y\n"
    assert any(w.startswith("gone.md: cannot be read") for w in inventory.warnings)


def test_deps_folder_is_vendored_only_beside_mix_exs(tmp_path: Path) -> None:
    write_tree(
        tmp_path / "elixir", {"mix.exs": "defmodule A do end\n", "deps/plug/lib/plug.ex": "x\n"}
    )
    write_tree(tmp_path / "python", {"src/app/deps/parse.py": "x = 1\n", "deps/tool.py": "y = 2\n"})
    elixir = {e.path: e for e in build_inventory(tmp_path / "elixir").files}
    python = {e.path: e for e in build_inventory(tmp_path / "python").files}
    assert elixir["deps/plug/lib/plug.ex"].vendored
    assert not python["src/app/deps/parse.py"].vendored
    assert not python["deps/tool.py"].vendored


@pytest.mark.parametrize(
    ("remote", "expected"),
    [
        ("https://github.com/Org/Repo.git", ("github.com", "Org/Repo", "Org", "Repo")),
        (
            "https://user:token@GitLab.com/group/sub/app/",
            ("gitlab.com", "group/sub/app", "group", "app"),
        ),
        ("git@github.com:org/name.git", ("github.com", "org/name", "org", "name")),
        ("gitserver:tools/x.git", ("gitserver", "tools/x", "tools", "x")),
        ("ssh://git@host.org:2222/o/nmf.earth.git", ("host.org", "o/nmf.earth", "o", "nmf.earth")),
        ("https://example.org/solo", ("example.org", "solo", None, "solo")),
        ("/work/.mirror/org+name/repo", None),
        ("file:///srv/git/repo.git", None),
        ("C:\\src\\repo", None),
        ("https://github.com/", None),
        ("https://github.com:notaport/o/r", None),
        ("ftp://example.org/o/r", None),
        ("", None),
        (None, None),
    ],
)
def test_one_reading_of_a_remote(
    remote: str | None, expected: tuple[str, str, str | None, str] | None
) -> None:
    """The project's name, its owner and the nomination's links all read a remote here."""
    address = parse_remote(remote)
    if expected is None:
        assert address is None
    else:
        assert address is not None
        assert (address.host, address.path, address.owner, address.name) == expected


def test_dpgkits_own_reports_in_the_checkout_are_not_evidence(
    repo_factory: Callable[..., Path],
) -> None:
    """docs/ci.md writes reports into the checkout; the next run must not read the last
    one's words (an HTML report echoes the owner's answers) as the project's."""
    from dpgkit.assess import assess
    from dpgkit.reports import renderer_for

    root = repo_factory(
        {
            "README.md": "# Water Watch\n\nRural communities monitor their wells.\n",
            "dpg-notes.md": "# Our DPG notes\n\nWhat we still have to write.\n",
            "docs/report.md": "# Annual report\n\nWells tested this year.\n",
        }
    )
    first = assess(root)
    for name, format_name in [
        ("dpg.json", "json"),
        ("dpg.sarif", "sarif"),
        ("dpg-report.html", "html"),
        ("report.md", "markdown"),
        ("ci/out.sarif", "sarif"),
    ]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(renderer_for(format_name)(first), encoding="utf-8")
    inventory = build_inventory(root)
    paths = {entry.path for entry in inventory.files}
    assert {"README.md", "dpg-notes.md", "docs/report.md"} <= paths
    assert not paths & {"dpg.json", "dpg.sarif", "dpg-report.html", "report.md", "ci/out.sarif"}
    assert "dpg-report.html: a dpgkit report, not read as evidence" in inventory.warnings
    again = assess(root)
    assert again.stats.files == first.stats.files and again.indicators == first.indicators
