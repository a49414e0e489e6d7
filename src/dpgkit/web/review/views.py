"""Pages of the review workflow. Every view states the permission it needs (roles.py);
objects are further limited to their owner or to reviewers (404 for anyone else, so the
existence of another applicant's nomination is not revealed)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied as PermissionDeniedPage
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dpgkit.model import Assessment
from dpgkit.registry import registry_slug
from dpgkit.standard import load_standard
from dpgkit.web.accounts.models import Profile
from dpgkit.web.accounts.roles import (
    ASSIGN,
    AUDIT,
    DECIDE,
    MODERATE,
    REVIEW,
    SUBMIT,
    SUSPEND,
    permission_required,
)
from dpgkit.web.activity.audit import record
from dpgkit.web.activity.notify import notify
from dpgkit.web.registry.screening import screening_sections
from dpgkit.web.review.clone import CloneError, check_url
from dpgkit.web.review.forms import (
    AnswersForm,
    AssignForm,
    DecisionForm,
    LineForm,
    MessageForm,
    ReportForm,
    StartForm,
    SuspendForm,
    open_questions,
)
from dpgkit.web.review.intake import Intake, IntakeError, assessment_intake, nomination_intake
from dpgkit.web.review.jobs import enqueue_scan
from dpgkit.web.review.locking import StaleEdit, save_versioned
from dpgkit.web.review.models import (
    DECIDED,
    EDITABLE,
    UNDER_REVIEW,
    AbuseReport,
    AuditEntry,
    IndicatorReview,
    LineStatus,
    Message,
    Notification,
    Source,
    Status,
    Submission,
)
from dpgkit.web.review.records import (
    OWNER_ASKED,
    PublishError,
    assessment_of,
    build_records,
    dumps,
    publish,
    publishable,
)
from dpgkit.web.review.renewal import renewal_diff
from dpgkit.web.review.words import indicator_title

INDICATOR_LINES = [spec.id for spec in load_standard().indicators]


def _me(request: HttpRequest) -> User:
    """The signed-in user (views reach this only after ``permission_required``)."""
    user = request.user
    assert isinstance(user, User)
    return user


def _visible(request: HttpRequest, pk: int) -> Submission:
    submission = get_object_or_404(Submission.objects.select_related("owner", "reviewer"), pk=pk)
    user = request.user
    if submission.owner_id != user.pk and not user.has_perm(REVIEW):
        raise Http404
    return submission


def _own(request: HttpRequest, pk: int) -> Submission:
    submission = get_object_or_404(Submission, pk=pk)
    if submission.owner_id != request.user.pk:
        raise Http404
    return submission


def _conflict(request: HttpRequest, where: str) -> HttpResponse:
    response = render(request, "review/conflict.html", {"back": where}, status=409)
    return response


# --- after sign-in ------------------------------------------------------------------------


@require_GET
@permission_required(None)
def home(request: HttpRequest) -> HttpResponse:
    """Where signing in leads: each role to the page it works from (reviewers have no
    nominations of their own, so the applicants' page would refuse them)."""
    user = request.user
    if user.has_perm(REVIEW):
        return redirect("review:queue")
    if user.has_perm(SUBMIT):
        return redirect("review:mine")
    return redirect("registry:goods")


# --- applicants ---------------------------------------------------------------------------


@require_GET
@permission_required(SUBMIT)
def mine(request: HttpRequest) -> HttpResponse:
    submissions = Submission.objects.filter(owner=_me(request))
    return render(request, "review/mine.html", {"submissions": submissions})


def _renewal_source(request: HttpRequest) -> Submission | None:
    raw = request.GET.get("renew") or request.POST.get("renew")
    if not raw or not str(raw).isdigit():
        return None
    previous = Submission.objects.filter(pk=int(raw), owner=_me(request)).first()
    if previous is None or previous.status not in (Status.APPROVED, Status.EXPIRED):
        return None
    return previous


@require_http_methods(["GET", "POST"])
@permission_required(SUBMIT)
def start(request: HttpRequest) -> HttpResponse:
    renewal_of = _renewal_source(request)
    initial = {}
    if renewal_of is not None and renewal_of.repository_url:
        initial = {"kind": "repository", "repository_url": renewal_of.repository_url}
    form = StartForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        limit = settings.REVIEW_MAX_UPLOAD_BYTES
        try:
            if data["kind"] == "repository":
                url = check_url(data["repository_url"], settings.REVIEW_CLONE_SCHEMES)
                name = url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git")[:300] or url[:300]
                intake = Intake(name=name, slug="")
            else:
                if data["repository_url"].strip():
                    # With uploads the address is only published, never cloned: a web address.
                    check_url(data["repository_url"], ["https", "http"])
                if data["kind"] == "nomination":
                    intake = nomination_intake(data["nominee"], data["screening"], limit)
                else:
                    intake = assessment_intake(data["assessment"], limit)
        except (IntakeError, CloneError) as error:
            form.add_error(None, str(error))
        else:
            submission = _create(request, data["kind"], intake, data, renewal_of)
            if submission.status == Status.QUEUED:
                enqueue_scan(submission.pk)
            return redirect("review:detail", submission.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "review/start.html", {"form": form, "renewal_of": renewal_of}, status=status
    )


def _create(
    request: HttpRequest,
    kind: str,
    intake: Intake,
    data: dict[str, Any],
    renewal_of: Submission | None,
) -> Submission:
    with transaction.atomic():
        submission = Submission(
            owner=_me(request),
            name=intake.name,
            slug=intake.slug,
            source=kind,
            renewal_of=renewal_of,
        )
        if kind == Source.REPOSITORY:
            submission.repository_url = data["repository_url"].strip()
            submission.status = Status.QUEUED
        elif kind == Source.NOMINATION:
            assert intake.nominee is not None and intake.screening is not None
            submission.nominee_json = dumps(intake.nominee)
            submission.screening_json = dumps(intake.screening)
            submission.status = Status.DRAFT
        else:
            assert intake.assessment is not None
            submission.assessment_json = intake.assessment.model_dump_json()
            submission.repository_url = (
                data["repository_url"].strip() or intake.assessment.project.repository_url or ""
            )
            submission.status = Status.DRAFT
        if kind == Source.NOMINATION:
            submission.repository_url = data["repository_url"].strip()
        submission.save()
        record(request.user, "submission.created", submission, submission, source=kind)
    return submission


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _indicator_views(submission: Submission, assessment: Assessment | None) -> list[dict[str, Any]]:
    """Per indicator line: title, scan verdict and evidence, owner answers, review."""
    standard = load_standard()
    lines = {line.indicator: line for line in submission.lines.all()}
    sections = {}
    screening = submission.parsed("screening_json")
    if screening:
        sections = {section.indicator: section for section in screening_sections(screening)}
    views = []
    for spec in standard.indicators:
        result = None
        if assessment is not None:
            result = next((item for item in assessment.indicators if item.id == spec.id), None)
        answers = [
            {"question": q.text, "value": _shown(submission.answers.get(spec.question_id(q.id)))}
            for q in spec.questions
            if submission.answers.get(spec.question_id(q.id))
        ]
        if result is not None:
            answers += [
                {"question": a.question, "value": _shown(a.value)}
                for a in result.answers
                if a.question not in submission.answers
            ]
        section = sections.get(spec.id) or (sections.get("9") if spec.id.startswith("9") else None)
        views.append(
            {
                "id": spec.id,
                "title": indicator_title(spec.id, spec.title),
                "result": result,
                "answers": answers,
                "screening": section,
                "line": lines.get(spec.id),
            }
        )
    return views


def _published_preview(submission: Submission) -> dict[str, Any] | None:
    """The nominee record frozen at submission (or, for uploaded records, as uploaded)."""
    nominee = submission.parsed("nominee_json")
    if nominee is None:
        return None
    return publishable(nominee, submission.repository_url)


def _thread(submission: Submission) -> list[Message]:
    return list(submission.messages.select_related("author"))


@require_GET
@permission_required()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    if submission.owner_id != request.user.pk:
        return redirect("review:review", submission.pk)
    assessment = assessment_of(submission)
    context: dict[str, Any] = {
        "submission": submission,
        "assessment": assessment,
        "indicators": _indicator_views(submission, assessment),
        "thread": _thread(submission),
        "message_form": MessageForm(),
        "editable": submission.status in EDITABLE,
        "diff": renewal_diff(submission),
        "nominee": _published_preview(submission),
    }
    if assessment is not None and submission.status in EDITABLE:
        context.update(_answers_context(submission, assessment))
    return render(request, "review/detail.html", context)


def _answers_context(
    submission: Submission, assessment: Assessment, form: AnswersForm | None = None
) -> dict[str, Any]:
    missing_ids: list[str] = []
    missing: list[Any] = []
    try:
        _nominee, _screening, missing = build_records(submission)
        missing_ids = [fact.question for fact in missing if fact.question]
    except PublishError:
        pass
    questions = open_questions(assessment, [*OWNER_ASKED, *missing_ids])
    suggestions = {
        q.id: q.suggestion for i in assessment.indicators for q in i.questions if q.suggestion
    }
    proposed = sorted(assessment.sdgs, key=lambda entry: -entry.score)[:3]
    if proposed and "1.sdgs" not in suggestions:
        suggestions["1.sdgs"] = ", ".join(f"SDG {entry.sdg}" for entry in proposed)
    if form is None:
        form = AnswersForm(
            initial={"version": submission.version},
            questions=questions,
            answers=submission.answers,
            suggestions=suggestions,
        )
    return {"answers_form": form, "missing": missing}


@require_POST
@permission_required(SUBMIT)
def answers(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own(request, pk)
    assessment = assessment_of(submission)
    if submission.status not in EDITABLE or assessment is None:
        return _conflict(request, reverse("review:detail", args=[submission.pk]))
    context = _answers_context(submission, assessment)
    form = AnswersForm(
        request.POST,
        questions=context["answers_form"].questions,
        answers=submission.answers,
        suggestions={},
    )
    if not form.is_valid():
        return render(
            request,
            "review/detail.html",
            {
                "submission": submission,
                "assessment": assessment,
                "indicators": _indicator_views(submission, assessment),
                "thread": _thread(submission),
                "message_form": MessageForm(),
                "editable": True,
                **_answers_context(submission, assessment, form),
            },
            status=400,
        )
    merged = {**submission.answers}
    for question_id, _text, _spec in form.questions:
        merged.pop(question_id, None)
    merged.update(form.answers())
    try:
        with transaction.atomic():
            save_versioned(submission, form.cleaned_data["version"], answers=merged)
            record(request.user, "answers.saved", submission, submission, questions=sorted(merged))
    except StaleEdit:
        return _conflict(request, reverse("review:detail", args=[submission.pk]))
    flash.success(request, _("Your answers are saved."))
    return redirect("review:detail", submission.pk)


@require_POST
@permission_required(SUBMIT)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own(request, pk)
    if submission.status not in EDITABLE:
        return _conflict(request, reverse("review:detail", args=[submission.pk]))
    try:
        nominee, screening, missing = build_records(submission)
    except PublishError as error:
        flash.error(request, str(error))
        return redirect("review:detail", submission.pk)
    if missing:
        flash.error(request, _("Answer the questions the registry needs before you submit."))
        return redirect("review:detail", submission.pk)
    returning = submission.status == Status.CLARIFICATION
    name = str(nominee.get("name", "")).strip()[:300] or submission.name
    with transaction.atomic():
        try:
            save_versioned(
                submission,
                int(request.POST.get("version", "0") or 0),
                status=Status.IN_REVIEW if returning else Status.SUBMITTED,
                nominee_json=dumps(nominee),
                screening_json=dumps(screening),
                name=name,
                slug=(registry_slug(name) or submission.slug or "project")[:200],
            )
        except StaleEdit:
            return _conflict(request, reverse("review:detail", args=[submission.pk]))
        for indicator in INDICATOR_LINES:
            IndicatorReview.objects.get_or_create(submission=submission, indicator=indicator)
        if returning:
            IndicatorReview.objects.filter(
                submission=submission, status=LineStatus.CLARIFICATION
            ).update(status=LineStatus.PENDING)
        record(
            request.user,
            "submission.resubmitted" if returning else "submission.submitted",
            submission,
            submission,
        )
        if submission.reviewer is not None:
            notify(submission.reviewer, "submitted", submission, for_reviewer=True)
    flash.success(request, _("Submitted for review."))
    return redirect("review:detail", submission.pk)


@require_POST
@permission_required(SUBMIT)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _own(request, pk)
    with transaction.atomic():
        updated = Submission.objects.filter(pk=submission.pk, status=Status.FAILED).update(
            status=Status.QUEUED, job_attempts=0
        )
        if updated:
            record(request.user, "scan.retried", submission, submission)
    if updated:
        enqueue_scan(submission.pk)
    return redirect("review:detail", submission.pk)


@require_POST
@permission_required()
def post_message(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _visible(request, pk)
    form = MessageForm(request.POST)
    is_owner = submission.owner_id == request.user.pk
    back = "review:detail" if is_owner else "review:review"
    if not form.is_valid():
        flash.error(request, _("Write a message of at most 5000 characters."))
        return redirect(back, submission.pk)
    with transaction.atomic():
        message = Message.objects.create(
            submission=submission, author=_me(request), body=form.cleaned_data["body"]
        )
        record(request.user, "message.posted", submission, message)
        if is_owner:
            notify(submission.reviewer, "message", submission, for_reviewer=True)
        else:
            notify(submission.owner, "message", submission)
    return redirect(back, submission.pk)


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


def _may_edit(request: HttpRequest, submission: Submission) -> bool:
    return submission.reviewer_id == request.user.pk or request.user.has_perm(ASSIGN)


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
    indicators = _indicator_views(submission, assessment)
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
        "thread": _thread(submission),
        "message_form": MessageForm(),
        "may_edit": _may_edit(request, submission) and submission.status in UNDER_REVIEW,
        "decision_form": extra.get("decision_form")
        or DecisionForm(initial={"version": submission.version}),
        "assign_form": AssignForm(initial={"version": submission.version})
        if request.user.has_perm(ASSIGN)
        else None,
        "may_decide": request.user.has_perm(DECIDE),
        "diff": renewal_diff(submission),
        "nominee": _published_preview(submission),
    }
    return render(request, "review/review.html", context, status=status)


@require_POST
@permission_required(REVIEW)
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk, status__in=UNDER_REVIEW)
    if request.POST.get("reviewer") and request.user.has_perm(ASSIGN):
        form = AssignForm(request.POST)
        if not form.is_valid():
            return redirect("review:queue")
        reviewer: Any = form.cleaned_data["reviewer"]
        version = form.cleaned_data["version"]
    else:
        # Without the assign permission a reviewer can only take an unassigned submission.
        if submission.reviewer_id is not None and not request.user.has_perm(ASSIGN):
            return _conflict(request, reverse("review:queue"))
        reviewer = request.user
        version = int(request.POST.get("version") or 0)
    with transaction.atomic():
        try:
            save_versioned(
                submission,
                version,
                reviewer=reviewer,
                status=Status.IN_REVIEW
                if submission.status == Status.SUBMITTED
                else submission.status,
            )
        except StaleEdit:
            return _conflict(request, reverse("review:queue"))
        record(
            request.user,
            "submission.assigned",
            submission,
            submission,
            reviewer=reviewer.get_username(),
        )
        if reviewer.pk != request.user.pk:
            notify(reviewer, "assigned", submission, for_reviewer=True)
    return redirect("review:review", submission.pk)


@require_POST
@permission_required(REVIEW)
def review_line(request: HttpRequest, pk: int, indicator: str) -> HttpResponse:
    submission = get_object_or_404(Submission, pk=pk)
    line = get_object_or_404(IndicatorReview, submission=submission, indicator=indicator)
    if not _may_edit(request, submission) or submission.status not in UNDER_REVIEW:
        raise PermissionDeniedPage
    form = LineForm(request.POST, prefix=f"line-{indicator}")
    if not form.is_valid():
        return _render_review(request, submission, status=400, line_forms={indicator: form})
    data = form.cleaned_data
    with transaction.atomic():
        try:
            save_versioned(
                line,
                data["version"],
                status=data["status"],
                comment=data["comment"],
                reviewer=request.user,
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
        record(
            request.user,
            "line.reviewed",
            submission,
            line,
            indicator=indicator,
            status=data["status"],
            comment=data["comment"][:500],
        )
        if data["status"] == LineStatus.CLARIFICATION:
            Message.objects.create(
                submission=submission,
                author=_me(request),
                indicator=indicator,
                body=data["comment"],
            )
            Submission.objects.filter(pk=submission.pk).update(
                status=Status.CLARIFICATION, updated_at=timezone.now()
            )
            notify(submission.owner, "clarification", submission)
    return redirect(reverse("review:review", args=[submission.pk]) + f"#line-{indicator}")


@require_POST
@permission_required(DECIDE)
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_object_or_404(Submission.objects.select_related("owner"), pk=pk)
    if not _may_edit(request, submission) or submission.status not in UNDER_REVIEW:
        raise PermissionDeniedPage
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_review(request, submission, status=400, decision_form=form)
    decision = form.cleaned_data["decision"]
    statuses = list(submission.lines.values_list("status", flat=True))
    if decision == "approved" and (
        len(statuses) != len(INDICATOR_LINES) or any(s != LineStatus.MET for s in statuses)
    ):
        form.add_error(None, _("A digital public good meets all 11 indicator lines."))
        return _render_review(request, submission, status=400, decision_form=form)
    if decision == "ineligible" and LineStatus.NOT_MET not in statuses:
        form.add_error(None, _("Mark at least one indicator line as not met first."))
        return _render_review(request, submission, status=400, decision_form=form)
    now = timezone.now()
    with transaction.atomic():
        try:
            save_versioned(
                submission,
                form.cleaned_data["version"],
                status=Status.APPROVED if decision == "approved" else Status.INELIGIBLE,
                decided_at=now,
                decision_comment=form.cleaned_data["comment"],
                expires_at=now + timedelta(days=settings.REVIEW_RENEWAL_DAYS)
                if decision == "approved"
                else None,
            )
            if decision == "approved":
                publish(submission, "DPG")
        except StaleEdit:
            return _conflict(request, reverse("review:review", args=[submission.pk]))
        except PublishError as error:
            transaction.set_rollback(True)
            form.add_error(
                None,
                _("The records could not be published: %(reason)s") % {"reason": str(error)[:300]},
            )
            submission.refresh_from_db()
            return _render_review(request, submission, status=400, decision_form=form)
        record(
            request.user,
            "submission.decided",
            submission,
            submission,
            decision=decision,
            comment=form.cleaned_data["comment"][:500],
        )
        notify(submission.owner, decision, submission)
    return redirect("review:review", submission.pk)


# --- everyone signed in --------------------------------------------------------------------


@require_POST
@permission_required()
def report_message(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message.objects.select_related("submission"), pk=pk)
    submission = _visible(request, message.submission_id)
    form = ReportForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            _report, created = AbuseReport.objects.get_or_create(
                message=message,
                reporter=_me(request),
                defaults={"reason": form.cleaned_data["reason"]},
            )
            if created:
                record(request.user, "message.reported", submission, message)
        flash.success(request, _("Thank you. A moderator will look at this message."))
    back = "review:detail" if submission.owner_id == request.user.pk else "review:review"
    return redirect(back, submission.pk)


@require_http_methods(["GET", "POST"])
@permission_required()
def notifications(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=_me(request)).select_related("submission")
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("review:notifications")
    return render(request, "review/notifications.html", {"notifications": mine[:100]})


def conduct(request: HttpRequest) -> HttpResponse:
    return render(
        request, "review/conduct.html", {"full_text_url": settings.REVIEW_CODE_OF_CONDUCT_URL}
    )


# --- moderators and administrators -----------------------------------------------------


@require_GET
@permission_required(MODERATE)
def moderation(request: HttpRequest) -> HttpResponse:
    reports = AbuseReport.objects.filter(resolved_at__isnull=True).select_related(
        "message", "message__author", "message__submission", "reporter"
    )
    return render(
        request, "review/moderation.html", {"reports": reports, "suspend_form": SuspendForm()}
    )


@require_POST
@permission_required(MODERATE)
def hide_message(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=pk)
    now = timezone.now()
    with transaction.atomic():
        Message.objects.filter(pk=pk, hidden_at__isnull=True).update(
            hidden_at=now, hidden_by=_me(request)
        )
        AbuseReport.objects.filter(message=message, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=_me(request)
        )
        record(request.user, "message.hidden", message.submission, message)
    return redirect("review:moderation")


@require_POST
@permission_required(MODERATE)
def dismiss_reports(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=pk)
    with transaction.atomic():
        AbuseReport.objects.filter(message=message, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=_me(request)
        )
        record(request.user, "reports.dismissed", message.submission, message)
    return redirect("review:moderation")


@require_POST
@permission_required(SUSPEND)
def suspend_user(request: HttpRequest, pk: int) -> HttpResponse:
    user = get_object_or_404(User, pk=pk)
    form = SuspendForm(request.POST)
    if not form.is_valid() or user.pk == request.user.pk or user.is_superuser:
        flash.error(request, _("This account cannot be suspended."))
        return redirect("review:moderation")
    with transaction.atomic():
        profile, _created = Profile.objects.get_or_create(user=user)
        profile.suspended_at = timezone.now()
        profile.suspended_reason = form.cleaned_data["reason"]
        profile.suspended_by = request.user  # type: ignore[assignment]
        profile.save()
        user.is_active = False
        user.save(update_fields=["is_active"])
        record(request.user, "account.suspended", None, user, reason=form.cleaned_data["reason"])
    flash.success(request, _("The account is suspended."))
    return redirect("review:moderation")


@require_GET
@permission_required(AUDIT)
def audit(request: HttpRequest) -> HttpResponse:
    entries = AuditEntry.objects.select_related("submission")
    submission_id = request.GET.get("submission")
    if submission_id and submission_id.isdigit():
        entries = entries.filter(submission_id=int(submission_id))
    return render(request, "review/audit.html", {"entries": entries[:300]})
