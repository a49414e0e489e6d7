"""The registry in headless Chromium: search, filters, language switch, keyboard, axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import axe_violations

# django_db: pytest-django creates the test database only for tests that declare they use it.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def page(live_url: str, chromium_browser: Any) -> Iterator[Any]:
    # live_url first: the database is set up before Playwright starts its event loop.
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def result_names(page: Any) -> list[str]:
    names: list[str] = page.locator("ol.results h3 a").all_inner_texts()
    return names


def test_search_from_the_form(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.get_by_label("Search by name, alias or description").fill("neonatal sepsis")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/?q=neonatal+sepsis*")
    assert result_names(page) == ["Avyantra Health Technologies"]
    page.get_by_role("link", name="Avyantra Health Technologies").click()
    assert page.locator("h1").inner_text() == "Avyantra Health Technologies"


def test_filters_from_the_form(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.get_by_label("Type").select_option("data")
    page.get_by_label("Sustainable Development Goal").select_option("6")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**type=data*")
    names = result_names(page)
    assert names
    heading = page.locator("#results-heading").inner_text()
    assert heading.split()[0] == str(len(names)) or len(names) == 20
    # Every listed good carries the chosen SDG.
    for card in page.locator("ol.results li").all():
        assert "6." in card.locator(".sdgs").inner_text()
    assert page.get_by_label("Type").input_value() == "data"


def test_language_switch_keeps_the_page_and_query(page: Any, live_url: str) -> None:
    page.goto(live_url + "/?sdg=4")
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url("**/ru/?sdg=4")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Цифровые общественные блага"
    assert "Качественное образование" in page.locator("ol.results").inner_text()
    page.get_by_role("link", name="Қазақ").click()
    page.wait_for_url("**/kk/?sdg=4")
    assert page.locator("h1").inner_text() == "Цифрлық қоғамдық игіліктер"
    page.get_by_role("link", name="English").click()
    page.wait_for_url(live_url + "/?sdg=4")
    assert page.locator("html").get_attribute("lang") == "en"


def test_a_kazakh_browser_lands_in_kazakh_and_its_choice_sticks(
    live_url: str, chromium_browser: Any
) -> None:
    context = chromium_browser.new_context(locale="kk-KZ")  # Accept-Language: kk-KZ,kk;q=0.9
    page = context.new_page()
    page.goto(live_url + "/")
    assert page.url == live_url + "/kk/"
    assert page.locator("html").get_attribute("lang") == "kk"
    assert page.locator("h1").inner_text() == "Цифрлық қоғамдық игіліктер"
    # In Russian, «здоровье» finds the SDG 3 records.
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url("**/ru/")
    page.locator("#id_q").fill("здоровье")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**/ru/?q=*")
    assert len(result_names(page)) >= 10
    # Chosen English stays English on the next visit, whatever the browser asks for.
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/?q=*")
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(live_url + "/")
    assert page.url == live_url + "/"
    assert page.locator("h1").inner_text() == "Digital public goods"
    # A page that does not exist says so in the site's look and the visitor's language.
    page.goto(live_url + "/kk/goods/no-such-good/")
    assert page.locator("h1").inner_text() == "Бет табылмады"
    assert page.get_by_role("link", name="Тізілімге оралу").count() == 1
    context.close()


def test_keyboard_reaches_skip_link_and_search(page: Any, live_url: str) -> None:
    page.goto(live_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to main content" in focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/#main")  # the fragment change lands after the key press returns
    assert page.url.endswith("#main")
    page.locator("#id_q").focus()
    page.keyboard.type("health")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=health*")
    assert result_names(page)


@pytest.mark.parametrize(
    "path",
    ["/", "/?q=health&sdg=3", "/ru/", "/kk/goods/aam-digital/", "/goods/community-health-toolkit/"],
)
def test_no_serious_accessibility_violations(page: Any, live_url: str, path: str) -> None:
    page.goto(live_url + path)
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"], len(v["nodes"])) for v in violations]


def test_usable_on_a_phone(live_url: str, chromium_browser: Any) -> None:
    context = chromium_browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(live_url + "/goods/aam-digital/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert axe_violations(page) == []
    context.close()
