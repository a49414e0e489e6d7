"""`dpg license identify` and `dpg licenses` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from dpgkit.cli import app
from tests.license_helpers import FIXTURES, license_text, modified_mpl

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
    assert (items[1]["kind"], items[1]["method"]) == ("name_only", "name")
    assert items[1]["note"] == "the file only names MIT; the full license text is missing"
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


# -- license files that state their license (issue 18), small texts written for the tests --
AGPL_NOTICE_MD = """# License

This program is free software: you can redistribute it and/or modify it under the terms of
the [GNU Affero General Public License](https://www.gnu.org/licenses/agpl-3.0.html) as
published by the Free Software Foundation, either version 3 of the License, or (at your
option) any later version.

This program is distributed in the hope that it will be useful, but WITHOUT ANY WARRANTY.
"""
APACHE_QUOTED = """This software is licensed under the Apache 2 license, quoted below.

Copyright 2020 Example Org

Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
except in compliance with the License. You may obtain a copy of the License at

    http://www.apache.org/licenses/LICENSE-2.0

Unless required by applicable law or agreed to in writing, software distributed under the
License is distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND.
"""
RESERVED_THEN_GRANT = """Copyright (c) 2021 Example Org. All rights reserved.

You may use, copy and modify this software under the terms of GNU [GPL-3.0]+ license.
"""
RESERVED_ONLY = """Copyright (c) 2021 Example Org. All rights reserved.

No part of this software may be copied or used without written permission.
"""
GPL_NOTICE_OR_LATER = """Example Counter - counts things

This program is free software: you can redistribute it and/or modify it under the terms of
the GNU General Public License as published by the Free Software Foundation, either version 3
of the License, or (at your option) any later version.

"""


def _identify(tmp_path: Path, texts: dict[str, str]) -> dict[str, dict[str, object]]:
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["license", "identify", "-f", "json", *(str(tmp_path / n) for n in texts)]
    )
    assert result.exit_code == 0, result.output
    return {Path(str(item["path"])).name: item for item in json.loads(result.output)}


def test_identify_reads_notices_references_and_grants(tmp_path: Path) -> None:
    items = _identify(
        tmp_path,
        {
            "LICENSE.md": AGPL_NOTICE_MD,
            "LICENSE": APACHE_QUOTED,
            "COPYING": RESERVED_THEN_GRANT,
            "LICENSE.txt": RESERVED_ONLY,
        },
    )
    agpl = items["LICENSE.md"]
    assert (agpl["spdx"], agpl["kind"]) == ("AGPL-3.0-or-later", "stated")
    assert agpl["statements"] == [
        {
            "spdx": "AGPL-3.0-or-later",
            "kind": "notice",
            "line": 4,  # the notice starts at "GNU", inside the Markdown link
            "text": "GNU Affero General Public License as published by the Free Software "
            "Foundation, either version 3 of the License, or (at your option) any later version",
        }
    ]
    apache = items["LICENSE"]
    assert apache["spdx"] == "Apache-2.0"
    assert {s["kind"] for s in apache["statements"]} == {"reference", "notice"}  # type: ignore[attr-defined]
    assert "full license text is not included" in str(apache["note"])
    assert items["COPYING"]["spdx"] == "GPL-3.0-or-later"  # the grant, not the reservation
    reserved = items["LICENSE.txt"]
    assert (reserved["spdx"], reserved["kind"]) == (None, "all_rights_reserved")


def test_identify_or_later_notice_beside_full_text(tmp_path: Path) -> None:
    full = license_text("GPL-3.0-only")
    items = _identify(
        tmp_path,
        {
            "COPYING": GPL_NOTICE_OR_LATER + full,
            "LICENSE": full,
            "LICENSE.md": GPL_NOTICE_OR_LATER.replace(
                ", or (at your option) any later version", " only"
            )
            + full,
        },
    )
    assert items["COPYING"]["spdx"] == "GPL-3.0-or-later"
    assert items["LICENSE"]["spdx"] == "GPL-3.0-only"
    assert items["LICENSE.md"]["spdx"] == "GPL-3.0-only"


def test_modified_license_text_is_not_the_original(tmp_path: Path) -> None:
    items = _identify(
        tmp_path,
        {
            "LICENSE": modified_mpl(),
            # A project's own heading over an unchanged text names no other license.
            "LICENSE.md": "Acme Widgets License\n\n" + license_text("MIT"),
            "COPYING": "Mozilla Public License Version 2.0\n\n" + license_text("MPL-2.0"),
        },
    )
    modified = items["LICENSE"]
    assert (modified["spdx"], modified["kind"]) == (None, "modified")
    assert modified["parts"][0]["modified"] == "Example Foundation Public License v. 1.0"  # type: ignore[index]
    assert "a modified MPL-2.0 text" in str(modified["note"])
    assert items["LICENSE.md"]["spdx"] == "MIT" and "kind" not in items["LICENSE.md"]
    assert items["COPYING"]["spdx"] == "MPL-2.0"


def test_identify_short_references_by_url_or_spdx_id(tmp_path: Path) -> None:
    items = _identify(
        tmp_path,
        {
            "LICENSE": "MIT-0 https://spdx.org/licenses/MIT-0\n",
            "COPYING": "See http://www.gnu.org/licenses/lgpl-2.1.txt\n",
            "LICENSE.md": "licenseId: CPAL-1.0\n",
            "LICENSE.txt": "BSD-3-Clause OR MIT\n",
            "UNLICENSE": "Written in Ruby by Intel folks for fun\n",
        },
    )
    assert items["LICENSE"]["spdx"] == "MIT-0"  # the id, not "MIT" read loosely
    assert items["COPYING"]["spdx"] == "LGPL-2.1-only"
    assert items["LICENSE.md"]["spdx"] == "CPAL-1.0"
    assert items["LICENSE.txt"]["spdx"] == "BSD-3-Clause OR MIT"
    assert items["UNLICENSE"]["spdx"] is None  # capitalised words are not ids
    assert {items[name]["kind"] for name in ("LICENSE", "COPYING", "LICENSE.md")} == {"name_only"}
