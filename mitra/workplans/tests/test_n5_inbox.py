"""The N5 inbox (issue 9 §3): a regional government (and its Kesbangpol) and Kemendagri see
the notices addressed to them and acknowledge them; the organization sees the acknowledgement
on the work plan; the flag once a notice is overdue; constant queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.workplans import services
from mitra.workplans.models import RegionalNotification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db
INBOX = "workplans:n5_inbox"


def inbox(client, user, **params):  # type: ignore[no-untyped-def]
    client.force_login(user)
    return client.get(reverse(INBOX), params)


def listed(response) -> set[int]:  # type: ignore[no-untyped-def]
    return {n.pk for n, _ack, _openable in response.context["rows"]}


def test_each_government_sees_the_notices_addressed_to_it(client, cast, n5):
    pemprov, kemendagri = n5.to_pemprov.pk, n5.to_kemendagri.pk
    expected = {
        cast.users["jateng"]: {pemprov},
        cast.users["jateng_viewer"]: {pemprov},
        n5.users["kesbangpol"]: {pemprov},  # a unit of the notified government
        cast.users["officer"]: {kemendagri},  # Pusat Fasker, a unit of Kemendagri
        n5.users["polpum"]: {kemendagri},
        n5.users["diy"]: set(),
        cast.users["operator"]: {pemprov, kemendagri},
    }
    for user, notices in expected.items():
        response = inbox(client, user)
        assert response.status_code == 200, user
        assert listed(response) == notices, user


def test_the_organization_and_strangers_have_no_inbox(client, cast):
    assert inbox(client, cast.users["ford"]).status_code == 403
    client.logout()
    assert client.get(reverse(INBOX)).status_code == 302


def test_officers_get_the_acknowledge_button_viewers_and_operators_do_not(client, cast, n5):
    action = reverse("workplans:n5_acknowledge", args=[n5.to_pemprov.pk])
    assert action in inbox(client, cast.users["jateng"]).content.decode()
    for user in (cast.users["jateng_viewer"], cast.users["operator"]):
        assert action not in inbox(client, user).content.decode()


def test_acknowledging_from_the_inbox_and_the_organization_sees_it(client, cast, n5):
    client.force_login(cast.users["jateng"])
    response = client.post(reverse("workplans:n5_acknowledge", args=[n5.to_pemprov.pk]))
    assert response.status_code == 302
    assert response.url == reverse(INBOX)
    n5.to_pemprov.refresh_from_db()
    assert n5.to_pemprov.acknowledged_by == cast.users["jateng"]
    page = client.get(reverse(INBOX)).content.decode()
    assert "You acknowledged the N5 notice" in page
    client.force_login(cast.users["ford"])
    page = client.get(reverse("workplans:detail", args=[n5.rkt.pk])).content.decode()
    row = page.split(f'id="notification-{n5.to_pemprov.pk}"')[1].split("</tr>")[0]
    assert "Acknowledged" in row
    assert "by Pemerintah Provinsi Jawa Tengah" in row
    # The page shows the day in Jakarta: from 17:00 UTC it is already the next day there.
    day = timezone.localtime(n5.to_pemprov.acknowledged_at)
    assert f"on {day.day} " in row


def test_a_second_acknowledgement_is_refused_with_a_message(client, cast, n5):
    client.force_login(cast.users["jateng"])
    url = reverse("workplans:n5_acknowledge", args=[n5.to_pemprov.pk])
    client.post(url)
    before = AuditEvent.objects.count()
    response = client.post(url, follow=True)
    assert "already acknowledged" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_outside_the_inbox_an_acknowledgement_is_404_and_writes_nothing(client, cast, n5):
    url = reverse("workplans:n5_acknowledge", args=[n5.to_pemprov.pk])
    before = AuditEvent.objects.count()
    for user, status in [
        (n5.users["diy"], 404),
        (cast.users["officer"], 404),  # Kemendagri: the notice is Pemprov's
        (cast.users["jateng_viewer"], 403),
        (cast.users["ford"], 403),
    ]:
        client.force_login(user)
        assert client.post(url).status_code == status, user
    assert AuditEvent.objects.count() == before
    assert not RegionalNotification.objects.filter(acknowledged_at__isnull=False).exists()


def test_the_flag_before_and_after_the_date(client, cast, n5):
    client.force_login(cast.users["jateng"])
    with freeze_today(date(2025, 2, 20)):
        page = client.get(reverse(INBOX)).content.decode()
        assert "Due by 21 February 2025" in page
        assert "Overdue since" not in page
    with freeze_today(date(2025, 3, 24)):
        page = client.get(reverse(INBOX)).content.decode()
        assert "Overdue since 21 February 2025" in page
        client.force_login(cast.users["ford"])
        detail = client.get(reverse("workplans:detail", args=[n5.rkt.pk])).content.decode()
        row = detail.split(f'id="notification-{n5.to_pemprov.pk}"')[1].split("</tr>")[0]
        assert "Not acknowledged" in row
        assert "Overdue since 21 February 2025" in row


def test_the_filter(client, cast, n5):
    operator = cast.users["operator"]
    services.regional_notification_acknowledge(
        notification_id=n5.to_pemprov.pk, actor=cast.users["jateng"]
    )
    assert listed(inbox(client, operator, state="awaiting")) == {n5.to_kemendagri.pk}
    assert listed(inbox(client, operator, state="acknowledged")) == {n5.to_pemprov.pk}
    assert len(listed(inbox(client, operator, state="nonsense"))) == 2


def test_the_inbox_reads_in_constant_queries(client, cast, n5, django_assert_max_num_queries):
    jateng = cast.users["jateng"]
    client.force_login(jateng)
    client.get(reverse(INBOX))  # warm the session and the calendar cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(INBOX)).status_code == 200
    for i in range(30):
        NotificationFactory(
            work_plan=cast.rik if i % 2 else n5.rkt,
            recipient="regional_government",
            notified_body=n5.kesbangpol if i % 3 else cast.pemprov,
            province=cast.jateng,
            regency=cast.semarang if i % 5 == 0 else None,
            notified_on=date(2025, 1 + i % 10, 1 + i % 28),  # due within 2025
        )
    assert len(few) <= 12
    with django_assert_max_num_queries(len(few)):
        response = client.get(reverse(INBOX))
    assert len(response.context["rows"]) == 25


def test_the_api_lists_the_inbox_and_acknowledges_once(client, cast, n5):
    jateng, ford = cast.users["jateng"], cast.users["ford"]
    url = "/api/v1/workplans/n5-inbox/"
    client.force_login(jateng)
    body = client.get(url, {"state": "awaiting"}).json()
    assert [n["id"] for n in body["results"]] == [n5.to_pemprov.pk]
    assert body["results"][0]["acknowledged_at"] is None
    assert client.get(url, {"state": "nonsense"}).status_code == 400
    # Kemendagri's notice is not in Jateng's inbox: 404, nothing written.
    other = client.post(f"{url}{n5.to_kemendagri.pk}/actions/acknowledge/")
    assert other.status_code == 404
    done = client.post(f"{url}{n5.to_pemprov.pk}/actions/acknowledge/")
    assert done.status_code == 200
    assert done.json()["acknowledging_body"]["id"] == jateng.body_id
    again = client.post(f"{url}{n5.to_pemprov.pk}/actions/acknowledge/")
    assert again.status_code == 400
    assert AuditEvent.objects.filter(event="workplan.notification_acknowledged").count() == 1
    client.force_login(ford)
    assert client.get(url).status_code == 403
    assert client.post(f"{url}{n5.to_pemprov.pk}/actions/acknowledge/").status_code == 403
