"""The notices pages: own notices only, unread count, read marks, preferences; constant queries."""

import pytest
from django.urls import reverse

from mitra.notifications.models import Notice, NotificationPreference

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db


def test_bell_list_and_read_marks_show_only_the_users_own(client, officer, other_officer):
    mine = NoticeFactory(user=officer, title="Mine", url="/id/deadlines/")
    theirs = NoticeFactory(user=other_officer, title="Theirs")
    client.force_login(officer)
    html = client.get(reverse("notifications:list")).content.decode()
    assert 'id="notification-count">1' in html
    assert "Mine" in html
    assert "Theirs" not in html
    # Someone else's notice: 404, unchanged.
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.post(reverse("notifications:read", args=[mine.pk]), {"follow": "1"})
    assert response.status_code == 302
    assert response["Location"] == "/id/deadlines/"
    assert Notice.objects.get(pk=mine.pk).read_at is not None
    NoticeFactory(user=officer, title="Another")
    html = client.get(reverse("notifications:list") + "?unread=1").content.decode()
    assert "Another" in html
    assert "Mine" not in html
    client.post(reverse("notifications:read_all"))
    assert not Notice.objects.filter(user=officer, read_at__isnull=True).exists()
    assert Notice.objects.get(pk=theirs.pk).read_at is None


def test_a_link_elsewhere_is_not_followed(client, officer):
    notice = NoticeFactory(user=officer, url="https://evil.example/")
    client.force_login(officer)
    response = client.post(reverse("notifications:read", args=[notice.pk]), {"follow": "1"})
    assert response["Location"] == reverse("notifications:list")


def test_the_preference_page_saves_and_refuses_nonsense(client, officer):
    client.force_login(officer)
    assert client.get(reverse("notifications:preferences")).status_code == 200
    response = client.post(reverse("notifications:preferences"), {"email": "sometimes"})
    assert response.status_code == 400
    assert not NotificationPreference.objects.exists()
    response = client.post(reverse("notifications:preferences"), {"email": "digest"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=officer).email == "digest"


def test_the_list_queries_stay_constant(client, officer, django_assert_max_num_queries):
    client.force_login(officer)
    NoticeFactory.create_batch(3, user=officer)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("notifications:list"))
    NoticeFactory.create_batch(20, user=officer)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("notifications:list"))


def test_the_api_lists_own_notices_and_marks_read(client, officer, other_officer):
    mine = NoticeFactory(user=officer, title="Mine")
    theirs = NoticeFactory(user=other_officer, title="Theirs")
    client.force_login(officer)
    body = client.get("/api/v1/notifications/?unread=true").json()
    assert [n["title"] for n in body["results"]] == ["Mine"]
    assert client.post(f"/api/v1/notifications/{theirs.pk}/actions/read/").status_code == 404
    assert client.post(f"/api/v1/notifications/{mine.pk}/actions/read/").json()["read_at"]
    response = client.put(
        "/api/v1/notifications/preference/", {"email": "off"}, content_type="application/json"
    )
    assert response.status_code == 200
    bad = client.put(
        "/api/v1/notifications/preference/", {"email": "x"}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert client.get("/api/v1/notifications/preference/").json() == {"email": "off"}
