"""The HTML report: self-contained, escaped, accessible, readable on a phone, printable."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dpgkit.assess import AssessOptions, assess
from dpgkit.model import Assessment
from dpgkit.reports import renderers
from dpgkit.reports.html import render_html
from tests.conftest import axe_violations

HOSTILE = '<script>alert("x")</script>'
PIXEL = '<img src="https://tracker.example/pixel.png">'

README = f"""# Clinic Queue

Clinic Queue lets {PIXEL} patients book a slot at rural health clinics by text message,
so nobody waits all day outside. Nurses see the queue on a tablet and call people in.

## Installation {HOSTILE}

Install Python 3.11, run `pip install -r requirements.txt`, then `python manage.py migrate`.
Set the SMS gateway address in settings before the first start of the service.

## Usage

Run `python manage.py runserver` and open the dashboard. Each clinic has its own queue page,
and nurses can export the day's visits as CSV for the district health information system.
"""

APACHE = "Apache License\nVersion 2.0, January 2004\nhttp://www.apache.org/licenses/\n"


@pytest.fixture
def clinic_assessment(repo_factory: Callable[..., Path], tmp_path: Path) -> Assessment:
    repo = repo_factory(
        {"README.md": README, "LICENSE": APACHE, "app/queue.py": "QUEUE = []\n"},
        remote="https://github.com/clinics/clinic-queue.git",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        'indicators:\n  "3": {owner: "Clinic Queue <b>Collective</b>"}\n', encoding="utf-8"
    )
    return assess(repo, AssessOptions(answers_path=answers))


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_html_is_a_registered_format_and_escapes_everything(
    clinic_assessment: Assessment,
) -> None:
    assert "html" in renderers()
    html = render_html(clinic_assessment)
    assert HOSTILE not in html and PIXEL not in html
    assert "&lt;script&gt;" in html
    assert "Clinic Queue &lt;b&gt;Collective&lt;/b&gt;" in html  # owner answer, escaped
    parser = TagCollector()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    for forbidden in ("script", "img", "link", "iframe", "object", "embed"):
        assert forbidden not in names
    assert names.count("style") == 1  # the CSS is inline
    for _, attrs in parser.tags:
        assert "src" not in attrs and "srcset" not in attrs
    overview_rows = [a.get("href") for t, a in parser.tags if t == "a"]
    for indicator in ("1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"):
        assert f"#indicator-{indicator}" in overview_rows
    commit = clinic_assessment.project.commit
    assert f"https://github.com/clinics/clinic-queue/blob/{commit}/LICENSE#L1" in html


@pytest.mark.browser
def test_html_in_a_real_browser(
    chromium_browser: object, clinic_assessment: Assessment, tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    report.write_text(render_html(clinic_assessment), encoding="utf-8")

    # bypass_csp: the axe script is injected, and the network check must not rely on the
    # page's own CSP: the markup itself must reference nothing to fetch.
    context = chromium_browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    requested: list[str] = []

    def record(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url != report.as_uri():
            requested.append(url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    context.route("**/*", record)
    page = context.new_page()
    page.goto(report.as_uri())
    page.wait_for_load_state("networkidle")
    assert requested == []

    assert page.title() == "DPG readiness: Clinic Queue"
    rows = page.locator("table.overview tbody tr")
    assert rows.count() == 11
    assert "not applicable" in page.inner_text("body") or "needs answer" in page.inner_text("body")
    # The injected line is shown as text wherever a probe quotes it (several probes may).
    assert page.locator("code.excerpt", has_text='<script>alert("x")</script>').count() >= 1
    assert page.locator("script").count() == 0  # quoted, never turned into an element
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["help"]) for v in violations]

    # A phone: no sideways scrolling, text stays at a readable size.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    size = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert size >= 16
    first_row = rows.first.bounding_box()
    assert first_row is not None and first_row["width"] <= 360
    assert axe_violations(page) == []

    # Print: the skip link is hidden and a PDF comes out.
    page.emulate_media(media="print")
    assert not page.locator("a.skip").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    context.close()


@pytest.mark.browser
def test_the_page_policy_blocks_fetches_even_if_markup_slipped_through(
    chromium_browser: object, clinic_assessment: Assessment, tmp_path: Path
) -> None:
    """Defence in depth: a real report with an image forced into it still loads nothing."""
    html = render_html(clinic_assessment).replace("<main>", f"<main>{PIXEL}", 1)
    assert PIXEL in html
    page_file = tmp_path / "tampered.html"
    page_file.write_text(html, encoding="utf-8")
    context = chromium_browser.new_context()  # type: ignore[attr-defined]
    finished: list[str] = []
    blocked: dict[str, str | None] = {}
    context.on("requestfinished", lambda request: finished.append(request.url))
    context.on("requestfailed", lambda request: blocked.update({request.url: request.failure}))
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_load_state("networkidle")
    assert [url for url in finished if not url.startswith("file:")] == []
    assert blocked == {"https://tracker.example/pixel.png": "csp"}
    context.close()
