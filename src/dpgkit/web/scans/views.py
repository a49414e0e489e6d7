"""The registry-wide scans page: goods × the 11 indicator lines of their latest scan, with
filters (a verdict on a line, a failed latest scan, regressed since a date)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from dpgkit.web.registry.models import Good
from dpgkit.web.review.words import VERDICT_LABELS, indicator_title, verdict_label
from dpgkit.web.review.workflow import INDICATOR_LINES
from dpgkit.web.scans.models import Scan, ScanStatus, VerdictChange

PAGE_SIZE = 50
LINE_VERDICTS = ("met", "not_met", "needs_answer", "not_applicable")


class ScanFilters(forms.Form):
    line = forms.ChoiceField(
        label=_("Indicator"),
        required=False,
        choices=[("", _("Any"))] + [(line, line) for line in INDICATOR_LINES],
    )
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        required=False,
        choices=[("", _("Any"))] + [(value, VERDICT_LABELS[value]) for value in LINE_VERDICTS],
    )
    failed = forms.BooleanField(label=_("Latest scan failed"), required=False)
    regressed_since = forms.DateField(
        label=_("Regressed since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def _latest(status: str | None = None) -> Subquery:
    scans = Scan.objects.filter(good=OuterRef("pk"))
    if status:
        scans = scans.filter(status=status)
    return Subquery(scans.order_by("-finished_at", "-pk").values("pk")[:1])


def overview(request: HttpRequest) -> HttpResponse:
    form = ScanFilters(request.GET or None)
    wanted: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()  # a field that does not validate is left out, the others still apply
        wanted = getattr(form, "cleaned_data", {})
    goods = (
        Good.objects.filter(scans__isnull=False)
        .distinct()
        .annotate(latest_id=_latest(), latest_done_id=_latest(ScanStatus.DONE))
        .order_by("sort_name", "slug")
    )
    if wanted.get("regressed_since"):
        regressed = VerdictChange.objects.filter(
            change="regressed", at__date__gte=wanted["regressed_since"]
        ).values("good_id")
        goods = goods.filter(pk__in=regressed)
    rows = list(goods.values("pk", "slug", "name", "latest_id", "latest_done_id"))
    ids = {row["latest_id"] for row in rows} | {row["latest_done_id"] for row in rows}
    scans = Scan.objects.defer("assessment_json", "diff_json").in_bulk(
        [pk for pk in ids if pk is not None]
    )
    table = []
    for row in rows:
        latest, done = scans.get(row["latest_id"]), scans.get(row["latest_done_id"])
        if wanted.get("failed") and (latest is None or latest.status != ScanStatus.FAILED):
            continue
        verdicts = done.verdicts if done else {}
        if wanted.get("verdict"):
            lines = [wanted["line"]] if wanted.get("line") else INDICATOR_LINES
            if not any(verdicts.get(line) == wanted["verdict"] for line in lines):
                continue
        table.append(
            {
                "slug": row["slug"],
                "name": row["name"],
                "latest": latest,
                "done": done,
                "cells": [
                    {"verdict": verdicts.get(line, ""), "label": verdict_label(verdicts.get(line))}
                    for line in INDICATOR_LINES
                ],
            }
        )
    page = Paginator(table, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "scans/overview.html",
        {
            "form": form,
            "page_obj": page,
            "rows": page.object_list,
            "count": len(table),
            "lines": [{"id": line, "title": indicator_title(line)} for line in INDICATOR_LINES],
            "query": query.urlencode(),
        },
    )
