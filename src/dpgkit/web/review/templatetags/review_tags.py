from __future__ import annotations

from django import template

from dpgkit.web.activity.models import Notification
from dpgkit.web.activity.notify import link_of, text_of
from dpgkit.web.review import words

register = template.Library()
register.filter("verdict_label", words.verdict_label)
register.filter("outcome_label", words.outcome_label)
register.filter("change_label", words.change_label)
register.filter("indicator_title", words.indicator_title)
register.filter("question_label", words.question_label)


@register.simple_tag
def notice_text(notice: Notification) -> str:
    return text_of(notice.kind, notice.submission)


@register.simple_tag
def notice_link(notice: Notification) -> str:
    for_reviewer = notice.submission is not None and notice.submission.owner_id != notice.user_id
    return link_of(notice.submission, for_reviewer)
