"""`dpg license identify` and `dpg licenses` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from dpgkit.cli import app
from tests.license_helpers import FIXTURES, license_text

runner = CliRunner()


def test_identify_json_lists_path_spdx_score_name(tmp_path: Path) -> None:
    only_mit = tmp_path / "ONLY_MIT"
    only_mit.write_text("MIT\n", encoding="utf-8")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02" * 1000)
    empty = tmp_path / "EMPTY"
    empty.write_text("", encoding="utf-8")
    both = tmp_path / "BOTH"
    both.write_text(license_text("MIT") + "\n\n" + license_text("Apache-2.0"), encoding="utf-8")
    files = [FIXTURES / "GPL-3.0-only.txt", only_mit, junk, empty, both]
    result = runner.invoke(app, ["license", "identify", "--format", "json", *map(str, files)])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert [item["spdx"] for item in items] == [
        "GPL-3.0-only",
        "MIT",
        None,
        None,
        "MIT AND Apache-2.0",
    ]
    assert set(items[0]) >= {"path", "spdx", "score", "name"}
    assert items[0]["score"] == 1.0 and items[0]["name"].startswith(
        "GNU General Public License v3.0"
    )
    assert items[1]["note"] == "the file names a license without its text"
    assert [part["spdx"] for part in items[4]["parts"]] == ["MIT", "Apache-2.0"]


def test_identify_text_table_and_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["license", "identify", str(FIXTURES / "ODbL-1.0.txt")])
    assert result.exit_code == 0 and "ODbL-1.0" in result.output
    missing = subprocess.run(
        [sys.executable, "-m", "dpgkit", "license", "identify", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 2
    assert "not a file" in missing.stderr and "Traceback" not in missing.stderr


def test_licenses_lists_approved_by_category() -> None:
    result = runner.invoke(app, ["licenses", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    categories = data["categories"]
    assert {"software", "content", "data"} <= set(categories)
    assert any(item["spdx"] == "ODbL-1.0" for item in categories["data"])
    assert any(item["spdx"] == "Apache-2.0" for item in categories["software"])
    text = runner.invoke(app, ["licenses"])
    assert text.exit_code == 0 and "CC-BY-4.0" in text.output
