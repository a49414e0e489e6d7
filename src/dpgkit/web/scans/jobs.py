"""The scan of one registered good's repository, as a django-tasks task.

Contract of ``scan_good(good_id, url_rewrites)`` (``run_scan_good`` does the work):

- The address is the good's first repository URL in its registry record, with the longest
  matching ``url_rewrites`` prefix replaced (mirrors, proxies, ``file://`` folders in tests).
  Only the schemes of ``settings.REVIEW_CLONE_SCHEMES`` are cloned: ``https`` (``file`` only
  where a setting allows it, never on a public server).
- The clone is shallow and read-only (``review.clone.shallow_clone``: no system or global git
  configuration, hooks at /dev/null, no submodules, no LFS smudging, no filters, no credential
  helpers, no prompts, symlinks as plain files) into a temporary folder, within
  ``REVIEW_CLONE_MAX_BYTES`` and ``REVIEW_CLONE_TIMEOUT_SECONDS``; it is removed whatever
  happens. Nothing from the repository is run: ``dpgkit.assess`` only reads its files.
- Idempotent per (good, commit): when a ``done`` scan of the remote's HEAD (``git
  ls-remote``, before any clone) or of the cloned commit exists, nothing is cloned (resp.
  assessed) or stored; only its ``checked_at`` moves. A failure with the same reason as the
  good's latest scan likewise only moves that scan's ``checked_at``.
- Nothing is written before the end: the scan, its diff from the previous one and its verdict
  changes are written in ONE transaction. A worker killed at any point leaves no row, and the
  job can simply run again; two workers on the same (good, commit) store it once (a unique
  constraint; the loser reports ``skipped``).
- A repository that is gone, too large, too slow or unreadable becomes a ``failed`` scan with
  its reason, and the job returns normally: the queue never sticks on it.

Returns one of ``JobOutcome``'s values.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django_tasks import task

from dpgkit.assess import assess
from dpgkit.diff import Change, diff_assessments
from dpgkit.errors import BadInputError
from dpgkit.model import Assessment
from dpgkit.web.registry.models import Good
from dpgkit.web.review.clone import CloneError, configured_checkout, head_commit, remote_head
from dpgkit.web.scans.models import Scan, ScanStatus, VerdictChange

log = logging.getLogger(__name__)


class JobOutcome:
    DONE = "done"  # a new scan was stored
    UNCHANGED = "unchanged"  # the same commit (or the same failure) as before: nothing new
    FAILED = "failed"  # a failed scan was stored
    SKIPPED = "skipped"  # no such good, no repository URL, or another worker stored it


def repository_url(record: dict[str, Any]) -> str | None:
    """The good's repository address: the one named "main", else the first with a URL."""
    repositories = [
        item
        for item in record.get("repositories") or []
        if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"].strip()
    ]
    if not repositories:
        return None
    main = next((item for item in repositories if item.get("name") == "main"), repositories[0])
    return clone_address(str(main["url"]))


# Forges whose web pages of a file or folder sit under the repository's address: the
# repository is the first two path segments, before "tree", "blob", "src" or "-".
_FORGES = {"github.com", "codeberg.org", "bitbucket.org", "gitlab.com"}
_PAGE_MARKERS = {"tree", "blob", "src", "-", "commits", "releases"}


def clone_address(url: str) -> str:
    """The repository's address from what a record says: a link to a file or folder page on
    a known forge (``https://github.com/o/r/blob/main/LICENSE``) becomes the repository's
    (``https://github.com/o/r``); a trailing slash goes. Anything else is left as it is."""
    url = url.strip()
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    host = (parts.hostname or "").lower()
    if host in _FORGES and len(segments) >= 2:
        cut = next(
            (i for i, segment in enumerate(segments) if i >= 2 and segment in _PAGE_MARKERS),
            None,
        )
        if cut is not None:
            segments = segments[:cut]
        if host != "gitlab.com":  # GitLab has subgroups: group/subgroup/project
            segments = segments[:2]
        return urlunsplit(parts._replace(path="/" + "/".join(segments), query="", fragment=""))
    return url.rstrip("/") if parts.path not in ("", "/") else url


def rewrite_url(url: str, rewrites: list[tuple[str, str]] | list[list[str]]) -> str:
    """Replace the longest matching prefix (``--url-rewrite FROM=TO``)."""
    best: tuple[str, str] | None = None
    for old, new in rewrites:
        if old and url.startswith(old) and (best is None or len(old) > len(best[0])):
            best = (old, new)
    return url if best is None else best[1] + url[len(best[0]) :]


def unrewrite(text: str, rewrites: list[tuple[str, str]] | list[list[str]]) -> str:
    """A failure's reason names the registry's address, never the mirror or the worker's
    folder it was rewritten to (pages and the API show the reason)."""
    for old, new in sorted(rewrites, key=lambda pair: -len(pair[1])):
        if not new:
            continue
        text = text.replace(new, old)
        if new.startswith("file://"):
            folder = unquote(urlsplit(new).path)
            if len(folder) > 1:
                text = text.replace(folder, old)
    return text


@dataclass
class Cloned:
    commit: str
    assessment: Assessment | None  # None: this commit was already assessed


def clone_and_assess(good: Good, url: str) -> Cloned:
    """Clone, read the commit, assess unless that commit is already stored; clone removed.
    When the remote's HEAD is a commit already stored, nothing is cloned at all."""
    known = Scan.objects.filter(good=good, status=ScanStatus.DONE)
    remote = remote_head(url, settings.REVIEW_CLONE_SCHEMES, settings.REVIEW_CLONE_TIMEOUT_SECONDS)
    if remote is not None and known.filter(commit=remote).exists():
        return Cloned(remote, None)
    with configured_checkout(url, "dpgkit-registry-scan-") as checkout:
        commit = head_commit(checkout)
        if known.filter(commit=commit).exists():
            return Cloned(commit, None)
        assessment = assess(checkout)
    # The worker's temporary folder means nothing to a reader.
    assessment.project.path = "."
    assessment.project.commit = commit
    return Cloned(commit, assessment)


def run_scan_good(good_id: int, url_rewrites: list[list[str]] | None = None) -> str:
    # Failure reasons are stored in English, whatever language the calling thread has active
    # (pages show them marked lang="en").
    with translation.override("en"):
        return _run_scan_good(good_id, url_rewrites)


def _run_scan_good(good_id: int, url_rewrites: list[list[str]] | None) -> str:
    good = Good.objects.filter(pk=good_id).first()
    if good is None:
        return JobOutcome.SKIPPED
    recorded = repository_url(good.record)
    if recorded is None:
        return JobOutcome.SKIPPED
    url = rewrite_url(recorded, url_rewrites or [])
    started = timezone.now()
    try:
        cloned = clone_and_assess(good, url)
    except (CloneError, BadInputError) as error:
        reason = unrewrite(str(error), url_rewrites or [])
        return record_failure(good, recorded, reason, started)
    except Exception as error:  # an unreadable repository must not stick the queue
        log.exception("scan of good %s failed", good.slug)
        reason = unrewrite(f"{type(error).__name__}: {error}", url_rewrites or [])
        return record_failure(good, recorded, reason, started)
    if cloned.assessment is None:
        Scan.objects.filter(good=good, commit=cloned.commit, status=ScanStatus.DONE).update(
            checked_at=timezone.now()
        )
        return JobOutcome.UNCHANGED
    return record_scan(good, recorded, cloned.commit, cloned.assessment, started)


def record_scan(good: Good, url: str, commit: str, assessment: Assessment, started: Any) -> str:
    now = timezone.now()
    previous = (
        Scan.objects.filter(good=good, status=ScanStatus.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
    diff = None
    if previous is not None:
        diff = diff_assessments(
            Assessment.model_validate_json(previous.assessment_json), assessment
        )
    try:
        with transaction.atomic():
            scan = Scan.objects.create(
                good=good,
                repository_url=url,
                commit=commit,
                status=ScanStatus.DONE,
                started_at=started,
                finished_at=now,
                checked_at=now,
                verdicts={result.id: result.verdict.value for result in assessment.indicators},
                overall=assessment.overall.verdict.value,
                met=assessment.overall.met,
                total=assessment.overall.total,
                assessment_json=assessment.model_dump_json(),
                previous=previous,
                diff_json=diff.model_dump_json() if diff else "",
            )
            if diff is not None:
                VerdictChange.objects.bulk_create(
                    VerdictChange(
                        scan=scan,
                        good=good,
                        indicator=item.id,
                        title=item.title[:300],
                        old=item.old.value if item.old else "",
                        new=item.new.value if item.new else "",
                        change=item.change.value,
                        at=now,
                    )
                    for item in diff.indicators
                    if item.change is not Change.UNCHANGED
                )
    except IntegrityError:
        return JobOutcome.SKIPPED  # another worker stored this commit meanwhile
    return JobOutcome.DONE


def record_failure(good: Good, url: str, reason: str, started: Any) -> str:
    reason = reason[:2000]
    now = timezone.now()
    with transaction.atomic():
        latest = (
            Scan.objects.select_for_update()
            .filter(good=good)
            .order_by("-finished_at", "-pk")
            .first()
        )
        if (
            latest is not None
            and latest.status == ScanStatus.FAILED
            and latest.failure_reason == reason
        ):
            latest.checked_at = now
            latest.save(update_fields=["checked_at"])
            return JobOutcome.UNCHANGED
        Scan.objects.create(
            good=good,
            repository_url=url,
            status=ScanStatus.FAILED,
            failure_reason=reason,
            started_at=started,
            finished_at=now,
            checked_at=now,
        )
    return JobOutcome.FAILED


@task()
def scan_good(good_id: int, url_rewrites: list[list[str]] | None = None) -> str:
    return run_scan_good(good_id, url_rewrites)


def enqueue_good(
    good_id: int, url_rewrites: list[list[str]] | None = None, backend: str = "default"
) -> Any:
    """Queue one good's scan on the task backend (the immediate backend runs it right here)."""
    return scan_good.using(backend=backend).enqueue(good_id, url_rewrites or [])


def latest_scan(good: Good) -> Scan | None:
    return good.scans.order_by("-finished_at", "-pk").first()


def assessment_of(scan: Scan) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(scan.assessment_json)
    return parsed
