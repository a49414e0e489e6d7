"""Server-rendered pages with Django's test client: list, search, filters, detail, languages."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from dpgkit.web.registry.models import Good
from dpgkit.web.registry.query import GoodsQuery, search_goods
from dpgkit.web.registry.sources import read_source
from dpgkit.web.registry.store import import_items

pytestmark = pytest.mark.django_db


def result_names(html: str) -> list[str]:
    return re.findall(r'<h3><a href="/(?:ru/|kk/)?goods/[^"]+/">([^<]+)</a></h3>', html)


def test_list_page_shows_the_registry(client: Any) -> None:
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "228 results" in html
    assert len(result_names(html)) == 20
    assert 'aria-label="Result pages"' in html
    assert '<html lang="en">' in html


def test_search_finds_by_name_alias_and_description(client: Any) -> None:
    by_name = result_names(client.get("/", {"q": "aam digital"}).content.decode())
    assert by_name[0] == "Aam Digital"
    # "CHT" is an alias of the Community Health Toolkit.
    assert "Community Health Toolkit" in result_names(
        client.get("/", {"q": "cht"}).content.decode()
    )
    by_description = result_names(client.get("/", {"q": "neonatal sepsis"}).content.decode())
    assert by_description == ["Avyantra Health Technologies"]
    nothing = client.get("/", {"q": "zzzqqqxxx"}).content.decode()
    assert "0 results" in nothing and "No digital public goods match" in nothing


@pytest.mark.parametrize(
    ("param", "value", "check"),
    [
        ("sdg", "14", lambda r: any(s.get("SDGNumber") == 14 for s in r["SDGs"])),
        ("type", "data", lambda r: "data" in r["type"]),
        ("license", "MIT", lambda r: any(x["spdx"] == "MIT" for x in r["license"])),
        ("stage", "nominee", lambda r: r["stage"] == "nominee"),
        ("sector", "Education", lambda r: "Education" in r.get("sectors", [])),
    ],
)
def test_each_filter_keeps_only_matching_goods(
    client: Any, param: str, value: str, check: Any
) -> None:
    expected = sorted(g.name for g in Good.objects.all() if check(g.record))
    assert expected
    names: list[str] = []
    page = 1
    while True:
        html = client.get("/", {param: value, "sort": "name", "page": page}).content.decode()
        names += result_names(html)
        if 'rel="next"' not in html:
            break
        page += 1
    assert sorted(names) == expected


def test_country_filter_uses_screening_locations(client: Any) -> None:
    html = client.get("/", {"country": "Kazakhstan"}).content.decode()
    names = result_names(html)
    assert names
    for name in names:
        good = Good.objects.get(name=name)
        assert "Kazakhstan" in good.screening.record["locations"]["deploymentCountries"]


def test_filters_combine_and_sorting_orders(client: Any) -> None:
    html = client.get("/", {"sdg": "3", "type": "software", "sort": "-name"}).content.decode()
    names = result_names(html)
    assert names == sorted(names, key=str.casefold, reverse=True)
    query = GoodsQuery.from_params({"sdg": "3", "type": "software", "sort": "-name"})
    assert names == [g.name for g in search_goods(query)[:20]]


def test_pagination_keeps_filters_and_survives_bad_page_numbers(client: Any) -> None:
    html = client.get("/", {"type": "software", "page": "2"}).content.decode()
    assert 'href="?type=software&amp;page=3"' in html
    assert client.get("/", {"page": "999"}).status_code == 200
    assert (
        client.get("/", {"page": "abc", "sort": "nonsense", "sdg": "x" * 5000}).status_code == 200
    )


def test_detail_page_shows_licenses_sdgs_organisations_repositories_and_screening(
    client: Any,
) -> None:
    html = client.get("/goods/aam-digital/").content.decode()
    assert "<h1>Aam Digital</h1>" in html
    assert "GPL-3.0" in html
    assert "Quality education" in html
    assert "used in educational projects" in html
    assert "Aam Digital GmbH" in html
    assert "https://github.com/Aam-Digital/ndb-core" in html
    assert "Indicator 3: Clear ownership" in html
    assert "Indicator 9A: Data privacy and security" in html
    assert "GDPR" in html
    # Contact e-mail addresses are not published on pages.
    assert "sebastian@aam-digital.com" not in html


def test_unknown_good_is_404(client: Any) -> None:
    assert client.get("/goods/no-such-good/").status_code == 404
    assert client.get("/export/dpg-registry.xml").status_code == 404


@pytest.mark.parametrize(
    ("prefix", "lang", "heading", "sdg_name"),
    [
        ("", "en", "Digital public goods", "Quality education"),
        ("/ru", "ru", "Цифровые общественные блага", "Качественное образование"),
        ("/kk", "kk", "Цифрлық қоғамдық игіліктер", "Сапалы білім"),
    ],
)
def test_pages_in_three_languages(
    client: Any, prefix: str, lang: str, heading: str, sdg_name: str
) -> None:
    html = client.get(f"{prefix}/", {"sdg": "4"}).content.decode()
    assert f'<html lang="{lang}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert sdg_name in html
    detail = client.get(f"{prefix}/goods/aam-digital/").content.decode()
    assert sdg_name in detail
    # The same page in each language, keeping the query; the switcher goes there through
    # /language/<code>/, which remembers the choice (tests/web/test_languages.py).
    assert '<link rel="alternate" hreflang="ru" href="/ru/?sdg=4">' in html
    assert '<link rel="alternate" hreflang="kk" href="/kk/?sdg=4">' in html
    assert '<link rel="alternate" hreflang="en" href="/?sdg=4">' in html
    assert 'href="/language/ru/?next=%2Fru%2F%3Fsdg%3D4" hreflang="ru"' in html
    assert 'href="/language/kk/?next=%2Fkk%2F%3Fsdg%3D4" hreflang="kk"' in html
    assert 'href="/language/en/?next=%2F%3Fsdg%3D4" hreflang="en"' in html


def test_exports_download_every_record(client: Any) -> None:
    for fmt in ("json", "ndjson", "csv"):
        response = client.get(f"/export/dpg-registry.{fmt}")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        body = b"".join(response.streaming_content).decode()
        assert body.count('"aam-digital"') >= 2 or fmt == "csv"
    entries = json.loads(b"".join(client.get("/export/dpg-registry.json").streaming_content))
    assert len(entries) == 228 + 166


HOSTILE = {
    "name": "<script>alert('name')</script>Evil",
    "aliases": ['"><img src=x onerror=alert(1)>'],
    "description": "<b onmouseover=alert(2)>hover</b> {{ settings.SECRET_KEY }}",
    "website": "javascript:alert(3)",
    "license": [{"spdx": "MIT", "licenseURL": "javascript:alert(4)"}],
    "SDGs": [
        {
            "SDGNumber": 4,
            "evidenceText": "<iframe src=//evil>",
            "evidenceURL": "data:text/html,<script>x</script>",
        }
    ],
    "type": ["software"],
    "repositories": [{"name": "<svg onload=alert(5)>", "url": "javascript:alert(6)"}],
    "organizations": [
        {"name": "</li><script>alert(7)</script>", "website": "vbscript:x", "org_type": "owner"}
    ],
    "sectors": ["Education"],
    "stage": "nominee",
}


def test_hostile_record_content_is_rendered_escaped(client: Any, tmp_path: Path) -> None:
    (tmp_path / "nominees").mkdir()
    (tmp_path / "nominees" / "evil.json").write_text(json.dumps(HOSTILE), encoding="utf-8")
    report = import_items(read_source(tmp_path))
    assert not report.rejected
    for url in ("/goods/evil/", "/", "/?q=evil", "/ru/goods/evil/"):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html and "<svg onload" not in html and "<iframe" not in html
        assert "<b onmouseover" not in html
        assert 'href="javascript:' not in html and 'href="data:' not in html
        assert 'href="vbscript:' not in html
        assert "test-only-not-secret" not in html
    detail = client.get("/goods/evil/").content.decode()
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;Evil" in detail


def test_pages_send_security_headers(client: Any) -> None:
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert client.post("/").status_code == 405
