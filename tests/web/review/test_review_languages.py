"""Review pages in every language: indicator titles and verdict words translated for the
applicant and the reviewer (the scan's own prose is English and marked lang="en"); the 403
page a signed-in user without the permission gets, styled and translated."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from dpgkit.web.review.models import Submission
from tests.web.i18n_helpers import english_leftovers, text_segments
from tests.web.review.test_flow import answer_and_submit, start_from_repository

RAW_WORDS = {"met", "not_met", "needs_answer", "not_applicable", "pass", "fail", "unknown"}


def verdicts(html: str) -> list[str]:
    return re.findall(r'<span class="status verdict-[a-z_]+">([^<]*)</span>', html)


@pytest.mark.parametrize(
    ("prefix", "needs_answer", "question"),
    [
        ("/ru", "Нужен ответ", "Перечислите открытые стандарты, которым следует ваше решение"),
        ("/kk", "Жауап қажет", "Шешіміңіз ұстанатын ашық стандарттарды тізіп жазып"),
    ],
)
def test_review_pages_speak_the_pages_language(
    people: dict[str, Any],
    client_for: Callable[..., Any],
    water_repo: Path,
    prefix: str,
    needs_answer: str,
    question: str,
) -> None:
    applicant = client_for(people["applicant"])
    reviewer = client_for(people["reviewer"])
    submission: Submission = start_from_repository(applicant, water_repo)
    english_detail = applicant.get(f"/nominations/{submission.pk}/").content.decode()
    detail = applicant.get(f"{prefix}/nominations/{submission.pk}/").content.decode()
    assert set(verdicts(english_detail)) & {"Met", "Not met", "Needs an answer"}
    shown = verdicts(detail)
    assert len(shown) == 11 and not set(shown) & RAW_WORDS
    assert not set(shown) & {"Met", "Not met", "Needs an answer", "Not applicable"}
    assert needs_answer in shown  # the sample leaves questions for the owner
    # The Standard's questions in the applicant's form, in the page's language.
    assert question in detail
    assert "Provide a list of the open standards" in english_detail
    answer_and_submit(applicant, submission)
    english_review = reviewer.get(f"/review/{submission.pk}/").content.decode()
    review = reviewer.get(f"{prefix}/review/{submission.pk}/").content.decode()
    for html, english in ((detail, english_detail), (review, english_review)):
        titles = re.findall(r'<h3 id="line-[0-9A-C]+-title">([^<]*)</h3>', html)
        english_titles = re.findall(r'<h3 id="line-[0-9A-C]+-title">([^<]*)</h3>', english)
        assert len(titles) == 11 and len(english_titles) == 11
        assert not set(titles) & set(english_titles)
        # Findings' outcomes too; only the scan's prose (marked lang="en") stays English.
        outcomes = re.findall(r"<li><strong>([^<]*)</strong>", html)
        assert outcomes and not {o.lower() for o in outcomes} & RAW_WORDS
        left = english_leftovers(
            english, html, {"Water Watch", "water-watch", "applicant", "reviewer"}
        )
        # What reads as on the English page is the evidence quoted from the repository's
        # files (<code>) and a license id before its address: no interface words.
        quoted = [unescape(code) for code in re.findall(r"<code>(.*?)</code>", html, re.S)]
        assert [
            segment
            for segment in left
            if not any(segment in code for code in quoted)
            and not re.fullmatch(r"[\w.+-]+ \(", segment)
        ] == []
        assert not [s for s in text_segments(html) if s in {"Clear ownership", "Documentation"}]


@pytest.mark.parametrize(
    ("prefix", "title"),
    [("", "Access denied"), ("/ru", "Доступ запрещён"), ("/kk", "Кіруге тыйым салынған")],
)
def test_403_is_styled_and_translated(
    people: dict[str, Any], client_for: Callable[..., Any], prefix: str, title: str
) -> None:
    applicant = client_for(people["applicant"])
    response = applicant.get(f"{prefix}/review/")  # the queue is for reviewers
    assert response.status_code == 403
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html and 'class="site-header"' in html
    assert 'class="account-nav"' in html  # the signed-in user's own menu is there
    if prefix:
        english = applicant.get("/review/").content.decode()
        assert english_leftovers(english, html, {"applicant"}) == []


def test_every_question_of_the_standard_is_in_the_catalogs() -> None:
    from django.utils import translation

    from dpgkit.standard import load_standard
    from dpgkit.web.review.standard_strings import QUESTIONS
    from dpgkit.web.review.words import question_label

    texts = [spec.text for spec in load_standard().all_questions().values()]
    assert sorted(QUESTIONS) == sorted(texts)
    for language in ("ru", "kk"):
        with translation.override(language):
            for text in texts:
                label = question_label(text)
                assert label != text and 'lang="en"' not in label, (language, text)
                assert question_label(text + ":").endswith(":")
            # A question the catalogs do not know stays English, marked as such.
            assert question_label("Is this new?") == '<span lang="en">Is this new?</span>'
