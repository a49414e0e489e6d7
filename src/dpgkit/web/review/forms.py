from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from dpgkit.model import Assessment
from dpgkit.standard import QuestionSpec, load_standard
from dpgkit.web.accounts.roles import REVIEW
from dpgkit.web.review.models import LineStatus
from dpgkit.web.review.words import question_label

TEXT_LIMIT = 5000


START_KINDS = (
    ("repository", _("Scan a public repository")),
    ("nomination", _("Upload the records written by dpg nominate")),
    ("assessment", _("Upload an assessment (dpg assess --format json)")),
)


class StartForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How do you start?"), choices=START_KINDS, widget=forms.RadioSelect
    )
    repository_url = forms.CharField(
        label=_("Repository address"),
        required=False,
        max_length=2000,
        help_text=_(
            "For example https://github.com/org/project. A repository to scan is cloned "
            "read-only; with uploaded files it is published as the project's repository."
        ),
    )
    nominee = forms.FileField(label=_("Nominee record (nominees/NAME.json)"), required=False)
    screening = forms.FileField(
        label=_("Screening record (digitalpublicgoods/NAME.json)"), required=False
    )
    assessment = forms.FileField(label=_("Assessment JSON"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == "repository" and not data.get("repository_url"):
            self.add_error("repository_url", _("Give the repository's address."))
        if kind == "nomination":
            for name in ("nominee", "screening"):
                if not data.get(name):
                    self.add_error(name, _("Choose the file."))
        if kind == "assessment" and not data.get("assessment"):
            self.add_error("assessment", _("Choose the file."))
        return data


def field_name(question_id: str) -> str:
    return "q_" + question_id.replace(".", "__")


def open_questions(
    assessment: Assessment, extra: list[str]
) -> list[tuple[str, str, QuestionSpec | None]]:
    """(question id, text, spec) left open by the scan, plus the ids in extra (missing facts)."""
    standard = load_standard(assessment.standard_version)
    specs = standard.all_questions()
    seen: dict[str, tuple[str, str, QuestionSpec | None]] = {}
    for indicator in assessment.indicators:
        for question in indicator.questions:
            seen.setdefault(question.id, (question.id, question.text, specs.get(question.id)))
    for question_id in extra:
        spec = specs.get(question_id)
        if spec is not None:
            seen.setdefault(question_id, (question_id, spec.text, spec))
    order = {question_id: position for position, question_id in enumerate(specs)}
    return sorted(seen.values(), key=lambda item: order.get(item[0], len(order)))


class AnswersForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args: Any,
        questions: list[tuple[str, str, QuestionSpec | None]],
        answers: dict[str, Any],
        suggestions: dict[str, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question_id, question_text, spec in questions:
            text = question_label(question_text)  # in the page's language
            kind = spec.kind if spec is not None else "text"
            value = answers.get(question_id)
            name = field_name(question_id)
            field: forms.Field
            if kind == "yes_no":
                field = forms.ChoiceField(
                    label=text,
                    required=False,
                    choices=[("", _("Not answered")), ("Yes", _("Yes")), ("No", _("No"))],
                )
            elif kind == "list":
                field = forms.CharField(
                    label=text,
                    required=False,
                    max_length=TEXT_LIMIT,
                    widget=forms.Textarea(attrs={"rows": 3}),
                    help_text=_("One item per line."),
                )
                if isinstance(value, list):
                    value = "\n".join(str(item) for item in value)
            else:
                field = forms.CharField(
                    label=text,
                    required=False,
                    max_length=TEXT_LIMIT,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            if suggestions.get(question_id) and not value:
                suggested = _("The scan suggests: %(text)s") % {
                    "text": suggestions[question_id][:500]
                }
                # A list keeps its "one item per line" beside the suggestion: without it,
                # "SDG 11, SDG 3" on one line was saved as one item (SDG 11 only).
                field.help_text = f"{field.help_text} {suggested}" if kind == "list" else suggested
            field.initial = value
            self.fields[name] = field

    def answers(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for question_id, _text, spec in self.questions:
            value = self.cleaned_data.get(field_name(question_id))
            if not value:
                continue
            if spec is not None and spec.kind == "list":
                lines = str(value).splitlines()
                if question_id == "1.sdgs":  # goals have no commas of their own: "11, 3"
                    lines = [part for line in lines for part in re.split(r"[,;]", line)]
                items = [line.strip() for line in lines if line.strip()]
                if items:
                    result[question_id] = items
            else:
                result[question_id] = str(value).strip()
        return result


class LineForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Finding"),
        choices=[(s.value, s.label) for s in LineStatus if s != LineStatus.PENDING],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") in ("not_met", "clarification") and not data.get("comment"):
            self.add_error("comment", _("Say what is missing or what you need to know."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("approved", _("Digital public good")),
            ("ineligible", _("Ineligible")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment to the applicant"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"), max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is this message abusive?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SuspendForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=1000)


def reviewers() -> QuerySet[User]:
    app_label, codename = REVIEW.split(".")
    wanted = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    )
    return (
        User.objects.filter(Q(is_superuser=True) | wanted, is_active=True)
        .distinct()
        .order_by("username")
    )


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, owner_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        # A nomination's owner is never its reviewer (dpgkit.web.review.workflow.may).
        field.queryset = reviewers().exclude(pk=owner_id) if owner_id else reviewers()
