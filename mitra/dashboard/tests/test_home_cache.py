"""The home's body from the shared cache (`mitra.dashboard.home_cache`, issue 13 §6): served
again without a query until a recorded change, a new day, another language or another scope
(role, body, organization) asks for a new one; each user their own; off in the test settings."""

import re
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.services import agreement_transition
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.services import audit_event_record
from mitra.core.tests.helpers import freeze_today
from mitra.dashboard import home_cache

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 2)


@pytest.fixture(autouse=True)
def _cache(settings):
    settings.MITRA = {**settings.MITRA, "HOME_CACHE_SECONDS": 300}
    cache.clear()
    with freeze_today(ON):
        yield
    cache.clear()


def home(client, user) -> tuple[str, int]:
    """The home's HTML and how many queries it took."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    # The page around the body is per request: its CSP nonce and CSRF token.
    html = re.sub(r'nonce="[^"]*"', "", response.content.decode())
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html), len(queries)


@pytest.fixture
def ending(kemendagri):
    return AgreementFactory(
        owner=kemendagri,
        title="Mekong water programme",
        active=True,
        start_date=ON - timedelta(days=700),
        end_date=ON + timedelta(days=40),
    )


def test_the_second_request_is_served_from_the_cache(client, officer, ending):
    first, cold = home(client, officer)
    second, warm = home(client, officer)
    assert "Mekong water programme" in first
    assert second == first
    assert warm < cold / 3  # the session, the user and the cache: not the panels


def test_a_recorded_change_shows_on_the_next_request(
    client, officer, ending, django_capture_on_commit_callbacks
):
    home(client, officer)
    # Changed without a service: not seen (the cache does serve the stored body)...
    Agreement.objects.filter(pk=ending.pk).update(title="Renamed programme")
    assert "Mekong water programme" in home(client, officer)[0]
    # ... until a change is recorded: its audit event replaces the generation on commit.
    with django_capture_on_commit_callbacks(execute=True):
        audit_event_record(event="agreement.updated", target=ending, actor=None)
    assert "Renamed programme" in home(client, officer)[0]


def test_a_service_change_invalidates(
    client, officer, operator, ending, django_capture_on_commit_callbacks
):
    assert "Mekong water programme" in home(client, officer)[0]
    with django_capture_on_commit_callbacks(execute=True):
        agreement_transition(
            agreement_id=ending.pk,
            transition="terminate",
            actor=operator,
            reason="Ended early.",
            confirmed=True,
        )
    assert "Mekong water programme" not in home(client, officer)[0]


def test_sign_ins_do_not_empty_it_but_each_user_has_their_own(client, officer, ending):
    other = UserFactory(officer=True)  # another agency: nothing of Kemendagri's
    mine, _ = home(client, officer)
    theirs, _ = home(client, other)
    assert "Mekong water programme" in mine
    assert "Mekong water programme" not in theirs
    assert home(client, officer)[1] < home(client, other)[1] + 100  # both cached now
    assert home(client, officer)[0] == mine


def test_the_key_holds_the_day_the_language_and_the_scope(officer, fasker):
    key = home_cache.home_key(officer, ON)
    assert home_cache.home_key(officer, ON + timedelta(days=1)) != key
    with translation.override("id"):
        assert home_cache.home_key(officer, ON) != key
    officer.role = officer.Role.VIEWER
    assert home_cache.home_key(officer, ON) != key
    officer.role = officer.Role.OFFICER
    officer.body = None
    assert home_cache.home_key(officer, ON) != key
    officer.is_active = False
    assert home_cache.home_key(officer, ON) != key


def test_off_when_the_lifetime_is_zero(client, officer, ending, settings):
    settings.MITRA = {**settings.MITRA, "HOME_CACHE_SECONDS": 0}
    home(client, officer)
    assert cache.get(home_cache.home_key(officer, ON)) is None  # nothing stored
    _, cold = home(client, officer)
    _, again = home(client, officer)
    assert again == cold  # every request builds the body
