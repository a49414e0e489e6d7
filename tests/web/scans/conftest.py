"""Fixtures of the registry scans: a registered good whose repository is a real git folder."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import git
from tests.web.review.conftest import WATER_FILES

# The registry's address of the test goods; --url-rewrite maps it to a local folder.
REMOTE = "https://github.com/scan-test/"


@pytest.fixture
def make_good(db: None) -> Callable[..., Any]:
    from dpgkit.web.registry.models import Good, Stage

    def make(slug: str, url: str | None = None) -> Any:
        record: dict[str, Any] = {
            "name": slug.title(),
            "description": "A test good.",
            "stage": "DPG",
        }
        if url is not None:
            record["repositories"] = [{"name": "main", "url": url}]
        text = json.dumps(record)
        return Good.objects.create(
            slug=slug,
            name=record["name"],
            sort_name=slug,
            stage=Stage.DPG,
            record_json=text,
            record_sha256=hashlib.sha256(text.encode()).hexdigest(),
        )

    return make


@pytest.fixture
def served(tmp_path: Path) -> Callable[[Path], list[list[str]]]:
    """The --url-rewrite that serves REMOTE's repositories from a local folder."""

    def rewrites(folder: Path) -> list[list[str]]:
        return [[REMOTE, folder.as_uri() + "/"]]

    return rewrites


@pytest.fixture
def water(repo_factory: Callable[..., Path], tmp_path: Path) -> Path:
    """water-watch, a real repository under tmp_path/remote/."""
    return repo_factory(WATER_FILES, name="remote/water-watch")


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()
