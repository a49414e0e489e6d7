"""Full-text search on both databases: PostgreSQL's weighted tsvector, the SQLite fallback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import connection

from dpgkit.web.registry.query import GoodsQuery, search_goods, uses_postgres_search
from dpgkit.web.registry.sources import read_source
from dpgkit.web.registry.store import import_items

pytestmark = pytest.mark.django_db


def names(q: str, **filters: str) -> list[str]:
    return [good.name for good in search_goods(GoodsQuery.from_params({"q": q, **filters}))]


def add_record(tmp_path: Path, slug: str, name: str, description: str, aliases: list[str]) -> None:
    folder = tmp_path / "nominees"
    folder.mkdir(exist_ok=True)
    record = {
        "name": name,
        "aliases": aliases,
        "description": description,
        "license": [{"spdx": "MIT", "licenseURL": "https://example.org"}],
        "SDGs": [{"SDGNumber": 6}],
        "type": ["data"],
        "organizations": [{"name": "Org"}],
        "stage": "nominee",
    }
    (folder / f"{slug}.json").write_text(json.dumps(record), encoding="utf-8")


def test_name_matches_rank_before_description_matches(tmp_path: Path) -> None:
    add_record(tmp_path, "aquifer-atlas", "Aquifer Atlas", "Maps of groundwater", [])
    add_record(tmp_path, "water-tool", "Water Tool", "Helps find an aquifer near you", [])
    add_record(tmp_path, "su-tool", "Су құралы", "Өзен мен көл деректері", ["СУ"])
    import_items(read_source(tmp_path))
    found = names("aquifer")
    assert found[:2] == ["Aquifer Atlas", "Water Tool"]
    # Every word must match; word prefixes match ("aqui" finds "aquifer").
    assert names("aqui groundwater") == ["Aquifer Atlas"]
    # Non-Latin text and aliases, case-insensitively.
    assert names("ӨЗЕН") == ["Су құралы"]
    assert names("су")[0] == "Су құралы"


def test_search_ignores_query_syntax_and_punctuation() -> None:
    for hostile in ["a & | ! :* ( ) '", "'; DROP TABLE registry_good; --", "%_\\", "\x00"]:
        search = GoodsQuery.from_params({"q": hostile})
        list(search_goods(search)[:5])  # must not raise
    assert names("  Aam   DIGITAL ") == ["Aam Digital"]


@pytest.mark.postgres
def test_postgres_uses_its_indexed_tsvector() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL pass (DPGKIT_TEST_DATABASE_URL)")
    assert uses_postgres_search()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'registry_good_search_tsv'"
        )
        (indexdef,) = cursor.fetchone()
    assert "gin" in indexdef.lower()
    sql = str(search_goods(GoodsQuery(q="health")).query)
    assert "search_tsv @@ ((to_tsquery('simple'" in sql
