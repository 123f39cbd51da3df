"""The public page cache (mitra.core.cache): invalidated by the services through the audit
trail, conditional GET, never for signed-in users, one entry per language, and each visitor
gets their own CSP nonce and CSRF token."""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.services import audit_event_record
from mitra.organizations.services import organization_set_published
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.MITRA = {**settings.MITRA, "PUBLIC_PAGE_CACHE_SECONDS": 300}
    cache.clear()
    yield
    cache.clear()


def directory(language: str = "en") -> str:
    with translation.override(language):
        return reverse("portal:directory")


@pytest.mark.django_db(transaction=True)
def test_a_change_through_a_service_shows_on_the_next_request(client, django_assert_num_queries):
    org = ForeignOrganizationFactory(legal_name="Mekong Water Foundation")
    operator = UserFactory(operator=True)
    assert "Mekong Water Foundation" in client.get(directory()).content.decode()
    with django_assert_num_queries(0):  # served from the cache: no query at all
        assert "Mekong Water Foundation" in client.get(directory()).content.decode()

    # The real service, committed: its audit event bumps the generation after the commit.
    organization_set_published(organization_id=org.pk, published=False, actor=operator)

    body = client.get(directory()).content.decode()
    assert "Mekong Water Foundation" not in body
    assert client.get(reverse("portal:organization", args=[org.pk])).status_code == 404


def test_a_change_without_a_recorded_event_is_not_seen_until_then(
    client, django_capture_on_commit_callbacks
):
    """The cache does serve the stored page (so the test above proves the invalidation)."""
    org = ForeignOrganizationFactory(legal_name="Mekong Water Foundation")
    client.get(directory())
    type(org).objects.filter(pk=org.pk).update(legal_name="Renamed Foundation")
    assert "Mekong Water Foundation" in client.get(directory()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        organization_set_published(
            organization_id=org.pk, published=True, actor=UserFactory(operator=True)
        )  # unchanged: no event, no invalidation
    assert "Mekong Water Foundation" in client.get(directory()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        organization_set_published(
            organization_id=org.pk, published=False, actor=UserFactory(operator=True)
        )
    assert "Renamed Foundation" not in client.get(directory()).content.decode()


def test_sign_ins_and_queued_jobs_do_not_empty_the_cache(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """A burst of failed sign-ins (each one recorded) must not make every page render again."""
    user = UserFactory(officer=True)
    client.get(directory())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        audit_event_record(event="user.login_failed", target=user, actor=None)
        audit_event_record(event="job.created", target=user, actor=None)
    assert callbacks == []
    with django_assert_num_queries(0):
        client.get(directory())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        audit_event_record(event="organization.updated", target=user, actor=None)
        audit_event_record(event="agreement.updated", target=user, actor=None)
    assert len(callbacks) == 1  # once per transaction
    with CaptureQueriesContext(connection) as queries:
        client.get(directory())
    assert len(queries) > 0  # rendered again


def test_conditional_get_answers_304(client):
    ForeignOrganizationFactory(legal_name="Mekong Water Foundation")
    first = client.get(directory())
    etag = first["ETag"]
    assert first.status_code == 200
    assert first["Last-Modified"]
    assert "max-age=60" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    assert "Accept-Language" in first["Vary"]

    again = client.get(directory(), headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag

    other = client.get(directory(), headers={"if-none-match": '"something-else"'})
    assert other.status_code == 200
    assert other["ETag"] == etag  # the same page for everyone, whatever the nonce and token
    assert "Mekong Water Foundation" in other.content.decode()


def test_pages_with_a_csrf_token_are_not_for_shared_caches(client):
    response = client.get(directory())
    assert "csrfmiddlewaretoken" in response.content.decode()  # the language form
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_signed_in_users_are_never_served_or_stored(client):
    org = ForeignOrganizationFactory(legal_name="Mekong Water Foundation")
    user = UserFactory(officer=True, first_name="Siti")
    client.force_login(user)
    signed_in = client.get(directory())
    assert "private" in signed_in["Cache-Control"]
    assert "no-cache" in signed_in["Cache-Control"]
    assert "ETag" not in signed_in
    assert "Sign out" in signed_in.content.decode()

    type(org).objects.filter(pk=org.pk).update(legal_name="Renamed Foundation")
    assert "Renamed Foundation" in client.get(directory()).content.decode()  # rendered live

    anonymous = Client().get(directory()).content.decode()
    assert "Sign out" not in anonymous  # nothing of the signed-in page was stored


def test_the_two_languages_are_cached_separately(client, django_assert_num_queries):
    client.get(directory("id"))
    client.get(directory("en"))
    with django_assert_num_queries(0):
        indonesian = client.get(directory("id"))
        english = client.get(directory("en"))
    assert '<html lang="id">' in indonesian.content.decode()
    assert '<html lang="en">' in english.content.decode()
    assert indonesian["ETag"] != english["ETag"]


def test_each_visitor_gets_their_own_nonce_and_a_working_csrf_token(django_assert_num_queries):
    Client().get(directory())  # stores the page
    visitor = Client(enforce_csrf_checks=True)
    with django_assert_num_queries(0):
        response = visitor.get(directory())
    body = response.content.decode()
    nonce = re.search(r'nonce="([^"]+)"', body).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert "__MITRA_" not in body
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    switched = visitor.post(
        reverse("set_language"), {"csrfmiddlewaretoken": token, "language": "id", "next": "/"}
    )
    assert switched.status_code == 302  # the token matches this visitor's cookie

    other = Client().get(directory()).content.decode()
    assert re.search(r'nonce="([^"]+)"', other).group(1) != nonce


def test_unknown_parameters_bypass_the_cache_and_filters_are_variants(
    client, django_assert_num_queries
):
    org = ForeignOrganizationFactory(legal_name="Mekong Water Foundation")
    client.get(directory())
    type(org).objects.filter(pk=org.pk).update(legal_name="Renamed Foundation")
    # A parameter the page does not read: rendered live, not stored under a new key.
    assert "Renamed Foundation" in client.get(directory() + "?utm=x").content.decode()
    # A kind filter is a variant of its own.
    assert "Renamed Foundation" in client.get(directory() + "?kind=ngo").content.decode()
    with django_assert_num_queries(0):
        client.get(directory() + "?kind=ngo")


def test_a_visitor_with_a_message_waiting_gets_it_and_nobody_else_does(client):
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.INFO, "Hello visitor")])
    response = client.get(directory())
    assert "Hello visitor" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert "ETag" not in response
    assert "Hello visitor" not in Client().get(directory()).content.decode()


def test_the_permit_statistics_page_is_cached_too(client, django_assert_num_queries):
    url = reverse("permits:public_statistics")
    assert client.get(url).status_code == 200
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["ETag"]


def test_the_database_cache_shared_by_workers_without_redis_works(settings, client):
    """`make run` (no REDIS_URL) uses the table `mitra_cache` that core's migration makes."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "mitra_cache",
        }
    }
    org = ForeignOrganizationFactory(legal_name="Mekong Water Foundation")
    client.get(directory())
    type(org).objects.filter(pk=org.pk).update(legal_name="Renamed Foundation")
    with CaptureQueriesContext(connection) as queries:
        body = client.get(directory()).content.decode()
    assert "Mekong Water Foundation" in body  # the stored page
    assert len(queries) == 1  # one SELECT on mitra_cache: the generation and the page
    assert "mitra_cache" in queries[0]["sql"]
