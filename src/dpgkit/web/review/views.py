"""Pages of the review workflow for applicants. Every view states the permission it needs
(roles.py); objects are further limited to their owner or to reviewers (404 for anyone else, so
the existence of another applicant's nomination is not revealed). Views parse the request, call
one action of ``workflow.py`` and render; the reviewers' pages are in ``reviewing.py``, the
moderators' and everyone's in ``community.py``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages as flash
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dpgkit.model import Assessment
from dpgkit.registry import registry_slug
from dpgkit.web.accounts.roles import (
    REVIEW,
    SUBMIT,
    permission_required,
)
from dpgkit.web.activity.audit import record
from dpgkit.web.activity.notify import notify
from dpgkit.web.review import workflow
from dpgkit.web.review.clone import CloneError, check_url
from dpgkit.web.review.forms import (
    AnswersForm,
    MessageForm,
    StartForm,
    open_questions,
)
from dpgkit.web.review.intake import (
    Intake,
    IntakeError,
    assessment_intake,
    nomination_intake,
    owner_answers,
    public_repository,
)
from dpgkit.web.review.jobs import enqueue_scan
from dpgkit.web.review.models import (
    Message,
    Source,
    Status,
    Submission,
)
from dpgkit.web.review.pages import (
    indicator_views,
    me,
    own,
    posted_version,
    published_preview,
    thread,
    visible,
)
from dpgkit.web.review.records import (
    OWNER_ASKED,
    PublishError,
    assessment_of,
    build_records,
    dumps,
)
from dpgkit.web.review.renewal import renewal_diff

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
    submissions = Submission.objects.filter(owner=me(request)).exclude(status=Status.WITHDRAWN)
    return render(request, "review/mine.html", {"submissions": submissions})


def _renewal_source(request: HttpRequest) -> Submission | None:
    raw = request.GET.get("renew") or request.POST.get("renew")
    if not raw or not str(raw).isdigit():
        return None
    previous = Submission.objects.filter(pk=int(raw), owner=me(request)).first()
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
            if workflow.allowed("claim_scan", submission, None):
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
    submission = Submission(name=intake.name, slug=intake.slug, source=kind, renewal_of=renewal_of)
    if kind == Source.REPOSITORY:
        submission.repository_url = data["repository_url"].strip()
    elif kind == Source.NOMINATION:
        assert intake.nominee is not None and intake.screening is not None
        submission.nominee_json = dumps(intake.nominee)
        submission.screening_json = dumps(intake.screening)
        submission.repository_url = data["repository_url"].strip()
    else:
        assert intake.assessment is not None
        submission.assessment_json = intake.assessment.model_dump_json()
        submission.answers = owner_answers(intake.assessment)
        submission.repository_url = (
            data["repository_url"].strip() or intake.assessment.project.repository_url or ""
        )
    public = public_repository(submission.repository_url)
    if public and kind != Source.NOMINATION:
        # The address the applicant typed answers the form's repository question.
        submission.answers.setdefault("general.repository_url", public)
    return workflow.create(submission, me(request))


@require_GET
@permission_required()
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = visible(request, pk)
    if submission.owner_id != request.user.pk:
        return redirect("review:review", submission.pk)
    assessment = assessment_of(submission)
    context: dict[str, Any] = {
        "submission": submission,
        "assessment": assessment,
        "indicators": indicator_views(submission, assessment),
        "thread": thread(submission),
        "message_form": MessageForm(),
        "editable": workflow.allowed("edit_answers", submission, me(request)),
        "may_withdraw": workflow.allowed("withdraw", submission, me(request)),
        "diff": renewal_diff(submission),
        "nominee": published_preview(submission),
    }
    if assessment is not None and context["editable"]:
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
    # What the owner already answered stays on the form, filled in, so it can be corrected.
    questions = open_questions(assessment, [*OWNER_ASKED, *missing_ids, *submission.answers])
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
    submission = own(request, pk)
    assessment = assessment_of(submission)
    workflow.require("edit_answers", submission, me(request))
    if assessment is None:
        raise workflow.Conflict(submission, "edit_answers")
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
                "indicators": indicator_views(submission, assessment),
                "thread": thread(submission),
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
    workflow.save_answers(submission, me(request), form.cleaned_data["version"], merged)
    flash.success(request, _("Your answers are saved."))
    return redirect("review:detail", submission.pk)


@require_POST
@permission_required(SUBMIT)
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = own(request, pk)
    workflow.require(workflow.submit_transition(submission), submission, me(request))
    try:
        nominee, screening, missing = build_records(submission)
    except PublishError as error:
        flash.error(request, str(error))
        return redirect("review:detail", submission.pk)
    # A fact no answer settles (a 9A-9C line not met) is shown on the page, and the
    # reviewers judge it; only questions the owner can answer here hold the submission.
    if any(fact.question for fact in missing):
        flash.error(request, _("Answer the questions the registry needs before you submit."))
        return redirect("review:detail", submission.pk)
    name = str(nominee.get("name", "")).strip()[:300] or submission.name
    workflow.submit(
        submission,
        me(request),
        posted_version(request),
        nominee_json=dumps(nominee),
        screening_json=dumps(screening),
        name=name,
        slug=(registry_slug(name) or submission.slug or "project")[:200],
    )
    flash.success(request, _("Submitted for review."))
    return redirect("review:detail", submission.pk)


@require_POST
@permission_required(SUBMIT)
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    submission = own(request, pk)
    if workflow.reopen(submission, me(request)):
        enqueue_scan(submission.pk)
    return redirect("review:detail", submission.pk)


@require_POST
@permission_required(SUBMIT)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    submission = own(request, pk)
    workflow.withdraw(submission, me(request), posted_version(request))
    flash.success(request, _("The nomination “%(name)s” is withdrawn.") % {"name": submission.name})
    return redirect("review:mine")


@require_POST
@permission_required()
def post_message(request: HttpRequest, pk: int) -> HttpResponse:
    submission = visible(request, pk)
    form = MessageForm(request.POST)
    is_owner = submission.owner_id == request.user.pk
    back = "review:detail" if is_owner else "review:review"
    if not form.is_valid():
        flash.error(request, _("Write a message of at most 5000 characters."))
        return redirect(back, submission.pk)
    with transaction.atomic():
        message = Message.objects.create(
            submission=submission, author=me(request), body=form.cleaned_data["body"]
        )
        record(request.user, "message.posted", submission, message)
        if is_owner:
            notify(submission.reviewer, "message", submission, for_reviewer=True)
        else:
            notify(submission.owner, "message", submission)
    return redirect(back, submission.pk)
