"""Typed registry records: every record of the registry round-trips without loss."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from dpgkit.nomination import NomineeRecord, ScreeningRecord, read_record, record_text
from dpgkit.nomination.builder import NominationInputError, registry_spdx, sdg_number, yes_no
from dpgkit.nomination.links import as_link, repository_of, web_url

KINDS = [("nominees", NomineeRecord, 228), ("digitalpublicgoods", ScreeningRecord, 166)]


@pytest.mark.parametrize(("folder", "model", "count"), KINDS)
def test_every_registry_record_round_trips_byte_for_byte(
    shared_dir: Path, folder: str, model: type[NomineeRecord | ScreeningRecord], count: int
) -> None:
    files = sorted((shared_dir / "dpga" / "registry" / folder).glob("*.json"))
    assert len(files) == count
    changed = []
    for file in files:
        text = file.read_text(encoding="utf-8")
        record = read_record(model, text)
        if record_text(record) != text or json.loads(record_text(record)) != json.loads(text):
            changed.append(file.name)
    assert changed == []


def test_records_refuse_unknown_fields_and_values(shared_dir: Path) -> None:
    text = (shared_dir / "dpga/registry/nominees/aam-digital.json").read_text(encoding="utf-8")
    data = json.loads(text)
    with pytest.raises(ValidationError):
        NomineeRecord.model_validate({**data, "invented": 1})
    with pytest.raises(ValidationError):
        NomineeRecord.model_validate({**data, "stage": "approved"})
    screening = json.loads(
        (shared_dir / "dpga/registry/digitalpublicgoods/aam-digital.json").read_text("utf-8")
    )
    screening["NonPII"]["collectsNonPII"] = "Maybe"
    with pytest.raises(ValidationError):
        ScreeningRecord.model_validate(screening)


def test_unset_fields_stay_out_of_the_written_record() -> None:
    record = NomineeRecord.model_validate(
        {
            "name": "X",
            "description": "d",
            "license": [{"spdx": "MIT", "licenseURL": "u"}],
            "SDGs": [{"SDGNumber": 4}],
            "type": ["software"],
            "organizations": [{"name": "O"}],
            "stage": "nominee",
        }
    )
    written = json.loads(record_text(record))
    assert "website" not in written and "aliases" not in written
    assert written["SDGs"] == [{"SDGNumber": 4}]


def test_answer_parsing_helpers() -> None:
    assert yes_no("Yes, with our funder for audits") == ("Yes", "with our funder for audits")
    assert yes_no("no.") == ("No", "")
    assert yes_no("We never share data") is None
    assert sdg_number("SDG 11: Sustainable cities") == 11
    assert sdg_number(4) == 4
    with pytest.raises(NominationInputError):
        sdg_number("42")
    assert registry_spdx("GPL-3.0-only") == "GPL-3.0"
    assert registry_spdx("apache-2.0") == "Apache-2.0"
    assert registry_spdx("Proprietary") is None


def test_links_from_git_remotes() -> None:
    assert web_url("git@github.com:org/app.git") == ("https://github.com/org/app", "github.com")
    assert web_url("https://gitlab.com/group/sub/app.git") == (
        "https://gitlab.com/group/sub/app",
        "gitlab.com",
    )
    assert web_url("ssh://git@codeberg.org/org/app.git") == (
        "https://codeberg.org/org/app",
        "codeberg.org",
    )
    assert web_url("/srv/git/app.git") is None
    assert web_url(None) is None
    repo = repository_of("git@github.com:org/app.git", "main")
    assert repo is not None
    assert as_link("docs/privacy policy.md", repo) == "docs/privacy policy.md"  # prose-like
    assert (
        as_link("docs/privacy.md", repo) == "https://github.com/org/app/blob/main/docs/privacy.md"
    )
    assert as_link("https://x.example/p", repo) == "https://x.example/p"
    assert as_link("GDPR", repo) == "GDPR"
    assert as_link("LICENSE", repo) == "https://github.com/org/app/blob/main/LICENSE"
    assert as_link("../etc/passwd", repo) == "../etc/passwd"
    gitlab = repository_of("https://gitlab.com/g/app", None)
    assert gitlab is not None and gitlab.file_url("README.md") == (
        "https://gitlab.com/g/app/-/blob/HEAD/README.md"
    )
    unknown_host = repository_of("https://git.example.org/app.git", "main")
    assert unknown_host is not None and unknown_host.file_url("README.md") is None
