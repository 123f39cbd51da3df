"""A finding turned into a follow-up and escalated to a sanction case (issue 17 §3): the
services (who may, refusals that write nothing, audit) and the pages (button on the finding →
form with a note → the follow-up on the finding's page → escalation)."""

import pytest
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.world import World, build_world
from mitra.iati.models import Finding, FollowUp
from mitra.iati.services import finding_follow_up, follow_up_escalate
from mitra.monitoring.models import FollowUpItem
from mitra.monitoring.tests.factories import FindingFactory, MonitoringVisitFactory
from mitra.sanctions.models import SanctionCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def _finding(world: World, **extra) -> Finding:
    values = {
        "kind": Finding.Kind.AFTER_END,
        "key": "after_end:abc",
        "organization": world.ford,
        "agreement": world.kemendagri_active,
        "detail": {"activity": "US-EIN-13-1684331-X", "date": "2024-04-10"},
    }
    return Finding.objects.create(**{**values, **extra})


def test_follow_up_is_recorded_and_audited(world):
    finding = _finding(world)
    officer = world.users["officer"]  # Kemendagri: the agreement's partner ministry
    record = finding_follow_up(
        finding_id=finding.pk, note="Ask for the contract.", owner="Pusat Fasker",
        due_date=None, actor=officer,
    )  # fmt: skip
    finding.refresh_from_db()
    assert finding.status == Finding.Status.FOLLOWED_UP
    assert finding.follow_up_record == record
    assert (record.note, record.owner, record.created_by) == (
        "Ask for the contract.",
        "Pusat Fasker",
        officer,
    )
    event = AuditEvent.objects.get(event="iati_finding.followed_up")
    assert event.data["new"]["follow_up"] == record.pk
    assert event.actor == officer


@pytest.mark.parametrize("role", ["viewer", "other_officer", "org_representative"])
def test_follow_up_refused_to_others_writes_nothing(world, role):
    finding = _finding(world)
    with pytest.raises(ApplicationError):
        finding_follow_up(
            finding_id=finding.pk, note="x", owner="y", due_date=None, actor=world.users[role]
        )
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN
    assert not FollowUp.objects.exists()
    assert not AuditEvent.objects.filter(event="iati_finding.followed_up").exists()


def test_secretariat_may_follow_up_any_finding(world, settings):
    settings.MITRA = {**settings.MITRA, "TPOA_SECRETARIAT": "kemenkes"}
    finding = _finding(world, agreement=None)
    finding_follow_up(
        finding_id=finding.pk, note="x", owner="y", due_date=None,
        actor=world.users["other_officer"],
    )  # fmt: skip
    assert FollowUp.objects.filter(finding=finding).exists()


def test_follow_up_needs_a_note_and_an_owner(world):
    finding = _finding(world)
    with pytest.raises(ApplicationError) as exc:
        finding_follow_up(
            finding_id=finding.pk, note=" ", owner="", due_date=None,
            actor=world.users["operator"],
        )  # fmt: skip
    assert set(exc.value.extra) == {"note", "owner"}
    assert not FollowUp.objects.exists()


def test_follow_up_attached_to_a_monitoring_finding_of_the_organization_only(world):
    finding = _finding(world)
    operator = world.users["operator"]
    other = FindingFactory(
        visit=MonitoringVisitFactory(agreement=world.kemenkes_active, organization=world.other_org)
    )
    with pytest.raises(ApplicationError) as exc:
        finding_follow_up(
            finding_id=finding.pk, note="x", owner="y", due_date=None, actor=operator,
            monitoring_finding_id=other.pk,
        )  # fmt: skip
    assert "monitoring_finding" in exc.value.extra
    assert not FollowUpItem.objects.exists()
    assert not FollowUp.objects.exists()
    mine = FindingFactory(
        visit=MonitoringVisitFactory(agreement=world.kemendagri_active, organization=world.ford)
    )
    record = finding_follow_up(
        finding_id=finding.pk, note="x", owner="y", due_date=None, actor=operator,
        monitoring_finding_id=mine.pk,
    )  # fmt: skip
    assert record.monitoring_item.finding == mine


def test_escalation_opens_one_sanction_case(world):
    finding = _finding(world)
    officer = world.users["officer"]
    finding_follow_up(
        finding_id=finding.pk, note="Spent in the gap.", owner="y", due_date=None, actor=officer
    )
    record = follow_up_escalate(finding_id=finding.pk, actor=officer)
    case = record.sanction_case
    assert case.organization == world.ford
    assert case.source == SanctionCase.Source.MONITORING
    assert finding.key in case.source_detail
    assert "Spent in the gap." in case.violation
    assert AuditEvent.objects.filter(event="iati_follow_up.escalated").count() == 1
    with pytest.raises(ApplicationError):
        follow_up_escalate(finding_id=finding.pk, actor=officer)
    assert SanctionCase.objects.count() == 1


def test_escalation_refused_without_organization_or_follow_up(world):
    operator = world.users["operator"]
    unregistered = _finding(
        world, kind=Finding.Kind.UNREGISTERED, organization=None, agreement=None
    )
    with pytest.raises(ApplicationError):
        follow_up_escalate(finding_id=unregistered.pk, actor=operator)  # no follow-up yet
    finding_follow_up(
        finding_id=unregistered.pk, note="x", owner="y", due_date=None, actor=operator
    )
    with pytest.raises(ApplicationError):
        follow_up_escalate(finding_id=unregistered.pk, actor=operator)
    assert not SanctionCase.objects.exists()


def test_the_pages_button_form_follow_up_escalation(client, world):
    finding = _finding(world)
    client.force_login(world.users["officer"])
    detail = reverse("iati:finding_detail", args=[finding.pk])
    form_url = reverse("iati:finding_follow_up", args=[finding.pk])
    page = client.get(detail)
    assert form_url.encode() in page.content  # the button
    assert client.get(form_url).status_code == 200
    # a note is required: the form again, with the message, nothing saved
    bad = client.post(form_url, {"note": "", "owner": "Pusat Fasker"})
    assert bad.status_code == 400
    assert "note" in bad.context["form"].errors
    assert b"invalid-feedback" in bad.content
    assert not FollowUp.objects.exists()
    done = client.post(
        form_url,
        {"note": "Ask for the contract.", "owner": "Pusat Fasker", "due_date": "2026-01-31"},
    )
    assert done.status_code == 302
    assert done.url == detail
    page = client.get(detail)
    assert b"Ask for the contract." in page.content
    assert b'id="iati-escalate"' in page.content
    client.post(reverse("iati:follow_up_escalate", args=[finding.pk]))
    case = FollowUp.objects.get().sanction_case
    page = client.get(detail)
    assert reverse("sanctions:detail", args=[case.pk]).encode() in page.content
    # the finding list links to the finding's page
    assert detail.encode() in client.get(reverse("iati:findings") + "?status=all").content


def test_a_body_that_only_sees_the_finding_gets_no_button_and_a_403(client, world):
    finding = _finding(world)
    client.force_login(world.users["viewer"])
    page = client.get(reverse("iati:finding_detail", args=[finding.pk]))
    assert page.status_code == 200
    assert reverse("iati:finding_follow_up", args=[finding.pk]).encode() not in page.content
    assert client.get(reverse("iati:finding_follow_up", args=[finding.pk])).status_code == 403
    response = client.post(reverse("iati:follow_up_escalate", args=[finding.pk]))
    assert response.status_code == 403
