"""Server-rendered pages: the searchable list, one page per good, and bulk export downloads."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from dpgkit.web.registry.export import CONTENT_TYPES, ExportFormat, stream_export
from dpgkit.web.registry.languages import LANGUAGE_CODES, localised_next
from dpgkit.web.registry.models import FacetKind, Good, Stage
from dpgkit.web.registry.query import GoodsQuery, Sort, facet_options, search_goods, stage_options
from dpgkit.web.registry.screening import screening_sections
from dpgkit.web.registry.sdg import sdg_short_name
from dpgkit.web.registry.vocabulary import country_label, sector_label, type_label

SORT_LABELS = {
    Sort.RELEVANCE: _("Relevance"),
    Sort.NAME: _("Name (A to Z)"),
    Sort.NAME_DESC: _("Name (Z to A)"),
    Sort.UPDATED: _("Recently updated"),
}
ORG_TYPE_LABELS = {
    "owner": _("Owner"),
    "maintainer": _("Maintainer"),
    "funder": _("Funder"),
    "implementer": _("Implementer"),
}


def facet_label(kind: str, value: str) -> str:
    """A filter value as the page shows it, in the page's language."""
    if kind == FacetKind.SDG:
        return f"{value}. {sdg_short_name(value)}"
    if kind == FacetKind.TYPE:
        return type_label(value)
    if kind == FacetKind.SECTOR:
        return sector_label(value)
    if kind == FacetKind.COUNTRY:
        return country_label(value)
    return value


def _options(kind: FacetKind, counted: list[tuple[str, int]]) -> list[tuple[str, str, int]]:
    options = [(value, facet_label(kind, value), count) for value, count in counted]
    if kind in (FacetKind.SECTOR, FacetKind.COUNTRY):  # alphabetical in the page's language
        options.sort(key=lambda option: (option[1].casefold(), option[0]))
    return options


def _filter_fields(query: GoodsQuery) -> list[dict[str, Any]]:
    options = facet_options()
    fields: list[dict[str, Any]] = []
    labels = {
        FacetKind.SDG: _("Sustainable Development Goal"),
        FacetKind.TYPE: _("Type"),
        FacetKind.LICENSE: _("License"),
        FacetKind.SECTOR: _("Sector"),
        FacetKind.COUNTRY: _("Deployment country"),
    }
    for kind in FacetKind:
        fields.append(
            {
                "name": kind.value,
                "label": labels[kind],
                "selected": query.facet_filters[kind],
                "options": _options(kind, options[kind.value]),
            }
        )
    fields.insert(
        2,
        {
            "name": "stage",
            "label": _("Stage"),
            "selected": query.stage,
            "options": [(value, Stage(value).label, count) for value, count in stage_options()],
        },
    )
    return fields


@require_safe
def goods_list(request: HttpRequest) -> HttpResponse:
    query = GoodsQuery.from_params(request.GET)
    goods = search_goods(query)
    page = Paginator(goods, settings.REGISTRY_PAGE_SIZE).get_page(request.GET.get("page"))
    sorts = [(sort.value, label) for sort, label in SORT_LABELS.items()]
    context = {
        "query": query,
        "page_obj": page,
        "goods": [_card(good) for good in page.object_list],
        "filter_fields": _filter_fields(query),
        "sorts": sorts,
        "active_filters": [
            (
                name,
                facet_label(name, value)
                if name != "stage"
                else Stage(value).label
                if value in Stage.values
                else value,
            )
            for name, value in query.active_filters().items()
        ],
        "total": Good.objects.count(),
    }
    return render(request, "registry/goods_list.html", context)


def _card(good: Good) -> dict[str, Any]:
    record = good.record
    return {
        "slug": good.slug,
        "name": good.name,
        "description": good.description,
        "stage": good.stage,
        "stage_label": Stage(good.stage).label if good.stage in Stage.values else good.stage,
        "types": [type_label(str(t)) for t in record.get("type", [])],
        "sdgs": [
            (int(item["SDGNumber"]), sdg_short_name(int(item["SDGNumber"])))
            for item in record.get("SDGs", [])
            if "SDGNumber" in item
        ],
        "licenses": [str(item.get("spdx", "")) for item in record.get("license", [])],
    }


@require_safe
def good_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if "\x00" in slug:  # PostgreSQL text cannot hold NUL, so no slug has one
        raise Http404
    good = get_object_or_404(Good.objects.select_related("screening"), slug=slug)
    record = good.record
    screening = getattr(good, "screening", None)
    context = {
        "good": good,
        "card": _card(good),
        "aliases": [str(a) for a in record.get("aliases", []) if str(a).strip()],
        "licenses": [item for item in record.get("license", []) if isinstance(item, dict)],
        "sdgs": [
            {
                "number": int(item["SDGNumber"]),
                "name": sdg_short_name(int(item["SDGNumber"])),
                "evidence_text": str(item.get("evidenceText", "")).strip(),
                "evidence_url": str(item.get("evidenceURL", "")).strip(),
            }
            for item in record.get("SDGs", [])
            if isinstance(item, dict) and "SDGNumber" in item
        ],
        # Contact names and e-mail addresses stay in the record (and the exports) but are not
        # put on public pages, where harvesters would collect them.
        "organizations": [
            {
                "name": str(org.get("name", "")),
                "website": str(org.get("website", "")),
                "role": ORG_TYPE_LABELS.get(
                    str(org.get("org_type", "")), str(org.get("org_type", ""))
                ),
            }
            for org in record.get("organizations", [])
            if isinstance(org, dict)
        ],
        "repositories": [r for r in record.get("repositories", []) if isinstance(r, dict)],
        "sectors": [sector_label(str(s)) for s in record.get("sectors", [])],
        "sections": screening_sections(screening.record) if screening is not None else [],
    }
    return render(request, "registry/good_detail.html", context)


@require_safe
def export(request: HttpRequest, format_name: str) -> StreamingHttpResponse:
    try:
        format_ = ExportFormat(format_name)
    except ValueError:
        raise Http404("unknown export format") from None
    response = StreamingHttpResponse(stream_export(format_), content_type=CONTENT_TYPES[format_])
    response["Content-Disposition"] = f'attachment; filename="dpg-registry.{format_.value}"'
    return response


@require_safe
def choose_language(request: HttpRequest, code: str) -> HttpResponse:
    """The switcher's links: remember the choice (it wins over Accept-Language from then on)
    and go to the page in that language."""
    if code not in LANGUAGE_CODES:
        raise Http404("unknown language")
    response = HttpResponseRedirect(localised_next(request, request.GET.get("next"), code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",  # as settings.LANGUAGE_COOKIE_SAMESITE
    )
    return response
