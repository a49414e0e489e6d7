"""The whole path in headless Chromium: sign up, confirm, submit a repository, answer,
review with a clarification, decide, and find the good in the registry; axe on each page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import axe_violations
from tests.web.review.conftest import ANSWERS, PASSWORD
from tests.web.review.test_worker import in_own_thread

# No django_db mark: the test keeps no transaction open, so the live server can write.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db]
LINES = ["1", "2", "3", "4", "5", "6", "7", "8", "9A", "9B", "9C"]


@pytest.fixture
def reviewer_account(live_url: str) -> Iterator[str]:
    """A reviewer committed to the database the live server reads; everything the test
    creates through the browser is removed afterwards."""

    def create() -> None:
        from django.contrib.auth.models import User

        from dpgkit.web.accounts.models import Profile
        from dpgkit.web.accounts.roles import Role, add_role

        user = User.objects.create_user("rev-browser", "rev@example.org", PASSWORD)
        Profile.objects.create(user=user)
        add_role(user, Role.REVIEWER)

    def clean() -> None:
        from axes.models import AccessAttempt, AccessLog
        from django.contrib.auth.models import User

        from dpgkit.web.registry.models import Good, Screening
        from dpgkit.web.review.models import AuditEntry, Submission

        users = User.objects.filter(username__in=["rev-browser", "amina"])
        AuditEntry.objects.filter(submission__owner__in=users).delete()
        AuditEntry.objects.filter(actor__in=users).delete()
        Submission.objects.filter(owner__in=users).delete()
        users.delete()
        Screening.objects.filter(slug="water-watch").delete()
        Good.objects.filter(slug="water-watch").delete()
        AccessAttempt.objects.all().delete()
        AccessLog.objects.all().delete()

    in_own_thread(create)
    yield "rev-browser"
    in_own_thread(clean)


def no_serious_violations(page: Any) -> None:
    violations = axe_violations(page)
    assert not violations, [(v["id"], v["nodes"][0]["target"]) for v in violations]


def sign_in(page: Any, live_url: str, username: str) -> None:
    page.goto(live_url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_whole_path_in_the_browser(
    live_url: str, chromium_browser: Any, reviewer_account: str, water_repo: Path
) -> None:
    from django.core import mail

    applicant = chromium_browser.new_context().new_page()
    applicant.set_default_timeout(30000)
    applicant.goto(live_url + "/")
    applicant.get_by_role("link", name="Nominate a project").click()
    applicant.get_by_label("Username").fill("amina")
    applicant.get_by_label("E-mail address").fill("amina@example.org")
    applicant.locator("#id_password1").fill(PASSWORD)
    applicant.locator("#id_password2").fill(PASSWORD)
    no_serious_violations(applicant)
    applicant.get_by_role("button", name="Create account").click()
    applicant.wait_for_url("**/accounts/signup/sent/")
    link = re.search(r"http://[^/]+(/accounts/confirm/\S+/)", mail.outbox[-1].body)
    assert link is not None
    applicant.goto(live_url + link.group(1))
    applicant.wait_for_url("**/nominations/")

    applicant.get_by_role("link", name="Start a nomination").click()
    applicant.get_by_label("Scan a public repository").check()
    applicant.get_by_label("Repository address").fill(water_repo.as_uri())
    no_serious_violations(applicant)
    applicant.get_by_role("button", name="Start").click()  # the immediate backend scans now
    applicant.wait_for_url(re.compile(r".*/nominations/\d+/$"))
    assert applicant.locator("#submission-status").inner_text() == "Draft"
    # Twice: a scoping answer ("collects PII: Yes") brings its follow-up questions.
    for _round in range(2):
        for key, value in ANSWERS.items():
            field = applicant.locator(f"#id_q_{key.replace('.', '__')}")
            if field.count():
                if field.evaluate("e => e.tagName") == "SELECT":
                    field.select_option(value)
                else:
                    field.fill(value)
        no_serious_violations(applicant)  # the second time with a flash message on the page
        applicant.get_by_role("button", name="Save answers").click()
        applicant.get_by_text("Your answers are saved.").wait_for()
    applicant.get_by_role("button", name="Submit for review").click()
    assert applicant.locator("#submission-status").inner_text() == "Submitted"
    nomination_url = applicant.url

    reviewer = chromium_browser.new_context().new_page()
    reviewer.set_default_timeout(30000)
    sign_in(reviewer, live_url, reviewer_account)
    reviewer.get_by_role("link", name="Review queue").click()
    reviewer.get_by_role("link", name="Water Watch").click()
    reviewer.get_by_role("button", name="Take this review").click()
    line = reviewer.locator("#line-7")
    line.get_by_label("Clarification requested").check()
    line.get_by_label("Comment").fill("Which law applies in <Uganda>?")
    line.get_by_role("button", name="Save finding on 7").click()
    assert reviewer.locator("#submission-status").inner_text() == "Clarification requested"
    no_serious_violations(reviewer)

    applicant.goto(nomination_url)
    assert (
        "Which law applies in <Uganda>?"
        in applicant.locator("#thread-heading + p + ol").inner_text()
    )
    assert applicant.get_by_role("link", name="Code of conduct").count() >= 1
    applicant.get_by_label("Your message").fill("The Data Protection Act 2019 of Uganda.")
    applicant.get_by_role("button", name="Send message").click()
    applicant.get_by_role("button", name="Send back to the reviewer").click()
    assert applicant.locator("#submission-status").inner_text() == "In review"

    reviewer.reload()
    for number in LINES:
        line = reviewer.locator(f"#line-{number}")
        line.get_by_label("Met", exact=True).check()
        line.get_by_role("button", name=f"Save finding on {number}").click()
    reviewer.get_by_label("Digital public good").check()
    reviewer.get_by_label("Comment to the applicant").fill("Welcome to the registry.")
    reviewer.get_by_role("button", name="Record the decision").click()
    assert reviewer.locator("#submission-status").inner_text() == "Digital public good"
    reviewer.get_by_role("link", name="See it in the registry").click()
    assert reviewer.locator("h1").inner_text() == "Water Watch"
    reviewer.goto(live_url + "/?q=water+watch")
    assert "Water Watch" in reviewer.locator("ol.results").inner_text()

    applicant.goto(live_url + "/notifications/")
    assert "Water Watch is now a digital public good." in applicant.locator("main").inner_text()
    no_serious_violations(applicant)
    applicant.context.close()
    reviewer.context.close()
