"""The scans in the registry API (mounted on ``registry.api.api``): a good's latest stored
Assessment, and the verdict changes between consecutive scans, newest first."""

from __future__ import annotations

import math
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from dpgkit.web.registry.api import INVALID, NOT_FOUND, DpgId, api
from dpgkit.web.registry.models import Good
from dpgkit.web.scans.models import Scan, ScanStatus, VerdictChange

router = Router(tags=["scans"])


class ChangeItem(Schema):
    good: str
    indicator: str
    title: str
    old: str | None = Field(description="The verdict in the previous scan (null: no such line).")
    new: str | None = Field(description="The verdict in this scan (null: no such line).")
    change: str = Field(description="fixed, improved, regressed, new, gone or changed.")
    at: str = Field(description="When the scan that found it finished (ISO 8601).")
    commit: str


class ChangePage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[ChangeItem]


class ChangeFilters(Schema):
    good: str = Field("", description="Only this good's changes (its slug).")
    change: Literal["fixed", "improved", "regressed", "new", "gone", "changed", ""] = ""
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(
        settings.REGISTRY_PAGE_SIZE, ge=1, le=settings.REGISTRY_API_MAX_PAGE_SIZE
    )


@router.get(
    "/goods/{slug}/assessments/latest",
    response={200: dict[str, Any], **NOT_FOUND},
    url_name="latest_assessment",
    summary="The latest stored assessment of a good's repository",
)
def latest_assessment(request: HttpRequest, slug: DpgId) -> HttpResponse:
    """The Assessment (`dpg schema`) of the good's latest successful scan, as stored."""
    if "\x00" in slug:  # PostgreSQL text cannot hold NUL, so no slug has one
        raise HttpError(404, "no such record")
    good = Good.objects.filter(slug=slug).first()
    if good is None:
        raise HttpError(404, "no such record")
    scan = (
        Scan.objects.filter(good=good, status=ScanStatus.DONE)
        .order_by("-finished_at", "-pk")
        .only("assessment_json")
        .first()
    )
    if scan is None:
        raise HttpError(404, "no scan of this good yet")
    return HttpResponse(scan.assessment_json, content_type="application/json")


def changes_query(good: str = "", change: str = "") -> Any:
    changes = VerdictChange.objects.select_related("good", "scan").order_by("-at", "-pk")
    if good:
        changes = changes.filter(good__slug=good.replace("\x00", ""))
    if change:
        changes = changes.filter(change=change)
    return changes


@router.get(
    "/changes",
    response={200: ChangePage, **INVALID},
    url_name="changes",
    summary="Verdict changes between consecutive scans, newest first",
)
def list_changes(request: HttpRequest, filters: Query[ChangeFilters]) -> dict[str, Any]:
    """Each indicator line whose verdict differs from the good's previous scan (as `dpg diff`
    reports it). Also an Atom feed: /feeds/changes.atom."""
    changes = changes_query(filters.good, filters.change)
    count = changes.count()
    page, page_size = filters.page, filters.page_size
    start = (page - 1) * page_size
    rows = list(changes[start : start + page_size]) if start < count else []
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": max(1, math.ceil(count / page_size)),
        "results": [row.as_dict() for row in rows],
    }


api.add_router("", router)
