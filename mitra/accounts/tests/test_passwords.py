"""Issue 14 §1: password rules, change and reset by email (the way back from a lock)."""

import re
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from mitra.accounts.models import ApiToken
from mitra.accounts.services import api_token_authenticate
from mitra.accounts.tests.factories import PASSWORD, api_key_for
from mitra.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Kopi-tubruk-di-Menteng-7"


@pytest.mark.parametrize(
    "password",
    ["87654321987", "zzzzzzzzzzzz", "password1234", "short-1A", "ababababababab", "kemendagri-1"],
)
def test_weak_passwords_are_refused(officer, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=officer)


def test_a_good_password_and_the_demo_password_pass(officer):
    from mitra.demo.users import DEMO_PASSWORD

    validate_password(NEW_PASSWORD, user=officer)
    validate_password(DEMO_PASSWORD, user=officer)


@pytest.mark.parametrize(
    ("language", "label", "rule"),
    [
        ("id", "Sandi lama", "Sandi anda tidak bisa sepenuhnya numerik."),
        ("en", "Old password", "Your password can’t be entirely numeric."),
    ],
)
def test_password_change_page_in_both_languages(client, officer, language, label, rule):
    client.force_login(officer)
    with translation.override(language):
        url = reverse("accounts:password_change")
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in page
    assert label in page
    assert rule in page


def test_change_refuses_a_numeric_password_and_changes_nothing(client, officer):
    client.force_login(officer)
    before = officer.password
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "87654321987", "new_password2": "87654321987"},
    )
    assert response.status_code == 200
    assert "entirely numeric" in response.content.decode()
    officer.refresh_from_db()
    assert officer.password == before


def test_change_keeps_this_session_and_ends_the_others(client, officer):
    other = type(client)()
    other.force_login(officer)
    client.force_login(officer)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200
    assert other.get(reverse("accounts:account")).status_code == 302  # to the login page
    assert AuditEvent.objects.filter(event="user.password_changed", target_id=officer.pk).exists()


def reset_link(client: Any, email: str) -> str:
    response = client.post(reverse("accounts:password_reset"), {"email": email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    match = re.search(r"https?://\S+/password-reset/\S+/\S+/", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match[0].split("://", 1)[1].split("/", 1)[1]


def test_reset_answers_the_same_for_an_unknown_address(client, officer):
    known = client.post(reverse("accounts:password_reset"), {"email": officer.email})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [officer.email]


def test_reset_by_email_is_the_way_back_from_a_lock(client, officer, settings):
    """The real user, locked out by someone guessing, resets by email: the link works while
    the username is locked, the reset lifts the lock and revokes the API tokens."""
    key = api_key_for(officer)
    for _ in range(settings.MITRA["LOGIN_MAX_FAILURES"]):
        client.post(reverse("accounts:login"), {"username": "kemendagri", "password": "guess"})
    locked = client.post(
        reverse("accounts:login"), {"username": "kemendagri", "password": PASSWORD}
    )
    assert "Too many failed sign-in attempts." in locked.content.decode()

    link = "/" + reset_link(client, officer.email)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "zzzzzzzzzzzz", "new_password2": "zzzzzzzzzzzz"})
    assert weak.status_code == 200
    assert "too few different characters" in weak.content.decode()
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"].endswith("/password-reset/done/")

    response = client.post(
        reverse("accounts:login"), {"username": "kemendagri", "password": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    assert not ApiToken.objects.active().filter(user=officer).exists()
    assert api_token_authenticate(key=key) is None
    assert AuditEvent.objects.filter(event="user.password_reset", target_id=officer.pk).exists()
    # The link is used up.
    assert "not valid" in client.get(link, follow=True).content.decode()
