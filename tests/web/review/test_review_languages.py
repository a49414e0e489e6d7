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


class LanguageWalk:
    """A client that follows every redirect and fails on any page outside one language."""

    def __init__(self, client: Any, prefix: str) -> None:
        self.client, self.prefix = client, prefix

    def check(self, url: str) -> None:
        assert url.startswith(self.prefix + "/"), f"left {self.prefix}: {url}"

    def go(self, method: str, path: str, data: dict[str, Any] | None = None) -> Any:
        url = self.prefix + path
        response = getattr(self.client, method)(url, data or {}, follow=True)
        for location, _status in response.redirect_chain:
            self.check(location)
        html = response.content.decode()
        # Every link of the review and account pages stays in the language too (the
        # language switcher and the language-neutral exports, API and feeds are meant to leave it).
        for tag in re.findall(r"<(?:a|form|link)\b[^>]*>", html):
            if "hreflang=" in tag:  # the other languages' versions of this page
                continue
            for href in re.findall(r'(?:href|action)="(/[^"]*)"', tag):
                if not href.startswith(("/language/", "/export/", "/api/", "/feeds/", "/static/")):
                    self.check(href)
        return response


@pytest.mark.parametrize("prefix", ["/ru", "/kk"])
def test_the_whole_review_path_stays_in_its_language(
    people: dict[str, Any],
    client_for: Callable[..., Any],
    water_repo: Path,
    prefix: str,
) -> None:
    from dpgkit.web.review.models import IndicatorReview, Status
    from tests.web.review.conftest import answers_post

    applicant = LanguageWalk(client_for(people["applicant"]), prefix)
    reviewer = LanguageWalk(client_for(people["reviewer"]), prefix)
    for walker in (applicant, reviewer):
        assert walker.go("get", "/home/").status_code == 200
    response = applicant.go(
        "post", "/nominations/new/", {"kind": "repository", "repository_url": water_repo.as_uri()}
    )
    submission = Submission.objects.latest("pk")
    assert response.redirect_chain[-1][0] == f"{prefix}/nominations/{submission.pk}/"
    for _round in range(2):
        submission.refresh_from_db()
        applicant.go(
            "post", f"/nominations/{submission.pk}/answers/", answers_post(submission.version)
        )
    submission.refresh_from_db()
    applicant.go("post", f"/nominations/{submission.pk}/submit/", {"version": submission.version})
    submission.refresh_from_db()
    assert submission.status == Status.SUBMITTED
    # Submitting again is refused; the page to go back to is in the language.
    refused = applicant.go("post", f"/nominations/{submission.pk}/submit/", {"version": 1})
    assert refused.status_code == 409
    assert f'href="{prefix}/nominations/{submission.pk}/"' in refused.content.decode()

    reviewer.go("get", "/review/")
    taken = reviewer.go("post", f"/review/{submission.pk}/assign/", {"version": submission.version})
    assert taken.redirect_chain[-1][0] == f"{prefix}/review/{submission.pk}/"
    stale = reviewer.go("post", f"/review/{submission.pk}/assign/", {"version": 1})
    assert stale.status_code == 409
    assert f'href="{prefix}/review/{submission.pk}/"' in stale.content.decode()

    def line(indicator: str, status: str, comment: str = "") -> Any:
        version = IndicatorReview.objects.get(submission=submission, indicator=indicator).version
        return reviewer.go(
            "post",
            f"/review/{submission.pk}/lines/{indicator}/",
            {
                f"line-{indicator}-status": status,
                f"line-{indicator}-comment": comment,
                f"line-{indicator}-version": version,
            },
        )

    asked = line("7", "clarification", "Which law applies in Uganda?")
    assert asked.redirect_chain[-1][0] == f"{prefix}/review/{submission.pk}/#line-7"
    applicant.go("get", "/notifications/")
    applicant.go("post", "/notifications/")
    applicant.go("post", f"/nominations/{submission.pk}/messages/", {"body": "The 2019 Act."})
    submission.refresh_from_db()
    applicant.go("post", f"/nominations/{submission.pk}/submit/", {"version": submission.version})
    submission.refresh_from_db()
    assert submission.status == Status.IN_REVIEW
    for indicator in ["1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"]:
        line(indicator, "met")
    submission.refresh_from_db()
    decided = reviewer.go(
        "post",
        f"/review/{submission.pk}/decide/",
        {"decision": "approved", "comment": "Welcome.", "version": submission.version},
    )
    assert decided.redirect_chain[-1][0] == f"{prefix}/review/{submission.pk}/"
    submission.refresh_from_db()
    assert submission.status == Status.APPROVED
    stale_decision = reviewer.go(
        "post", f"/review/{submission.pk}/decide/", {"decision": "approved", "version": 1}
    )
    assert stale_decision.status_code in (403, 409)
    applicant.go("get", "/nominations/")
    # Signing out and in again keeps the language as well.
    anonymous = LanguageWalk(client_for(), prefix)
    login = anonymous.go("get", f"/nominations/{submission.pk}/")
    assert login.redirect_chain[-1][0].startswith(f"{prefix}/accounts/login/")
