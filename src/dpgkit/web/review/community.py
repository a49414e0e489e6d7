"""Pages for everyone signed in (reporting a message, notifications, the code of conduct) and
for moderators and administrators (moderation, suspension, the audit log)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dpgkit.web.accounts.models import Profile
from dpgkit.web.accounts.roles import (
    AUDIT,
    MODERATE,
    SUSPEND,
    permission_required,
)
from dpgkit.web.activity.audit import record
from dpgkit.web.review.forms import (
    ReportForm,
    SuspendForm,
)
from dpgkit.web.review.models import (
    AbuseReport,
    AuditEntry,
    Message,
    Notification,
)
from dpgkit.web.review.pages import me, visible

# --- everyone signed in --------------------------------------------------------------------


@require_POST
@permission_required()
def report_message(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message.objects.select_related("submission"), pk=pk)
    submission = visible(request, message.submission_id)
    form = ReportForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            _report, created = AbuseReport.objects.get_or_create(
                message=message,
                reporter=me(request),
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
    mine = Notification.objects.filter(user=me(request)).select_related("submission")
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
            hidden_at=now, hidden_by=me(request)
        )
        AbuseReport.objects.filter(message=message, resolved_at__isnull=True).update(
            resolved_at=now, resolved_by=me(request)
        )
        record(request.user, "message.hidden", message.submission, message)
    return redirect("review:moderation")


@require_POST
@permission_required(MODERATE)
def dismiss_reports(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(Message, pk=pk)
    with transaction.atomic():
        AbuseReport.objects.filter(message=message, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=me(request)
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
