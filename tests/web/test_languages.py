"""Every language all the way: the visitor's language at `/` (Accept-Language, the switcher's
remembered choice), translated error pages, searching in Russian and Kazakh, and country and
sector names in the page's language. Real registry records (the bundled snapshot), on SQLite
and, in the PostgreSQL pass, on PostgreSQL."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import RequestFactory
from django.utils import translation

from dpgkit.registry import RecordKind
from dpgkit.registry.schemas_access import load_schema
from dpgkit.web import errors
from dpgkit.web.registry.models import Facet, FacetKind, Good
from dpgkit.web.registry.query import GoodsQuery, search_goods
from dpgkit.web.registry.vocabulary import SECTOR_LABELS, country_code, country_label
from tests.web.i18n_helpers import english_leftovers

pytestmark = pytest.mark.django_db
KAZAKH_HEADING = "<h1>Цифрлық қоғамдық игіліктер</h1>"
RUSSIAN_HEADING = "<h1>Цифровые общественные блага</h1>"
ENGLISH_HEADING = "<h1>Digital public goods</h1>"


# Accept-Language at / and the remembered choice


@pytest.mark.parametrize(
    ("accept", "target", "heading"),
    [
        ("kk", "/kk/", KAZAKH_HEADING),
        ("kk-KZ,kk;q=0.9,ru;q=0.8", "/kk/", KAZAKH_HEADING),
        ("ru-RU,ru;q=0.9,en;q=0.5", "/ru/", RUSSIAN_HEADING),
    ],
)
def test_a_russian_or_kazakh_browser_lands_in_its_language(
    client: Any, accept: str, target: str, heading: str
) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]
    page = client.get("/", HTTP_ACCEPT_LANGUAGE=accept, follow=True)
    assert page.status_code == 200
    assert heading in page.content.decode()
    assert f'<html lang="{target.strip("/")}">' in page.content.decode()


def test_other_pages_and_queries_follow_the_browser_too(client: Any) -> None:
    response = client.get("/goods/aam-digital/", {"sdg": "4"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert response["Location"] == "/kk/goods/aam-digital/?sdg=4"
    # Language-neutral addresses are not redirected.
    api = client.get("/api/facets", HTTP_ACCEPT_LANGUAGE="kk")
    assert api.status_code == 200


@pytest.mark.parametrize("accept", ["", "en-US,en;q=0.9", "de-DE,de;q=0.9", "fr"])
def test_english_and_unsupported_browsers_get_english(client: Any, accept: str) -> None:
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = client.get("/", **headers)
    assert response.status_code == 200
    assert ENGLISH_HEADING in response.content.decode()


def test_the_switchers_choice_is_remembered_and_wins_over_the_browser(client: Any) -> None:
    # A Kazakh browser chooses English: it stays on English pages from then on.
    chosen = client.get("/language/en/", {"next": "/?sdg=4"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert chosen.status_code == 302 and chosen["Location"] == "/?sdg=4"
    assert chosen.cookies["django_language"].value == "en"
    assert chosen.cookies["django_language"]["max-age"] == 365 * 24 * 3600
    page = client.get("/", {"sdg": "4"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert page.status_code == 200 and ENGLISH_HEADING in page.content.decode()
    # An English browser chooses Russian from a Kazakh page: the same page, in Russian.
    chosen = client.get("/language/ru/", {"next": "/kk/goods/aam-digital/"})
    assert chosen["Location"] == "/ru/goods/aam-digital/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/ru/"
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en", follow=True).content.decode()
    assert RUSSIAN_HEADING in page


def test_the_switcher_links_remember_and_never_leave_the_site(client: Any) -> None:
    html = client.get("/ru/", {"q": "health"}).content.decode()
    links = re.findall(r'<a href="(/language/[a-z]+/\?next=[^"]+)" hreflang', html)
    assert len(links) == 3
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 302
        assert response["Location"].endswith("?q=health")
    for hostile in ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]:
        response = client.get("/language/kk/", {"next": hostile})
        assert response["Location"] == "/kk/"
    assert client.get("/language/de/").status_code == 404


# Error pages


@pytest.mark.parametrize(
    ("prefix", "lang", "title"),
    [("", "en", "Page not found"), ("/ru", "ru", "Страница не найдена"),
     ("/kk", "kk", "Бет табылмады")],
)  # fmt: skip
def test_404_pages_are_styled_and_translated(
    client: Any, prefix: str, lang: str, title: str
) -> None:
    response = client.get(f"{prefix}/goods/no-such-good/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html and f"<h1>{title}</h1>" in html
    assert 'class="site-header"' in html and "site.css" in html
    if prefix:
        english = client.get("/goods/no-such-good/").content.decode()
        assert english_leftovers(english, html) == []


def test_an_unknown_address_answers_in_the_browsers_language(client: Any) -> None:
    response = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE="kk")
    assert response.status_code == 404
    assert '<html lang="kk">' in response.content.decode()


@pytest.mark.parametrize(("language", "title"), [("ru", "Ошибка сервера"), ("kk", "Сервер қатесі")])
def test_500_page_is_styled_and_translated(language: str, title: str) -> None:
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        response = errors.server_error(request)
    with translation.override("en"):
        english = errors.server_error(RequestFactory().get("/")).content.decode()
    html = response.content.decode()
    assert response.status_code == 500
    assert f"<h1>{title}</h1>" in html and 'class="site-header"' in html
    assert english_leftovers(english, html) == []


@pytest.mark.parametrize(
    ("prefix", "title"), [("/ru", "Доступ запрещён"), ("/kk", "Кіруге тыйым салынған")]
)
def test_a_form_without_its_token_gets_the_translated_403(prefix: str, title: str) -> None:
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(f"{prefix}/accounts/login/", {})
    assert response.status_code == 403
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html and 'class="site-header"' in html
    english = Client(enforce_csrf_checks=True).post("/accounts/login/", {}).content.decode()
    assert "<h1>Access denied</h1>" in english
    assert english_leftovers(english, html) == []


# Search in Russian and Kazakh


def good_slugs(q: str) -> list[str]:
    return [good.slug for good in search_goods(GoodsQuery(q=q))]


def sdg_numbers(slug: str) -> set[int]:
    record = Good.objects.get(slug=slug).record
    return {int(item["SDGNumber"]) for item in record.get("SDGs", [])}


def test_health_in_russian_finds_the_health_records(client: Any) -> None:
    with_sdg3 = set(
        Facet.objects.filter(kind=FacetKind.SDG, value="3").values_list("good__slug", flat=True)
    )
    assert len(with_sdg3) >= 10
    found = good_slugs("здоровье")
    assert len(found) >= 10
    assert with_sdg3 <= set(found)  # «Хорошее здоровье и благополучие» is SDG 3's name
    # Case does not matter, on SQLite as on PostgreSQL.
    assert good_slugs("ЗДОРОВЬЕ") == found == good_slugs("Здоровье")
    # The Russian site's list and the API say the same.
    html = client.get("/ru/", {"q": "здоровье"}).content.decode()
    count = int(re.search(r'id="results-heading"[^>]*>\s*(\d+)', html).group(1))  # type: ignore[union-attr]
    assert count == len(found) >= 10
    api = json.loads(client.get("/api/goods", {"q": "здоровье"}).content)
    assert api["count"] == len(found)


def test_kazakh_words_find_sdgs_sectors_and_types() -> None:
    health = good_slugs("денсаулық")  # SDG 3 «Денсаулық пен амандық», sector «Денсаулық сақтау»
    assert len(health) >= 10
    assert all(3 in sdg_numbers(slug) or "Health" in Good.objects.get(slug=slug).record.get(
        "sectors", []) for slug in health)  # fmt: skip
    agriculture = set(good_slugs("ауыл шаруашылығы"))  # the sector Agriculture
    with_sector = set(
        Facet.objects.filter(kind=FacetKind.SECTOR, value="Agriculture").values_list(
            "good__slug", flat=True
        )
    )
    assert with_sector and with_sector <= agriculture
    data = set(good_slugs("деректер"))  # the type "data" («Деректер»)
    with_type = set(
        Facet.objects.filter(kind=FacetKind.TYPE, value="data").values_list("good__slug", flat=True)
    )
    assert with_type and with_type <= data


def test_russian_sector_names_find_their_records() -> None:
    found = set(good_slugs("сельское хозяйство"))
    with_sector = set(
        Facet.objects.filter(kind=FacetKind.SECTOR, value="Agriculture").values_list(
            "good__slug", flat=True
        )
    )
    assert with_sector and with_sector <= found
    # The sector Education («Образование») as well.
    assert set(good_slugs("образование")) >= set(
        Facet.objects.filter(kind=FacetKind.SECTOR, value="Education").values_list(
            "good__slug", flat=True
        )
    )


def test_other_forms_of_russian_words_find_the_same_records() -> None:
    # «здоровья» (genitive) has the stem of «здоровье»: PostgreSQL's 'russian' configuration,
    # the same Snowball stemmer on SQLite.
    assert set(good_slugs("здоровья")) == set(good_slugs("здоровье"))
    assert set(good_slugs("образования")) == set(good_slugs("образование"))
    assert len(good_slugs("сельского хозяйства")) >= 10


# Country and sector names in the page's language


def test_every_sector_of_the_schema_is_translated() -> None:
    schema = load_schema(RecordKind.NOMINEE)
    assert list(SECTOR_LABELS) == schema["properties"]["sectors"]["items"]["enum"]
    for language in ("ru", "kk"):
        with translation.override(language):
            assert all(str(label) != value for value, label in SECTOR_LABELS.items()
                       if value not in ("Climate", "Consulting", "Logistics", "Energy",
                                        "Democracy"))  # fmt: skip


def test_every_country_of_the_registry_is_named_in_each_language() -> None:
    names = set(
        Facet.objects.filter(kind=FacetKind.COUNTRY).values_list("value", flat=True).distinct()
    )
    assert len(names) > 200
    unresolved = sorted(name for name in names if country_code(name) is None)
    assert unresolved == []
    # The registry's spellings of one country are one country.
    assert country_code("VietNam") == country_code("Vietnam") == "VN"
    assert country_code("Virgin Islands, British") == "VG"
    assert country_code("Congo (Congo-Brazzaville)") == "CG"
    assert country_code("Democratic Republic of the Congo") == "CD"
    assert country_code("Czechia (Czech Republic)") == "CZ"
    assert country_code("Turkey") == "TR"
    assert country_label("Kazakhstan", "ru") == "Казахстан"
    assert country_label("Kazakhstan", "kk") == "Қазақстан"
    assert country_label("Nowhere Land", "kk") == "Nowhere Land"


@pytest.mark.parametrize(
    ("prefix", "country", "sector"),
    [("/ru", "Казахстан", "Здравоохранение"), ("/kk", "Қазақстан", "Денсаулық сақтау"),
     ("", "Kazakhstan", "Health")],
)  # fmt: skip
def test_filters_name_countries_and_sectors_in_the_pages_language(
    client: Any, prefix: str, country: str, sector: str
) -> None:
    html = client.get(f"{prefix}/").content.decode()
    assert re.search(rf'<option value="Kazakhstan"[^>]*>\s*{country}\b', html)
    assert re.search(rf'<option value="Health"[^>]*>\s*{sector}\b', html)
    # Filtering still uses the registry's value, and the active filter reads translated.
    filtered = client.get(f"{prefix}/", {"sector": "Health"}).content.decode()
    assert sector in filtered


@pytest.mark.parametrize(
    ("prefix", "sector"), [("/ru", "Здравоохранение"), ("/kk", "Денсаулық сақтау")]
)
def test_record_pages_name_sectors_and_countries_translated(
    client: Any, prefix: str, sector: str
) -> None:
    slug = (
        Facet.objects.filter(kind=FacetKind.SECTOR, value="Health")
        .filter(good__screening__isnull=False)
        .values_list("good__slug", flat=True)
        .first()
    )
    assert slug
    english = client.get(f"/goods/{slug}/").content.decode()
    html = client.get(f"{prefix}/goods/{slug}/").content.decode()
    assert sector in html
    good = Good.objects.get(slug=slug)
    countries = good.screening.record.get("locations", {}).get("deploymentCountries") or []
    language = prefix.strip("/")
    for name in countries[:5]:
        if name.strip():
            assert country_label(name, language) in html
    leftovers = english_leftovers(english, html, {good.name})
    assert leftovers == []


def test_search_terms_are_refreshed_when_the_translations_change() -> None:
    from dpgkit.web.registry.store import refresh_search_terms

    assert refresh_search_terms() == 0  # stored with the records, up to date
    Good.objects.filter(slug="aam-digital").update(search_terms="")
    assert "aam-digital" not in good_slugs("образование")
    assert refresh_search_terms() == 1
    assert "aam-digital" in good_slugs("образование")


def test_a_country_written_two_ways_is_one_filter_option(client: Any) -> None:
    from dpgkit.web.registry.query import facet_options

    countries = dict(facet_options()["country"])
    assert ("Vietnam" in countries) != ("VietNam" in countries)  # listed once
    shown = "Vietnam" if "Vietnam" in countries else "VietNam"
    either = set(
        Facet.objects.filter(kind=FacetKind.COUNTRY, value__in=["Vietnam", "VietNam"])
        .values_list("good_id", flat=True)
        .distinct()
    )
    assert countries[shown] == len(either)
    for spelling in ("Vietnam", "VietNam"):
        found = {good.pk for good in search_goods(GoodsQuery(country=spelling))}
        assert found == either
    html = client.get("/ru/").content.decode()
    assert len(re.findall(r">\s*Вьетнам\b", html)) == 1
    api = json.loads(client.get("/api/goods", {"country": "VietNam"}).content)
    assert api["count"] == len(either)
