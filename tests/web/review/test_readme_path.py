"""The README's reviewer path, as a newcomer walks it, in headless Chromium against a real
`dpg serve` (console mail, SQLite in a fresh data folder): sign up, read the confirmation
mail from the server's console, confirm, upload the bundled sample's nomination, make a
reviewer with `dpg users add`, approve, and read the public record in three languages."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import axe_violations
from tests.web.conftest import free_port
from tests.web.i18n_helpers import english_leftovers

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "samples" / "accessible-map"
DPG = [sys.executable, "-m", "dpgkit"]
LINES = ["1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"]
APPLICANT_PASSWORD = "maps-for-everyone-2026"
REVIEWER_PASSWORD = "reviews-with-care-77"
REPOSITORY = "https://github.com/accessible-map/accessible-map"


def env_for(data: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    return {**env, "DPGKIT_DATA_DIR": str(data), "PYTHONUNBUFFERED": "1"}


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    """`dpg serve` on a fresh data folder; its console (where the mail goes) in a file."""
    env = env_for(tmp_path / "data")
    console = tmp_path / "console.txt"
    port = free_port()
    with console.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(
            [*DPG, "serve", "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(base + "/api/facets", timeout=5).close()
                break
            except OSError:
                assert server.poll() is None, console.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "dpg serve did not start"
                time.sleep(0.5)
        yield base, console, env
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def confirmation_link(console: Path, base: str) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        text = console.read_text(encoding="utf-8")
        found = re.findall(re.escape(base) + r"(/accounts/confirm/\S+/)", text)
        if found:
            return base + found[-1]
        time.sleep(0.2)
    raise AssertionError("no confirmation mail on the console:\n" + text[-3000:])


def no_serious_violations(page: Any) -> None:
    violations = axe_violations(page)
    assert not violations, [(v["id"], v["nodes"][0]["target"]) for v in violations]


def test_the_readme_reviewer_path(
    served: tuple[str, Path, dict[str, str]], chromium_browser: Any, tmp_path: Path
) -> None:
    base, console, env = served
    # The nomination, as the README writes it.
    out = tmp_path / "nomination"
    nominate = subprocess.run(
        [*DPG, "nominate", str(SAMPLE), "--answers", str(SAMPLE / "dpg-answers.yaml"),
         "--out", str(out)],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert nominate.returncode == 0, nominate.stdout + nominate.stderr
    assert "is printed here" in console.read_text(encoding="utf-8")  # dpg serve said so

    applicant = chromium_browser.new_context().new_page()
    applicant.set_default_timeout(30000)
    applicant.goto(base + "/")
    applicant.get_by_role("link", name="Nominate a project").click()
    applicant.get_by_label("Username").fill("amina")
    applicant.get_by_label("E-mail address").fill("amina@example.org")
    applicant.locator("#id_password1").fill("12345")  # refused first: too short, numeric
    applicant.locator("#id_password2").fill("12345")
    applicant.get_by_role("button", name="Create account").click()
    assert "too short" in applicant.locator("main").inner_text()
    applicant.locator("#id_password1").fill(APPLICANT_PASSWORD)
    applicant.locator("#id_password2").fill(APPLICANT_PASSWORD)
    applicant.get_by_role("button", name="Create account").click()
    applicant.wait_for_url("**/accounts/signup/sent/")
    applicant.goto(confirmation_link(console, base))
    applicant.wait_for_url("**/nominations/")

    applicant.get_by_role("link", name="Start a nomination").click()
    applicant.get_by_label("Upload the records written by dpg nominate").check()
    applicant.get_by_label("Repository address").fill(REPOSITORY)
    applicant.get_by_label("Nominee record").set_input_files(
        str(out / "nominees" / "accessible-map.json")
    )
    applicant.get_by_label("Screening record").set_input_files(
        str(out / "digitalpublicgoods" / "accessible-map.json")
    )
    no_serious_violations(applicant)
    applicant.get_by_role("button", name="Start").click()
    applicant.wait_for_url(re.compile(r".*/nominations/\d+/$"))
    published = applicant.locator("#record-heading + dl").inner_text()
    assert REPOSITORY in published and "SDG 10" in published and "SDG 11" in published
    applicant.get_by_role("button", name="Submit for review").click()
    assert applicant.locator("#submission-status").inner_text() == "Submitted"

    add = subprocess.run(
        [*DPG, "users", "add", "rosa", "--email", "rosa@example.org", "--role", "reviewer",
         "--password-stdin"],
        input=REVIEWER_PASSWORD + "\n", capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert add.returncode == 0, add.stderr

    reviewer = chromium_browser.new_context().new_page()
    reviewer.set_default_timeout(30000)
    reviewer.goto(base + "/accounts/login/")
    reviewer.get_by_label("Username").fill("rosa")
    reviewer.locator("#id_password").fill(REVIEWER_PASSWORD)
    reviewer.get_by_role("button", name="Sign in").click()
    reviewer.get_by_role("link", name="Review queue").click()
    reviewer.get_by_role("link", name="Accessible Map").click()
    reviewer.get_by_role("button", name="Take this review").click()
    review_path = reviewer.url.removeprefix(base)
    for number in LINES:
        line = reviewer.locator(f"#line-{number}")
        line.get_by_label("Met", exact=True).check()
        line.get_by_role("button", name=f"Save finding on {number}").click()
    reviewer.get_by_label("Digital public good").check()
    reviewer.get_by_role("button", name="Record the decision").click()
    assert reviewer.locator("#submission-status").inner_text() == "Digital public good"
    reviewer.get_by_role("link", name="See it in the registry").click()

    # The public record: the owner's SDGs, the submission's repository, no local path.
    assert reviewer.locator("h1").inner_text() == "Accessible Map"
    sdgs = reviewer.locator("#sdgs-heading + ul").inner_text()
    assert "Reduced inequalities" in sdgs and "Sustainable cities" in sdgs
    assert reviewer.locator(f'#repos-heading + ul a[href="{REPOSITORY}"]').count() == 1
    record = json.loads(urllib.request.urlopen(base + "/api/dpg/accessible-map").read())
    assert [sdg["SDGNumber"] for sdg in record["SDGs"]] == [10, 11]
    assert record["repositories"] == [{"name": "main", "url": REPOSITORY}]
    english = reviewer.content()
    for page_text in (english, json.dumps(record)):
        assert str(SAMPLE) not in page_text and str(tmp_path) not in page_text
        assert "file:" not in page_text
    no_serious_violations(reviewer)

    # The same pages in Russian and Kazakh, the reviewer's page included.
    reviewer.goto(base + review_path)
    english_review = reviewer.content()
    for language, title in (
        ("ru", "Значимость для целей устойчивого развития"),
        ("kk", "Тұрақты даму мақсаттарына қатыстылығы"),
    ):
        reviewer.goto(f"{base}/{language}{review_path}")
        assert reviewer.locator("#line-1-title").inner_text() == f"1. {title}"
        left = english_leftovers(english_review, reviewer.content(), {"Accessible Map"})
        # Only the owner's own words (marked lang="en") and identifiers read as in English.
        assert [segment for segment in left if not segment.startswith("AGPL-3.0")] == []
        no_serious_violations(reviewer)
    for language, heading in (("ru", "Цели устойчивого развития"), ("kk", "Тұрақты даму")):
        reviewer.goto(f"{base}/{language}/goods/accessible-map/")
        assert reviewer.locator("html").get_attribute("lang") == language
        assert heading in reviewer.locator("#sdgs-heading").inner_text()
        left = english_leftovers(english, reviewer.content(), {"Accessible Map"})
        assert left == [], (language, left)
        no_serious_violations(reviewer)
        reviewer.goto(f"{base}/{language}/?q=accessible+map")
        assert "Accessible Map" in reviewer.locator("ol.results").inner_text()
    applicant.context.close()
    reviewer.context.close()
