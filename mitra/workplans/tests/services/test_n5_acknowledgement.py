"""regional_notification_acknowledge (issue 9 §3): the notified body, its units and its agency
acknowledge once; everyone else is refused with nothing written; the organization is told."""

from typing import Any

import pytest
from django.core import mail

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.notifications.models import Notice
from mitra.workplans import services
from mitra.workplans.models import RegionalNotification
from mitra.workplans.tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def state() -> dict[str, Any]:
    return {
        "acknowledged": sorted(
            RegionalNotification.objects.values_list(
                "pk", "acknowledged_at", "acknowledged_by", "acknowledging_body"
            )
        ),
        "audit": AuditEvent.objects.count(),
        "notices": Notice.objects.count(),
    }


def test_the_regional_government_acknowledges_and_the_organization_is_told(
    cast, n5, django_capture_on_commit_callbacks
):
    jateng, ford = cast.users["jateng"], cast.users["ford"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        notice = services.regional_notification_acknowledge(
            notification_id=n5.to_pemprov.pk, actor=jateng
        )
    notice.refresh_from_db()
    assert notice.acknowledged_at is not None
    assert notice.acknowledged_by == jateng
    assert notice.acknowledging_body == cast.pemprov
    event = AuditEvent.objects.get(event="workplan.notification_acknowledged")
    assert event.target_id == n5.rkt.pk
    assert event.actor == jateng
    assert event.data["new"]["notification"] == notice.pk
    assert event.data["old"] == {"acknowledged_at": None}
    told = Notice.objects.filter(event="workplans.n5_acknowledged")
    assert [n.user for n in told] == [ford]
    assert "Pemerintah Provinsi Jawa Tengah" in told[0].title
    assert [m.to for m in mail.outbox] == [[ford.email]]


@pytest.mark.parametrize("who", ["kesbangpol", "bappeda"])
def test_a_unit_of_the_notified_government_may_acknowledge(cast, n5, who):
    user = n5.users[who]
    notice = services.regional_notification_acknowledge(
        notification_id=n5.to_pemprov.pk, actor=user
    )
    assert notice.acknowledging_body == user.body


def test_the_parent_agency_acknowledges_a_notice_to_its_unit(cast, n5):
    to_unit = NotificationFactory(
        work_plan=n5.rkt,
        recipient="regional_government",
        notified_body=n5.kesbangpol,
        province=cast.jateng,
    )
    notice = services.regional_notification_acknowledge(
        notification_id=to_unit.pk, actor=cast.users["jateng"]
    )
    assert notice.acknowledging_body == cast.pemprov


def test_a_kemendagri_unit_acknowledges_a_notice_to_kemendagri(cast, n5):
    notice = services.regional_notification_acknowledge(
        notification_id=n5.to_kemendagri.pk, actor=cast.users["officer"]
    )
    assert notice.acknowledged_by == cast.users["officer"]


def refusers(cast: Any, n5: Any) -> dict[str, Any]:
    return {
        "a viewer of the notified government": cast.users["jateng_viewer"],
        "another province's officer": n5.users["diy"],
        "the partner ministry's officer": cast.users["officer"],
        "the organization's representative": cast.users["ford"],
        "an operator": cast.users["operator"],
        "a Kemendagri directorate": n5.users["polpum"],
    }


@pytest.mark.parametrize(
    "who",
    [
        "a viewer of the notified government",
        "another province's officer",
        "the partner ministry's officer",
        "the organization's representative",
        "an operator",
        "a Kemendagri directorate",
    ],
)
def test_others_are_refused_and_nothing_is_written(cast, n5, who):
    before = state()
    with pytest.raises(ApplicationError, match="You may not acknowledge this notice"):
        services.regional_notification_acknowledge(
            notification_id=n5.to_pemprov.pk, actor=refusers(cast, n5)[who]
        )
    assert state() == before


def test_a_sibling_unit_may_not_acknowledge_a_notice_to_another_unit(cast, n5):
    to_kesbangpol = NotificationFactory(
        work_plan=n5.rkt,
        recipient="regional_government",
        notified_body=n5.kesbangpol,
        province=cast.jateng,
    )
    before = state()
    with pytest.raises(ApplicationError):
        services.regional_notification_acknowledge(
            notification_id=to_kesbangpol.pk, actor=n5.users["bappeda"]
        )
    assert state() == before


def test_a_notice_is_acknowledged_once(cast, n5):
    services.regional_notification_acknowledge(
        notification_id=n5.to_pemprov.pk, actor=cast.users["jateng"]
    )
    before = state()
    with pytest.raises(ApplicationError, match="already acknowledged"):
        services.regional_notification_acknowledge(
            notification_id=n5.to_pemprov.pk, actor=n5.users["kesbangpol"]
        )
    assert state() == before


def test_an_unknown_notice_is_refused(cast, n5):
    with pytest.raises(ApplicationError):
        services.regional_notification_acknowledge(
            notification_id=n5.to_pemprov.pk + 1000, actor=cast.users["jateng"]
        )
