"""Notifications: a row shown in the app, and the same notice by e-mail (console by default).

The mail leaves only when the transaction that made the change commits: a change that is
rolled back (a stale save, a failed publication) mails nobody, and a slow mail server never
holds a database transaction (and its row locks) open.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from dpgkit.web.activity.models import Notification

TEXTS: dict[str, Promise] = {
    "scan_done": _("The scan of %(name)s is finished: answer the open questions and submit."),
    "scan_failed": _("The scan of %(name)s failed."),
    "submitted": _("%(name)s was submitted for review."),
    "assigned": _("You were assigned to review %(name)s."),
    "clarification": _("The reviewer of %(name)s asks for a clarification."),
    "message": _("New message about %(name)s."),
    "approved": _("%(name)s is now a digital public good."),
    "ineligible": _("%(name)s was found ineligible."),
    "expiring": _("The DPG status of %(name)s expires soon: renew it."),
    "expired": _("The DPG status of %(name)s has expired."),
    "reported": _("A message about %(name)s was reported."),
}


def text_of(kind: str, submission: Any) -> str:
    template = TEXTS.get(kind, _("Update about %(name)s."))
    return str(template) % {"name": submission.name if submission else ""}


def link_of(submission: Any, for_reviewer: bool) -> str:
    if submission is None:
        return reverse("review:notifications")
    name = "review:review" if for_reviewer else "review:detail"
    return reverse(name, args=[submission.pk])


def notify(user: Any, kind: str, submission: Any, for_reviewer: bool = False) -> None:
    if user is None or not user.is_active:
        return
    Notification.objects.create(user=user, kind=kind, submission=submission)
    if not user.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        text = text_of(kind, submission)
        link = settings.REVIEW_SITE_URL.rstrip("/") + link_of(submission, for_reviewer)
    # The in-app notice is the record; a mail server that is down must not undo the change.
    address = user.email
    transaction.on_commit(
        lambda: send_mail(text[:200], f"{text}\n\n{link}\n", None, [address], fail_silently=True)
    )
