"""The API keeps its own contract: Schemathesis (every check) against /api/openapi.json on a
live server finds nothing, and HEAD answers every GET endpoint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


def test_schemathesis_finds_nothing(live_url: str, tmp_path: Path) -> None:
    """`schemathesis run --checks all`: undeclared status codes, responses that do not match
    their schema, server errors, unsupported methods without 405, rejected valid input..."""
    result = subprocess.run(
        [
            str(SCHEMATHESIS), "run", f"{live_url}/api/openapi.json",
            "--checks", "all",
            "--max-examples", "40",
            "--seed", "20261201",  # reproducible in CI; the coverage phase is exhaustive anyway
            "--report-dir", str(tmp_path / "report"),
        ],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "0 failures" in result.stdout or "passed" in result.stdout


@pytest.mark.parametrize(
    "path",
    ["/api/goods?q=health", "/api/goods/aam-digital", "/api/facets", "/api/dpgs", "/api/dpgs/",
     "/api/nominees", "/api/dpg/aam-digital", "/api/nominee/aajeevika/", "/api/openapi.json"],
)  # fmt: skip
def test_head_answers_every_get_endpoint(client: Any, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content)


def test_head_of_a_missing_record_is_404(client: Any) -> None:
    assert client.head("/api/goods/no-such-good").status_code == 404
    refused = client.post("/api/goods")
    assert refused.status_code == 405
    assert [m.strip() for m in refused["Allow"].split(",")] == ["GET", "HEAD"]
