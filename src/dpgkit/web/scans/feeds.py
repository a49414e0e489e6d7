"""An Atom feed of verdict changes between consecutive scans, newest first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from dpgkit.web.review.words import change_label, indicator_title, verdict_label
from dpgkit.web.scans.api import changes_query
from dpgkit.web.scans.models import VerdictChange

FEED_SIZE = 100


class ChangesFeed(Feed[VerdictChange, None]):
    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Digital Public Goods Registry: verdict changes")

    def subtitle(self) -> str:
        return _("Indicator lines whose verdict changed between two scans of a good's repository.")

    def link(self) -> str:
        return reverse("registry:goods")

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        return None

    def items(self) -> QuerySet[VerdictChange]:
        result: QuerySet[VerdictChange] = changes_query()[:FEED_SIZE]
        return result

    def item_title(self, item: VerdictChange) -> str:
        return _("%(good)s: %(indicator)s %(change)s (%(old)s → %(new)s)") % {
            "good": item.good.name,
            "indicator": indicator_title(item.indicator, item.title),
            "change": change_label(item.change),
            "old": verdict_label(item.old) or "—",
            "new": verdict_label(item.new) or "—",
        }

    def item_description(self, item: VerdictChange) -> str:
        return _("Commit %(commit)s") % {"commit": item.scan.commit}

    def item_link(self, item: VerdictChange) -> str:
        return reverse("registry:good", args=[item.good.slug]) + f"#scan-{item.scan_id}"

    def item_guid(self, item: VerdictChange) -> str:
        return f"dpgkit-verdict-change-{item.pk}"

    def item_pubdate(self, item: VerdictChange) -> datetime:
        return item.at

    def item_updateddate(self, item: VerdictChange) -> datetime:
        return item.at
