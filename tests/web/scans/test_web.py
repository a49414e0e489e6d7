"""Scans on the web: the good's page (en/ru/kk), the latest Assessment and the changes in the
API (declared in its OpenAPI document), and the Atom feed, after real scans."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest

from dpgkit.model import assessment_json_schema
from dpgkit.web.scans.jobs import JobOutcome, run_scan_good
from dpgkit.web.scans.models import Scan
from tests.conftest import git
from tests.web.scans.conftest import REMOTE, head

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def scanned(make_good: Callable[..., Any], water: Path, served: Any) -> tuple[Any, Path]:
    """water-watch scanned twice: then its license was removed (indicator 2 regressed)."""
    good = make_good("water-watch", REMOTE + "water-watch")
    assert run_scan_good(good.pk, served(water.parent)) == JobOutcome.DONE
    (water / "LICENSE").unlink()
    git(water, "commit", "-q", "-am", "drop the license")
    assert run_scan_good(good.pk, served(water.parent)) == JobOutcome.DONE
    return good, water


def test_latest_assessment_is_the_stored_one(client: Any, scanned: tuple[Any, Path]) -> None:
    good, water = scanned
    response = client.get(f"/api/goods/{good.slug}/assessments/latest")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    jsonschema.validate(body, assessment_json_schema())
    assert body["project"]["commit"] == head(water)
    assert len(body["indicators"]) == 11
    latest = Scan.objects.filter(good=good).order_by("-pk").first()
    assert latest is not None and response.content.decode() == latest.assessment_json


def test_latest_assessment_missing(client: Any, make_good: Callable[..., Any]) -> None:
    make_good("never-scanned", REMOTE + "never-scanned")
    assert client.get("/api/goods/never-scanned/assessments/latest").status_code == 404
    assert client.get("/api/goods/no-such-good/assessments/latest").status_code == 404


def test_changes_newest_first_with_filters(client: Any, scanned: tuple[Any, Path]) -> None:
    good, water = scanned
    body = client.get("/api/changes").json()
    assert body["count"] >= 1
    first = body["results"][0]
    regressed = [item for item in body["results"] if item["indicator"] == "2"]
    assert regressed and regressed[0]["change"] == "regressed"
    assert regressed[0]["good"] == good.slug and regressed[0]["commit"] == head(water)
    stamps = [item["at"] for item in body["results"]]
    assert stamps == sorted(stamps, reverse=True) and first["at"] == stamps[0]
    only = client.get("/api/changes", {"good": good.slug, "change": "regressed"}).json()
    assert only["count"] >= 1 and {i["change"] for i in only["results"]} == {"regressed"}
    assert client.get("/api/changes", {"good": "nobody"}).json()["count"] == 0
    assert client.get("/api/changes", {"change": "worse"}).status_code == 422


def test_openapi_declares_the_scan_endpoints(client: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/goods/{slug}/assessments/latest" in paths
    assert "/api/changes" in paths


def test_atom_feed_of_changes(client: Any, scanned: tuple[Any, Path]) -> None:
    good, _water = scanned
    response = client.get("/feeds/changes.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    titles = [entry.findtext(f"{ATOM}title") or "" for entry in entries]
    assert any(good.name in title and "regressed" in title for title in titles)
    updated = [entry.findtext(f"{ATOM}updated") or "" for entry in entries]
    assert updated == sorted(updated, reverse=True)


@pytest.mark.parametrize(
    ("prefix", "heading", "regressed"),
    [("", "Repository scan", "regressed"), ("/ru", "Проверка репозитория", "ухудшилось"),
     ("/kk", "Репозиторий тексерісі", "нашарлады")],
)  # fmt: skip
def test_good_page_shows_latest_scan_and_history(
    client: Any, scanned: tuple[Any, Path], prefix: str, heading: str, regressed: str
) -> None:
    good, water = scanned
    page = client.get(f"{prefix}/goods/{good.slug}/").content.decode()
    assert heading in page
    assert head(water)[:12] in page
    assert f"/api/goods/{good.slug}/assessments/latest" in page
    assert page.count("<code>") >= 3  # the latest commit, and two rows of history
    assert regressed in page


def overview_slugs(client: Any, query: str = "", prefix: str = "") -> tuple[str, set[str]]:
    page = client.get(f"{prefix}/scans/{query}")
    assert page.status_code == 200
    text = page.content.decode()
    return text, {slug for slug in ("water-watch", "gone-good") if f"/goods/{slug}/" in text}


def test_registry_wide_page_with_filters(
    client: Any, scanned: tuple[Any, Path], make_good: Callable[..., Any], served: Any
) -> None:
    import datetime

    from django.utils import timezone

    good, water = scanned
    gone = make_good("gone-good", REMOTE + "gone-good")
    assert run_scan_good(gone.pk, served(water.parent)) == JobOutcome.FAILED
    latest = Scan.objects.filter(good=good).order_by("-pk").first()
    assert latest is not None and latest.verdicts["2"] == "not_met"

    text, shown = overview_slugs(client)
    assert shown == {"water-watch", "gone-good"}
    assert "Repository scans" in text and "Not met" in text and "/feeds/changes.atom" in text
    assert "2 goods whose repositories were scanned." in text
    assert overview_slugs(client, "?failed=on")[1] == {"gone-good"}
    assert overview_slugs(client, "?line=2&verdict=not_met")[1] == {"water-watch"}
    assert overview_slugs(client, "?line=2&verdict=met")[1] == set()
    today = timezone.now().date()
    assert overview_slugs(client, f"?regressed_since={today}")[1] == {"water-watch"}
    tomorrow = today + datetime.timedelta(days=1)
    assert overview_slugs(client, f"?regressed_since={tomorrow}")[1] == set()
    # A value that does not validate is left out; the page still answers.
    assert overview_slugs(client, "?line=99&regressed_since=soon")[1] == {
        "water-watch",
        "gone-good",
    }
    for prefix, heading in [("/ru", "Проверки репозиториев"), ("/kk", "Репозиторий тексерістері")]:
        text, shown = overview_slugs(client, "", prefix)
        assert heading in text and shown == {"water-watch", "gone-good"}
