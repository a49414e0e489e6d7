"""Accounts as a newcomer meets them: passwords Django's validators accept, the confirmation
mail, signing in before confirming, and every account page in three languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail

from tests.web.i18n_helpers import english_leftovers
from tests.web.review.conftest import PASSWORD

WEAK = {
    "123": "too short",
    "1234567890": "entirely numeric",
    "password1234": "too common",
    "aminakarimova7": "too similar",
}


def sign_up(client: Any, password: str, prefix: str = "", username: str = "aminakarimova") -> Any:
    return client.post(
        f"{prefix}/accounts/signup/",
        {
            "username": username,
            "email": "amina@example.org",
            "password1": password,
            "password2": password,
        },
    )


@pytest.mark.parametrize(("password", "reason"), list(WEAK.items()))
def test_sign_up_refuses_weak_passwords(client: Any, password: str, reason: str) -> None:
    response = sign_up(client, password)
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert not User.objects.filter(username="aminakarimova").exists()
    assert not mail.outbox


def test_sign_up_accepts_a_strong_password(client: Any) -> None:
    response = sign_up(client, PASSWORD)
    assert response.status_code == 302
    assert User.objects.get(username="aminakarimova").check_password(PASSWORD)


def test_reset_and_change_refuse_weak_passwords(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    fresh = client_for()
    fresh.post("/accounts/password-reset/", {"email": "reviewer@example.org"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[-1].body)
    assert link is not None
    form_url = fresh.get(link.group(1), follow=True).redirect_chain[-1][0]
    weak = fresh.post(form_url, {"new_password1": "123", "new_password2": "123"})
    assert weak.status_code == 200 and "too short" in weak.content.decode()
    people["reviewer"].refresh_from_db()
    assert people["reviewer"].check_password(PASSWORD)

    client = client_for(people["applicant"])
    assert client.get("/accounts/password/").status_code == 200
    data = {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"}
    weak = client.post("/accounts/password/", data)
    assert weak.status_code == 200
    assert "entirely numeric" in weak.content.decode()
    strong = "a-much-better-one-42"
    data = {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong}
    assert client.post("/accounts/password/", data).status_code == 302
    people["applicant"].refresh_from_db()
    assert people["applicant"].check_password(strong)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [("/ru", "Введённый пароль слишком короткий"), ("/kk", "Құпия сөз тым қысқа")],
)
def test_password_messages_and_help_are_translated(client: Any, prefix: str, expected: str) -> None:
    english = sign_up(client, "123").content.decode()
    translated = sign_up(client, "123", prefix).content.decode()
    assert expected in translated
    assert english_leftovers(english, translated, {"aminakarimova", "amina@example.org"}) == []


@pytest.mark.parametrize("prefix", ["/ru", "/kk"])
@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/accounts/password-reset/", "/accounts/confirm/resend/",
     "/accounts/signup/sent/"],
)  # fmt: skip
def test_account_pages_are_translated(client: Any, prefix: str, path: str) -> None:
    english = client.get(path).content.decode()
    translated = client.get(prefix + path).content.decode()
    assert english_leftovers(english, translated) == []


def test_password_change_page_is_translated(
    people: dict[str, Any], client_for: Callable[..., Any]
) -> None:
    client = client_for(people["applicant"])
    data = {"old_password": "wrong", "new_password1": "1", "new_password2": "2"}
    english = client.post("/accounts/password/", data).content.decode()
    for prefix in ("/ru", "/kk"):
        translated = client.post(prefix + "/accounts/password/", data).content.decode()
        assert english_leftovers(english, translated, {"applicant"}) == [], prefix


CONFIRM_LINK = re.compile(r"http://testserver(/accounts/confirm/\S+/)")


def test_signing_in_before_confirming_says_so_and_the_link_can_be_sent_again(
    client_for: Callable[..., Any], people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sign_up(client_for(), PASSWORD)
    assert mail.outbox == [] and len(callbacks) == 1  # the mail waits for the commit
    callbacks[0]()
    assert len(mail.outbox) == 1

    login = {"username": "aminakarimova", "password": PASSWORD}
    english = client_for().post("/accounts/login/", login).content.decode()
    assert "Confirm your e-mail address first" in english
    assert 'action="/accounts/confirm/resend/"' in english
    assert english.count("Send the confirmation link again") == 1  # the form, not also a link
    assert "Please enter a correct" not in english
    kazakh = client_for().post("/kk/accounts/login/", login).content.decode()
    assert english_leftovers(english, kazakh, {"aminakarimova"}) == []
    # Only the right password tells; a suspended account is not told apart from a wrong one.
    wrong = client_for().post("/accounts/login/", {**login, "password": "not-the-password-1"})
    assert "Confirm your e-mail" not in wrong.content.decode()
    assert "Please enter a correct" in wrong.content.decode()
    suspended = {"username": "suspended", "password": PASSWORD}
    assert (
        "Confirm your e-mail"
        not in client_for().post("/accounts/login/", suspended).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        resent = client_for().post("/accounts/confirm/resend/", {"email": "AMINA@example.org"})
        unknown = client_for().post("/accounts/confirm/resend/", {"email": "nobody@example.org"})
    assert resent.status_code == unknown.status_code == 200
    assert resent.content == unknown.content  # the page reveals no addresses
    assert len(mail.outbox) == 2 and mail.outbox[-1].to == ["amina@example.org"]
    link = CONFIRM_LINK.search(mail.outbox[-1].body)
    assert link is not None
    client = client_for()
    assert client.get(link.group(1)).status_code == 302
    assert client_for().post("/accounts/login/", login).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client_for().post("/accounts/confirm/resend/", {"email": "amina@example.org"})
    assert len(mail.outbox) == 2  # confirmed: nothing more to send


def test_notification_mail_leaves_only_when_the_change_commits(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.db import transaction

    from dpgkit.web.activity.notify import notify

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(people["applicant"], "approved", None)
                raise RuntimeError("the change fails after the notice was written")
        except RuntimeError:
            pass
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            notify(people["applicant"], "approved", None)
        assert mail.outbox == []  # still inside the (test's) outer transaction
    assert len(mail.outbox) == 1
