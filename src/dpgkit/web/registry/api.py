"""The read-only JSON API (Django Ninja; OpenAPI document at /api/openapi.json, docs at /api/docs).

``/api/goods`` filters, searches, sorts and paginates exactly like the list page. The
``/api/dpgs``, ``/api/nominees``, ``/api/dpg/<id>`` and ``/api/nominee/<id>`` endpoints keep
the shape of the registry's former static API (records with an ``id``; one record merged with
its screening answers), with or without the trailing slash it used.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError
from ninja.params import functions as params

from dpgkit import __version__
from dpgkit.web.registry.models import Good, Stage
from dpgkit.web.registry.query import GoodsQuery, Sort, facet_options, search_goods, stage_options
from dpgkit.web.registry.records import json_array, merged_record, summary, with_id

api = NinjaAPI(
    title="dpgkit registry API",
    version=__version__,
    description=(
        "Read-only access to the Digital Public Goods registry: search, filters, records, "
        "screening answers. Records are the registry's own JSON (Unlicense)."
    ),
    urls_namespace="api",
    docs_url="/docs",
)


class GoodSummary(Schema):
    id: str
    name: str
    aliases: list[str]
    description: str
    website: str
    stage: str
    types: list[str]
    licenses: list[str]
    sdgs: list[int]
    sectors: list[str]
    html_url: str
    api_url: str


class GoodPage(Schema):
    count: int
    page: int
    page_size: int
    pages: int
    results: list[GoodSummary]


class GoodDetail(Schema):
    id: str
    stage: str
    record: dict[str, Any]
    screening: dict[str, Any] | None


class FacetValue(Schema):
    value: str
    count: int


class Facets(Schema):
    sdg: list[FacetValue]
    type: list[FacetValue]
    license: list[FacetValue]
    sector: list[FacetValue]
    country: list[FacetValue]
    stage: list[FacetValue]


class Problem(Schema):
    detail: str


class ValidationProblem(Schema):
    """Query parameters that do not fit the schema, as Django Ninja reports them."""

    detail: list[dict[str, Any]]


NOT_FOUND = {404: Problem}
# Examples from the bundled registry snapshot, so that API explorers and contract tests reach
# real records and not only 404s.
DpgId = Annotated[str, params.Path(description="The record's file slug.", example="aam-digital")]
NomineeId = Annotated[str, params.Path(description="The record's file slug.", example="aajeevika")]
INVALID = {422: ValidationProblem}


class GoodsFilters(Schema):
    q: str = ""
    sdg: int | None = None
    type: str = ""
    license: str = ""
    stage: Literal["DPG", "nominee", "archive", ""] = ""
    sector: str = ""
    country: str = ""
    sort: Sort = Sort.RELEVANCE
    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(
        settings.REGISTRY_PAGE_SIZE, ge=1, le=settings.REGISTRY_API_MAX_PAGE_SIZE
    )


JSON = "application/json"


@api.get(
    "/goods",
    response={200: GoodPage, **INVALID},
    url_name="goods",
    summary="Search and filter goods",
)
def list_goods(request: HttpRequest, filters: Query[GoodsFilters]) -> dict[str, Any]:
    """Goods matching a full-text query and filters, one page at a time (as the list page)."""
    params = filters.dict()
    page, page_size = filters.page, filters.page_size
    params["sdg"] = str(params["sdg"]) if params["sdg"] is not None else ""
    goods = search_goods(GoodsQuery.from_params(params))
    count = goods.count()
    start = (page - 1) * page_size
    rows = list(goods.select_related(None)[start : start + page_size]) if start < count else []
    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "pages": max(1, math.ceil(count / page_size)),
        "results": [summary(good) for good in rows],
    }


@api.get(
    "/goods/{slug}",
    response={200: GoodDetail, **NOT_FOUND},
    url_name="good",
    summary="One good with its screening",
)
def get_good(request: HttpRequest, slug: DpgId) -> dict[str, Any]:
    good = _good_or_404(slug)
    screening = getattr(good, "screening", None)
    return {
        "id": good.slug,
        "stage": good.stage,
        "record": good.record,
        "screening": screening.record if screening is not None else None,
    }


@api.get("/facets", response=Facets, url_name="facets", summary="Filter values with counts")
def get_facets(request: HttpRequest) -> dict[str, Any]:
    options = {
        kind: [{"value": v, "count": n} for v, n in values]
        for kind, values in facet_options().items()
    }
    options["stage"] = [{"value": v, "count": n} for v, n in stage_options()]
    return options


def _good_or_404(slug: str, stage: str | None = None) -> Good:
    if "\x00" in slug:  # PostgreSQL text cannot hold NUL, so no slug has one
        raise HttpError(404, "no such record")
    goods = Good.objects.select_related("screening")
    if stage is not None:
        goods = goods.filter(stage=stage)
    good = goods.filter(slug=slug).first()
    if good is None:
        raise HttpError(404, "no such record")
    return good


def _records_response(stage: str) -> HttpResponse:
    rows = Good.objects.filter(stage=stage).order_by("slug").values_list("slug", "record_json")
    return HttpResponse(json_array([with_id(slug, text) for slug, text in rows]), content_type=JSON)


REGISTRY_TAG = ["registry static API"]


@api.get(
    "/dpgs",
    response=list[dict[str, Any]],
    tags=REGISTRY_TAG,
    url_name="dpgs",
    summary="All digital public goods",
)
def list_dpgs(request: HttpRequest) -> HttpResponse:
    """Every record with stage "DPG", as ``{"id": ..., ...record}``."""
    return _records_response(Stage.DPG)


@api.get(
    "/nominees",
    response=list[dict[str, Any]],
    tags=REGISTRY_TAG,
    url_name="nominees",
    summary="All nominees (not yet DPGs)",
)
def list_nominees(request: HttpRequest) -> HttpResponse:
    """Every record with stage "nominee" (digital public goods excluded)."""
    return _records_response(Stage.NOMINEE)


@api.get(
    "/dpg/{slug}",
    response={200: dict[str, Any], **NOT_FOUND},
    tags=REGISTRY_TAG,
    url_name="dpg",
    summary="One digital public good",
)
def get_dpg(request: HttpRequest, slug: DpgId) -> dict[str, Any]:
    """The record merged with its screening answers."""
    return merged_record(_good_or_404(slug, Stage.DPG))


@api.get(
    "/nominee/{slug}",
    response={200: dict[str, Any], **NOT_FOUND},
    tags=REGISTRY_TAG,
    url_name="nominee",
    summary="One nominee",
)
def get_nominee(request: HttpRequest, slug: NomineeId) -> dict[str, Any]:
    """The record merged with its screening answers, when it has any."""
    return merged_record(_good_or_404(slug, Stage.NOMINEE))


# The former static API was served with trailing slashes; keep those URLs working.
api.get("/dpgs/", include_in_schema=False)(list_dpgs)
api.get("/nominees/", include_in_schema=False)(list_nominees)
api.get("/dpg/{slug}/", include_in_schema=False, response={200: dict[str, Any], **NOT_FOUND})(
    get_dpg
)
api.get("/nominee/{slug}/", include_in_schema=False, response={200: dict[str, Any], **NOT_FOUND})(
    get_nominee
)


@api.get("/", response=dict[str, str], include_in_schema=False)
def index(request: HttpRequest) -> dict[str, str]:
    base = request.build_absolute_uri("/api/")
    return {
        "goods": f"{base}goods",
        "goods/{id}": f"{base}goods/{{id}}",
        "facets": f"{base}facets",
        "dpgs": f"{base}dpgs",
        "dpg/{dpg}": f"{base}dpg/{{dpg}}",
        "nominees": f"{base}nominees",
        "nominee/{nominee}": f"{base}nominee/{{nominee}}",
        "openapi": f"{base}openapi.json",
    }


__all__ = ["api"]
