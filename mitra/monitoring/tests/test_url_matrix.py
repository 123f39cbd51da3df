"""Every monitoring URL × every role; refused writes change nothing; allowed writes audit."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from mitra.agreements.tests.factories import PDF_BYTES
from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.core.tests.matrix import (
    assert_allowed_posts_audit,
    assert_every_route_has_a_row,
    assert_get_matrix,
    assert_refused_posts_change_nothing,
    login,
)
from mitra.core.tests.world import ROLES, World, build_world
from mitra.monitoring.models import (
    Finding,
    FollowUpItem,
    FundingDisclosureLine,
    MonitoringVisit,
    Report,
    ReportAttachment,
    ReportingSchedule,
)

from .factories import FindingFactory, FollowUpItemFactory, MonitoringVisitFactory, ReportFactory
from .url_matrix import GET

pytestmark = pytest.mark.django_db
PINNED = date(2026, 11, 29)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@dataclass
class Objects:
    world: World
    r_a: Report
    r_k: Report
    r_submitted: Report
    r_submitted_2: Report
    att: ReportAttachment
    v_a: MonitoringVisit
    v_k: MonitoringVisit
    f_a: Finding
    fu_a: FollowUpItem


@pytest.fixture
def objects() -> Objects:
    w = build_world()
    r_a = ReportFactory(agreement=w.kemendagri_active, due_date=date(2026, 11, 1))
    r_k = ReportFactory(agreement=w.kemenkes_active)
    r_submitted = ReportFactory(
        agreement=w.kemendagri_active, status="submitted", period_start=date(2024, 4, 4)
    )
    r_submitted_2 = ReportFactory(
        agreement=w.kemendagri_active, status="submitted", period_start=date(2024, 10, 4)
    )
    att = ReportAttachment(
        report=r_a, title="Annex", original_name="a.pdf", content_type="application/pdf",
        size=len(PDF_BYTES), sha256="0" * 64,
    )  # fmt: skip
    att.file.save("a.pdf", ContentFile(PDF_BYTES), save=True)
    v_a = MonitoringVisitFactory(agreement=w.kemendagri_active)
    v_k = MonitoringVisitFactory(agreement=w.kemenkes_active)
    f_a = FindingFactory(visit=v_a)
    fu_a = FollowUpItemFactory(finding=f_a)
    return Objects(w, r_a, r_k, r_submitted, r_submitted_2, att, v_a, v_k, f_a, fu_a)


def kwargs_for(o: Objects, target: str) -> dict[str, Any]:
    w = o.world
    return {
        "": {},
        "a": {"pk": w.kemendagri_active.pk},
        "d": {"pk": w.kemendagri_draft.pk},
        "k": {"pk": w.kemenkes_active.pk},
        "r_a": {"pk": o.r_a.pk},
        "r_k": {"pk": o.r_k.pk},
        "att": {"pk": o.r_a.pk, "attachment_pk": o.att.pk},
        "r_k_with_att": {"pk": o.r_k.pk, "attachment_pk": o.att.pk},
        "v_a": {"pk": o.v_a.pk},
        "v_k": {"pk": o.v_k.pk},
        "f_a": {"pk": o.f_a.pk},
        "fu_a": {"pk": o.fu_a.pk},
    }[target]


def test_every_monitoring_url_has_a_row():
    assert_every_route_has_a_row("monitoring", GET, mixed=True)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, objects, role):
    login(client, objects.world, role)
    with freeze_today(PINNED):
        assert_get_matrix(client, GET, role, kwargs=lambda target: kwargs_for(objects, target))


def post_cases(o: Objects) -> dict[str, tuple[str, dict[str, Any], tuple[int, ...]]]:
    a = o.world.kemendagri_active
    return {
        "set the schedule": (
            reverse("monitoring:schedule_set", args=[a.pk]),
            {
                "frequency": "annual",
                "first_period_start": "2024-04-04",
                "activity_reports": "on",
            },
            (302, 302, 302, 403, 404, 403),
        ),  # fmt: skip
        "submit the report": (
            reverse("monitoring:report_submit", args=[o.r_a.pk]),
            {"activities": "Trainings in Semarang.", "outputs": ""},
            (302, 302, 403, 403, 404, 302),
        ),
        "accept a submitted report": (
            reverse("monitoring:report_accept", args=[o.r_submitted.pk]),
            {},
            (302, 302, 302, 403, 404, 403),
        ),
        "request a revision": (
            reverse("monitoring:report_revision", args=[o.r_submitted_2.pk]),
            {"reason": "Add the beneficiaries by sex."},
            (302, 302, 302, 403, 404, 403),
        ),
        "record a visit": (
            reverse("monitoring:visit_create", args=[a.pk]),
            {"start_date": "2026-09-01", "summary": "Field visit."},
            (302, 302, 302, 403, 404, 403),
        ),
        "add a finding": (
            reverse("monitoring:finding_add", args=[o.v_a.pk]),
            {"description": "No RKT for Semarang.", "severity": "major"},
            (302, 302, 302, 403, 404, 403),
        ),
        "add a follow-up": (
            reverse("monitoring:follow_up_add", args=[o.f_a.pk]),
            {"description": "Sign the RKT.", "owner": "Ford Foundation"},
            (302, 302, 302, 403, 404, 403),
        ),
        "close a follow-up": (
            reverse("monitoring:follow_up_status", args=[o.fu_a.pk]),
            {"status": "done"},
            (302, 302, 302, 403, 404, 403),
        ),
    }


def snapshot() -> dict[str, Any]:
    return {
        "reports": sorted(Report.objects.values_list("pk", "status", "activities")),
        "schedules": ReportingSchedule.objects.count(),
        "lines": FundingDisclosureLine.objects.count(),
        "visits": MonitoringVisit.objects.count(),
        "findings": Finding.objects.count(),
        "follow_ups": sorted(FollowUpItem.objects.values_list("pk", "status")),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize("role", ["anonymous", "viewer", "other_officer", "org_representative"])
def test_refused_writes_change_nothing(client, objects, role):
    login(client, objects.world, role)
    with freeze_today(PINNED):
        assert_refused_posts_change_nothing(client, role, post_cases(objects), snapshot)


@pytest.mark.parametrize("role", ["operator", "officer", "org_representative"])
def test_allowed_writes(client, objects, role):
    login(client, objects.world, role)
    with freeze_today(PINNED):
        assert_allowed_posts_audit(client, role, post_cases(objects), snapshot, changes=False)


def test_the_escalate_button_is_hidden_and_refused_without_sanctions(client, objects, monkeypatch):
    from mitra.monitoring import services

    monkeypatch.setattr(services, "sanction_opener", lambda: None)
    client.force_login(objects.world.users["officer"])
    page = client.get(reverse("monitoring:visit_detail", args=[objects.v_a.pk]))
    assert (
        reverse("monitoring:finding_escalate", args=[objects.f_a.pk]) not in page.content.decode()
    )
    before = snapshot()
    response = client.post(reverse("monitoring:finding_escalate", args=[objects.f_a.pk]))
    assert response.status_code == 302
    assert snapshot() == before


def test_an_officer_escalates_a_finding_to_a_sanction_case_once(client, objects):
    from mitra.monitoring import services

    # The sanctions app is part of Mitra: escalation must be available here, not skipped.
    assert services.sanction_opener() is not None
    client.force_login(objects.world.users["officer"])
    url = reverse("monitoring:finding_escalate", args=[objects.f_a.pk])
    assert (
        url
        in client.get(reverse("monitoring:visit_detail", args=[objects.v_a.pk])).content.decode()
    )
    assert client.post(url).status_code == 302
    objects.f_a.refresh_from_db()
    assert objects.f_a.sanction_case_id is not None
    assert AuditEvent.objects.filter(event="monitoring_visit.finding_escalated").count() == 1
    client.post(url)  # a second time is refused
    assert AuditEvent.objects.filter(event="monitoring_visit.finding_escalated").count() == 1
