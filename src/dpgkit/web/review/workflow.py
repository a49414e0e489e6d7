"""The review workflow as one declared state machine, and the actions that move along it.

``TRANSITIONS`` is the whole workflow: every change of a submission's status, with the states
it leaves from, the state it reaches, who may ask for it (a permission and the asker's relation
to the submission), what it writes in the audit log and whom it notifies. ``docs/review.md``
shows it as a diagram generated from this table (``python -m dpgkit.web review_workflow``).

Views, the scan job (``jobs.py``), renewal (``renewal.py``) and the management commands call
the actions below (submit, start review, ask for clarification, answer, decide, expire,
reopen, ...); none of them sets ``status`` itself (``tests/web/review/test_workflow_machine.py``
reads their source to make sure). Every action goes through ``_move``: a transition that the
table does not allow from the current state, or whose state changed meanwhile (a stale page, a
second worker), raises ``Conflict``; the web answers it in one place
(``middleware.WorkflowConflicts``: 409 with the page to go back to), jobs skip.

Why a small declared table and not django-fsm-2: the transitions must be data that the docs
generator and the tests read (sources, target, permission, audit, notification in one row),
the permission depends on the asker's relation to the submission (owner, assigned reviewer),
and every move is a conditional UPDATE (``WHERE status IN sources``, and the page's version)
so that two requests or two workers never both win. django-fsm-2 keeps the rules on model
methods and changes the field in memory, which would still need that conditional write around
it; thirty lines of table and one function do both without a new dependency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from dpgkit.standard import load_standard
from dpgkit.web.accounts.roles import ASSIGN, DECIDE, REVIEW, SUBMIT
from dpgkit.web.activity.audit import record
from dpgkit.web.activity.notify import notify
from dpgkit.web.review.locking import save_versioned
from dpgkit.web.review.models import (
    DECIDED,
    EDITABLE,
    UNDER_REVIEW,
    IndicatorReview,
    LineStatus,
    Message,
    Source,
    Status,
    Submission,
)

INDICATOR_LINES = [spec.id for spec in load_standard().indicators]


class Asker(StrEnum):
    """Who may ask for a transition, besides holding its permission."""

    OWNER = "owner"  # the submission's owner
    REVIEWER = "reviewer"  # anyone with the permission
    ASSIGNED = "assigned reviewer"  # the assigned reviewer, or whoever may assign reviewers
    SYSTEM = "system"  # the scan worker, the daily renewal run: no person


class Whom(StrEnum):
    OWNER = "owner"
    REVIEWER = "reviewer"  # the assigned reviewer, if any


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[Status]  # empty: the submission is being created
    target: Status | None  # None: the status stays (a reviewer is assigned, a line reviewed)
    asker: Asker
    permission: str | None  # None only for SYSTEM
    audit: str  # the audit log's action
    notify: str | None = None  # the notification's kind
    whom: Whom | None = None
    label: str = ""  # the action's name in docs/review.md


def _t(
    name: str,
    sources: set[Status] | frozenset[Status],
    target: Status | None,
    asker: Asker,
    permission: str | None,
    audit: str,
    notify: str | None = None,
    whom: Whom | None = None,
    label: str = "",
) -> Transition:
    return Transition(
        name, frozenset(sources), target, asker, permission, audit, notify, whom, label or name
    )


S = Status
TRANSITIONS: tuple[Transition, ...] = (
    _t("create_scan", set(), S.QUEUED, Asker.OWNER, SUBMIT, "submission.created",
       label="submit a repository"),
    _t("create_upload", set(), S.DRAFT, Asker.OWNER, SUBMIT, "submission.created",
       label="upload records"),
    _t("claim_scan", {S.QUEUED}, S.ASSESSING, Asker.SYSTEM, None, "scan.started"),
    _t("finish_scan", {S.ASSESSING}, S.DRAFT, Asker.SYSTEM, None, "scan.done",
       "scan_done", Whom.OWNER),
    _t("retry_scan", {S.ASSESSING}, S.QUEUED, Asker.SYSTEM, None, "scan.retry"),
    _t("fail_scan", {S.ASSESSING}, S.FAILED, Asker.SYSTEM, None, "scan.failed",
       "scan_failed", Whom.OWNER),
    _t("requeue_scan", {S.ASSESSING}, S.QUEUED, Asker.SYSTEM, None, "scan.requeued",
       label="requeue a stalled scan"),
    _t("reopen", {S.FAILED}, S.QUEUED, Asker.OWNER, SUBMIT, "scan.retried",
       label="reopen (scan again)"),
    _t("withdraw", {S.DRAFT, S.FAILED}, S.WITHDRAWN, Asker.OWNER, SUBMIT,
       "submission.withdrawn", label="withdraw"),
    _t("edit_answers", EDITABLE, None, Asker.OWNER, SUBMIT, "answers.saved",
       label="save answers"),
    _t("submit", {S.DRAFT}, S.SUBMITTED, Asker.OWNER, SUBMIT, "submission.submitted",
       "submitted", Whom.REVIEWER),
    _t("start_review", {S.SUBMITTED}, S.IN_REVIEW, Asker.REVIEWER, REVIEW,
       "submission.assigned", "assigned", Whom.REVIEWER, label="start review"),
    _t("reassign", {S.IN_REVIEW, S.CLARIFICATION}, None, Asker.REVIEWER, REVIEW,
       "submission.assigned", "assigned", Whom.REVIEWER),
    _t("review_line", UNDER_REVIEW, None, Asker.ASSIGNED, REVIEW, "line.reviewed",
       label="review a line"),
    _t("ask_clarification", UNDER_REVIEW, S.CLARIFICATION, Asker.ASSIGNED, REVIEW,
       "submission.clarification_requested", "clarification", Whom.OWNER,
       label="ask for clarification"),
    _t("answer", {S.CLARIFICATION}, S.IN_REVIEW, Asker.OWNER, SUBMIT,
       "submission.resubmitted", "submitted", Whom.REVIEWER, label="answer"),
    _t("approve", UNDER_REVIEW, S.APPROVED, Asker.ASSIGNED, DECIDE, "submission.decided",
       "approved", Whom.OWNER, label="decide (approve)"),
    _t("reject", UNDER_REVIEW, S.INELIGIBLE, Asker.ASSIGNED, DECIDE, "submission.decided",
       "ineligible", Whom.OWNER, label="decide (ineligible)"),
    _t("expire", {S.APPROVED}, S.EXPIRED, Asker.SYSTEM, None, "renewal.expired",
       "expired", Whom.OWNER),
)  # fmt: skip
BY_NAME = {transition.name: transition for transition in TRANSITIONS}


class Conflict(Exception):
    """A transition not allowed from the submission's state, or a state that changed since
    the asker read it. The web answers 409 with the page to go back to."""

    def __init__(self, submission: Submission, transition: str) -> None:
        super().__init__(f"{transition} is not possible from {submission.status}")
        self.submission = submission
        self.transition = transition


def back_page(submission: Submission, user: Any) -> str:
    """The page to go back to after a refused transition, in the current language."""
    if submission.owner_id == getattr(user, "pk", None):
        return reverse("review:detail", args=[submission.pk])
    if user is not None and user.has_perm(REVIEW):
        if submission.status in UNDER_REVIEW | DECIDED:
            return reverse("review:review", args=[submission.pk])
        return reverse("review:queue")
    return reverse("review:home")


def may(transition: Transition, submission: Submission, actor: Any) -> bool:
    """Whether actor may ask for transition on submission (whatever its state)."""
    if transition.asker is Asker.SYSTEM:
        return actor is None
    if actor is None or not actor.is_active or not actor.has_perm(transition.permission):
        return False
    if transition.asker is Asker.OWNER:
        return bool(submission.owner_id == actor.pk)
    if submission.owner_id == actor.pk:
        return False  # nobody reviews or decides their own nomination, whatever their roles
    if transition.asker is Asker.ASSIGNED:
        return bool(submission.reviewer_id == actor.pk or actor.has_perm(ASSIGN))
    return True


def allowed(name: str, submission: Submission, actor: Any) -> bool:
    """Whether the transition is possible now: the state allows it and actor may ask."""
    transition = BY_NAME[name]
    return submission.status in transition.sources and may(transition, submission, actor)


def require(name: str, submission: Submission, actor: Any) -> Transition:
    """Refuse now (PermissionDenied, or Conflict: 409) what the transition would refuse, for
    pages that check before they do the work the transition needs."""
    transition = BY_NAME[name]
    if not may(transition, submission, actor):
        raise PermissionDenied
    if submission.status not in transition.sources:
        raise Conflict(submission, name)
    return transition


def _move(
    name: str,
    submission: Submission,
    actor: Any,
    version: int | None = None,
    /,
    guard: dict[str, Any] | None = None,
    detail: dict[str, Any] | None = None,
    **changes: Any,
) -> Transition:
    """The one place a submission changes state: check, write (only if the state, and the
    version when given, are still what the asker read), audit, notify. Call it inside the
    caller's transaction so that the change, its audit entry and its notice commit together;
    the notice's mail leaves on commit."""
    transition = require(name, submission, actor)
    if transition.target is not None:
        changes["status"] = transition.target
    changes.setdefault("updated_at", timezone.now())
    rows = Submission.objects.filter(
        pk=submission.pk, status__in=transition.sources, **(guard or {})
    )
    if version is not None:
        rows = rows.filter(version=version)
        changes["version"] = F("version") + 1
    if rows.update(**changes) != 1:
        raise Conflict(submission, name)
    submission.refresh_from_db()
    record(actor, transition.audit, submission, submission, **(detail or {}))
    if transition.notify is not None:
        recipient = submission.owner if transition.whom is Whom.OWNER else submission.reviewer
        if recipient is not None and recipient.pk != getattr(actor, "pk", None):
            notify(recipient, transition.notify, submission, transition.whom is Whom.REVIEWER)
    return transition


# --- actions -------------------------------------------------------------------------------


def create(submission: Submission, actor: Any) -> Submission:
    """Save a new submission in its first state: a repository waits for its scan, uploaded
    records are a draft."""
    name = "create_scan" if submission.source == Source.REPOSITORY else "create_upload"
    transition = BY_NAME[name]
    if actor is None or not actor.is_active or not actor.has_perm(transition.permission):
        raise PermissionDenied
    submission.owner = actor  # the asker becomes the owner
    assert may(transition, submission, actor)
    assert transition.target is not None
    submission.status = transition.target
    with transaction.atomic():
        submission.save()
        record(actor, transition.audit, submission, submission, source=submission.source)
    return submission


def claim_scan(submission_id: int) -> Submission | None:
    """The worker takes a queued scan (None when another took it, or it is gone)."""
    with transaction.atomic():
        submission = Submission.objects.select_for_update().filter(pk=submission_id).first()
        if submission is None or not allowed("claim_scan", submission, None):
            return None
        _move(
            "claim_scan",
            submission,
            None,
            job_attempts=submission.job_attempts + 1,
            job_started_at=timezone.now(),
        )
        return submission


def finish_scan(submission: Submission, assessment_json: str, verdict: str) -> bool:
    """The scan's result, if the claim still holds (a re-queued run owns it otherwise)."""
    try:
        with transaction.atomic():
            _move(
                "finish_scan",
                submission,
                None,
                guard={"job_attempts": submission.job_attempts},
                detail={"verdict": verdict},
                assessment_json=assessment_json,
                job_error="",
            )
    except Conflict:
        return False
    return True


def fail_scan(submission: Submission, reason: str, retry: bool) -> bool:
    try:
        with transaction.atomic():
            _move(
                "retry_scan" if retry else "fail_scan",
                submission,
                None,
                guard={"job_attempts": submission.job_attempts},
                detail={"reason": reason[:500]},
                job_error=reason[:2000],
            )
    except Conflict:
        return False
    return True


def requeue_scan(submission: Submission, cutoff: Any) -> bool:
    """A scan whose worker died (started before cutoff) goes back to the queue."""
    try:
        with transaction.atomic():
            _move(
                "requeue_scan",
                submission,
                None,
                guard={"job_started_at__lte": cutoff},
                job_error="the worker stopped; queued again",
            )
    except Conflict:
        return False
    return True


def reopen(submission: Submission, actor: Any) -> bool:
    """The owner queues a failed scan again. Idempotent: a second click (already queued)
    changes nothing and is not an error."""
    if not may(BY_NAME["reopen"], submission, actor):
        raise PermissionDenied
    if submission.status not in BY_NAME["reopen"].sources:
        return False
    try:
        with transaction.atomic():
            _move("reopen", submission, actor, job_attempts=0)
    except Conflict:
        return False
    return True


def withdraw(submission: Submission, actor: Any, version: int) -> None:
    """The owner takes back a nomination not yet submitted (a draft, a failed scan): it
    leaves their list and the records are kept for the audit log. A submitted nomination
    is the reviewers' to decide and cannot be withdrawn."""
    with transaction.atomic():
        _move("withdraw", submission, actor, version)


def save_answers(submission: Submission, actor: Any, version: int, answers: dict[str, Any]) -> None:
    """The owner's answers to the scan's open questions (a draft, or during clarification)."""
    with transaction.atomic():
        _move("edit_answers", submission, actor, version, detail={"questions": sorted(answers)},
              answers=answers)  # fmt: skip


def submit_transition(submission: Submission) -> str:
    """Submitting a draft sends it for review; during a clarification it is the answer."""
    return "answer" if submission.status == Status.CLARIFICATION else "submit"


def submit(submission: Submission, actor: Any, version: int, **records: Any) -> None:
    """Send a draft for review, or answer a clarification (back to the reviewer); records are
    the nomination's frozen records (nominee_json, screening_json, name, slug)."""
    name = submit_transition(submission)
    answering = name == "answer"
    with transaction.atomic():
        _move(name, submission, actor, version, **records)
        for indicator in INDICATOR_LINES:
            IndicatorReview.objects.get_or_create(submission=submission, indicator=indicator)
        if answering:
            IndicatorReview.objects.filter(
                submission=submission, status=LineStatus.CLARIFICATION
            ).update(status=LineStatus.PENDING)


def start_review(submission: Submission, actor: Any, reviewer: Any, version: int) -> None:
    """Assign a reviewer (oneself, or anyone for those who may assign; never the
    submission's owner); a submitted nomination is then in review. Without the assign permission a reviewer only takes an
    unassigned submission, and only for themself."""
    if reviewer.pk == submission.owner_id:
        raise PermissionDenied  # the owner never reviews their own nomination
    may_assign = actor is not None and actor.has_perm(ASSIGN)
    if not may_assign and (reviewer.pk != actor.pk or submission.reviewer_id is not None):
        raise Conflict(submission, "start_review")
    name = "start_review" if submission.status == Status.SUBMITTED else "reassign"
    with transaction.atomic():
        _move(name, submission, actor, version, detail={"reviewer": reviewer.get_username()},
              reviewer=reviewer)  # fmt: skip


def review_line(
    submission: Submission, line: IndicatorReview, actor: Any, version: int, status: str,
    comment: str,
) -> None:  # fmt: skip
    """The reviewer's finding on one line; asking for a clarification sends the question to
    the thread and the submission to its owner. A stale line raises StaleEdit."""
    transition = require("review_line", submission, actor)
    with transaction.atomic():
        save_versioned(line, version, status=status, comment=comment, reviewer=actor)
        record(actor, transition.audit, submission, line, indicator=line.indicator,
               status=status, comment=comment[:500])  # fmt: skip
        if status == LineStatus.CLARIFICATION:
            Message.objects.create(
                submission=submission, author=actor, indicator=line.indicator, body=comment
            )
            _move("ask_clarification", submission, actor, detail={"indicator": line.indicator})


def decide(submission: Submission, actor: Any, version: int, decision: str, comment: str) -> None:
    """Approve (DPG status for REVIEW_RENEWAL_DAYS) or find ineligible. The caller publishes
    inside the same transaction."""
    now = timezone.now()
    approved = decision == "approved"
    _move(
        "approve" if approved else "reject",
        submission,
        actor,
        version,
        detail={"decision": decision, "comment": comment[:500]},
        decided_at=now,
        decision_comment=comment,
        expires_at=now + timedelta(days=settings.REVIEW_RENEWAL_DAYS) if approved else None,
    )


def expire(submission: Submission) -> bool:
    """DPG status ends (the daily renewal run); False if it was not approved any more."""
    try:
        _move("expire", submission, None)
    except Conflict:
        return False
    return True


# --- the table as documentation ----------------------------------------------------------

DOC_BEGIN = (
    "<!-- workflow: generated by `python -m dpgkit.web review_workflow --write`; do not edit -->"
)
DOC_END = "<!-- workflow: end -->"


def _who(transition: Transition) -> str:
    if transition.asker is Asker.SYSTEM:
        return "system"
    codename = (transition.permission or "").split(".", 1)[-1]
    return f"{transition.asker.value} with `{codename}`"


def render_markdown() -> str:
    """The transition table as a Mermaid state diagram and a Markdown table."""
    lines = ["```mermaid", "stateDiagram-v2"]
    for transition in TRANSITIONS:
        states: list[str] = sorted(str(state) for state in transition.sources) or ["[*]"]
        for source in states:
            arrow_to = str(transition.target or source)
            lines.append(f"    {source} --> {arrow_to}: {transition.label}")
    lines += [
        "```",
        "",
        "| transition | from | to | who may ask | audit log | notifies |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for transition in TRANSITIONS:
        leaves = ", ".join(sorted(transition.sources)) or "(new)"
        reaches = str(transition.target or "(stays)")
        notice = f"{transition.whom.value}: `{transition.notify}`" if transition.whom else ""
        lines.append(
            f"| `{transition.name}` | {leaves} | {reaches} | {_who(transition)} "
            f"| `{transition.audit}` | {notice} |"
        )
    return "\n".join([DOC_BEGIN, *lines, DOC_END]) + "\n"


def updated_document(text: str) -> str:
    """text (docs/review.md) with the generated block replaced by the current table."""
    start, end = text.index(DOC_BEGIN), text.index(DOC_END) + len(DOC_END)
    return text[:start] + render_markdown().rstrip("\n") + text[end:]
