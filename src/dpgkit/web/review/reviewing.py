"""Pages of the review workflow for reviewers: the queue, a submission's review, assigning,
line findings and the decision, each one call of ``workflow.py``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages as flash
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dpgkit.web.accounts.roles import (
    ASSIGN,
    DECIDE,
    REVIEW,
    permission_required,
)
from dpgkit.web.review import workflow
from dpgkit.web.review.forms import (
    AssignForm,
    DecisionForm,
    LineForm,
    MessageForm,
)
from dpgkit.web.review.locking import StaleEdit
from dpgkit.web.review.models import (
    DECIDED,
    UNDER_REVIEW,
    IndicatorReview,
    LineStatus,
    Submission,
)
from dpgkit.web.review.pages import indicator_views, me, posted_version, published_preview, thread
from dpgkit.web.review.records import (
    PublishError,
    assessment_of,
    publish,
    replaces_another_good,
)
from dpgkit.web.review.renewal import renewal_diff

# --- reviewers -----------------------------------------------------------------------------


@require_GET
@permission_required(REVIEW)
def queue(request: HttpRequest) -> HttpResponse:
    waiting = Submission.objects.filter(status__in=UNDER_REVIEW).select_related("owner", "reviewer")
    return render(
        request,
        "review/queue.html",
        {
            "unassigned": [s for s in waiting if s.reviewer_id is None],
            "assigned": [s for s in waiting if s.reviewer_id is not None],
            "assign_form": AssignForm() if request.user.has_perm(ASSIGN) else None,
        },
    )


@require_GET
@permission_required(REVIEW)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("owner", "reviewer"), pk=pk)
    if submission.status not in UNDER_REVIEW | DECIDED:
        raise Http404
    return _render_review(request, submission)


def _render_review(
    request: HttpRequest, submission: Submission, status: int = 200, **extra: Any
) -> HttpResponse:
    assessment = assessment_of(submission)
    indicators = indicator_views(submission, assessment)
    for item in indicators:
        line = item["line"]
        if line is not None:
            item["form"] = extra.get("line_forms", {}).get(item["id"]) or LineForm(
                initial={
                    "status": line.status if line.status != "pending" else None,
                    "comment": line.comment,
                    "version": line.version,
                },
                prefix=f"line-{item['id']}",
            )
    context = {
        "submission": submission,
        "assessment": assessment,
        "indicators": indicators,
        "thread": thread(submission),
        "message_form": MessageForm(),
        "may_edit": workflow.allowed("review_line", submission, me(request)),
        "decision_form": extra.get("decision_form")
        or DecisionForm(initial={"version": submission.version}),
        "assign_form": AssignForm(
            initial={"version": submission.version}, owner_id=submission.owner_id
        )
        if request.user.has_perm(ASSIGN)
        else None,
        "may_decide": request.user.has_perm(DECIDE),
        "diff": renewal_diff(submission),
        "nominee": published_preview(submission),
        "replaces_good": replaces_another_good(submission),
    }
    return render(request, "review/review.html", context, status=status)


@require_POST
@permission_required(REVIEW)
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk)
    if request.POST.get("reviewer") and request.user.has_perm(ASSIGN):
        form = AssignForm(request.POST)
        if not form.is_valid():
            return redirect("review:queue")
        reviewer: Any = form.cleaned_data["reviewer"]
        version = form.cleaned_data["version"]
    else:
        reviewer = me(request)
        version = posted_version(request)
    workflow.start_review(submission, me(request), reviewer, version)
    return redirect("review:review", submission.pk)


@require_POST
@permission_required(REVIEW)
def review_line(request: HttpRequest, pk: int, indicator: str) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("owner"), pk=pk)
    line = get_object_or_404(IndicatorReview, submission=submission, indicator=indicator)
    workflow.require("review_line", submission, me(request))
    form = LineForm(request.POST, prefix=f"line-{indicator}")
    if not form.is_valid():
        return _render_review(request, submission, status=400, line_forms={indicator: form})
    data = form.cleaned_data
    try:
        workflow.review_line(
            submission, line, me(request), data["version"], data["status"], data["comment"]
        )
    except StaleEdit:
        line.refresh_from_db()
        flash.error(
            request,
            _(
                "Someone else changed indicator %(id)s since you opened the page; their finding is shown. Nothing of yours was saved."
            )
            % {"id": indicator},
        )
        return _render_review(request, submission, status=409)
    return redirect(reverse("review:review", args=[submission.pk]) + f"#line-{indicator}")


@require_POST
@permission_required(DECIDE)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("owner"), pk=pk)
    workflow.require("approve", submission, me(request))  # approve and reject: same rule
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_review(request, submission, status=400, decision_form=form)
    decision = form.cleaned_data["decision"]
    statuses = list(submission.lines.values_list("status", flat=True))
    if decision == "approved" and (
        len(statuses) != len(workflow.INDICATOR_LINES) or any(s != LineStatus.MET for s in statuses)
    ):
        form.add_error(None, _("A digital public good meets all 11 indicator lines."))
        return _render_review(request, submission, status=400, decision_form=form)
    if decision == "ineligible" and LineStatus.NOT_MET not in statuses:
        form.add_error(None, _("Mark at least one indicator line as not met first."))
        return _render_review(request, submission, status=400, decision_form=form)
    with transaction.atomic():
        workflow.decide(
            submission, me(request), form.cleaned_data["version"], decision,
            form.cleaned_data["comment"],
        )  # fmt: skip
        failure: str | None = None
        try:
            if decision == "approved":
                publish(submission, "DPG")
        except PublishError as error:
            transaction.set_rollback(True)  # the decision goes with the records
            failure = str(error)
    if failure is not None:
        # Outside the rolled-back block: the page reads the submission as it is again.
        form.add_error(
            None, _("The records could not be published: %(reason)s") % {"reason": failure[:300]}
        )
        submission.refresh_from_db()
        return _render_review(request, submission, status=400, decision_form=form)
    return redirect("review:review", submission.pk)
