"""The browser fixture works: a real headless Chromium renders a page and axe-core runs in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_chromium_renders_local_page_and_axe_reports_violations(
    chromium_browser: object, tmp_path: Path
) -> None:
    page_file = tmp_path / "page.html"
    # An image without alt text is a critical axe violation: proves axe really runs.
    page_file.write_text(
        '<!doctype html><html lang="en"><head><title>t</title></head>'
        '<body><main><h1>Hello</h1><img src="x.png"></main></body></html>',
        encoding="utf-8",
    )
    page = chromium_browser.new_page()  # type: ignore[attr-defined]
    page.goto(page_file.as_uri())
    assert page.inner_text("h1") == "Hello"
    ids = {violation["id"] for violation in axe_violations(page)}
    assert "image-alt" in ids
    page.close()
