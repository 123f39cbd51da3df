"""N9's 4.5-year alert counted over every assignment of the person, and the passport and
stay-permit reminders: all `DeadlineRule`s read through the deadline engine."""

from datetime import date

import pytest

from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.models import DeadlineRule
from mitra.deadlines.registry import deadlines_for_user
from mitra.permits.lifecycle import staff_assignment_end
from mitra.staff import services
from mitra.staff.deadline_providers import staff_deadlines

from .conftest import PASSPORT, approved

pytestmark = pytest.mark.django_db
FAR = date(2040, 1, 1)


def test_the_alert_counts_the_years_served_with_another_organization(scene):
    # Two years with Asia (1 Feb 2026 - 31 Jan 2028), then Ford from 1 March 2028.
    first = approved(scene, org=scene.asia, rep=scene.asia_rep, end_date=date(2028, 1, 31))
    with freeze_today(date(2028, 1, 31)):
        staff_assignment_end(
            assignment_id=first.assignment_id,
            reason="End.",
            legal_basis="Contract",
            actor=scene.ktln,
        )
    second = approved(
        scene,
        start_date=date(2028, 3, 1),
        end_date=date(2031, 1, 31),
        passport_expires_on=None,
    )
    alerts = [d for d in staff_deadlines(start=None, end=FAR) if d.key.endswith("cumulative_alert")]
    assert len(alerts) == 1
    alert = alerts[0]
    assert alert.key == f"staff:{second.assignment_id}:cumulative_alert"
    # 730 days served before: the count starts 730 days before 1 March 2028 (a leap year),
    # i.e. 2 March 2026, and 54 months (the rule) later is 2 September 2030.
    assert alert.due == date(2030, 9, 2)
    assert alert.window
    assert alert.organizations == [scene.ford.pk]
    assert alert.agencies == [scene.kemensetneg.pk]
    assert PASSPORT not in alert.title


def test_the_alert_follows_the_rule_in_force(scene):
    DeadlineRule.objects.create(
        code="staff.assignment_alert",
        version=2,
        name="Alert",
        kind="months",
        amount=48,
        direction="after",
        anchor="assignment start",
        valid_from=date(2020, 1, 1),
    )
    request = approved(scene)
    alert = next(d for d in staff_deadlines(start=None, end=FAR) if d.key.endswith("alert"))
    assert request.start_date == date(2026, 2, 1)
    assert alert.due == date(2030, 2, 1)


def test_no_alert_once_the_assignment_ended(scene):
    request = approved(scene)
    staff_assignment_end(
        assignment_id=request.assignment_id, reason="End.", legal_basis="Contract", actor=scene.ktln
    )
    assert list(staff_deadlines(start=None, end=FAR)) == []


def test_passport_and_stay_permit_reminders(scene):
    request = approved(scene, passport_expires_on=date(2029, 6, 30))
    services.staff_request_record_stay_permit(
        request_id=request.pk,
        data=services.StayPermitInput("KITAS-1", date(2026, 2, 1), date(2027, 1, 31)),
        actor=scene.ford_rep,
    )
    found = {
        d.key.split(":")[2]: d
        for d in staff_deadlines(start=None, end=FAR)
        if d.key.startswith("staff_person")
    }
    assert found["passport"].due == date(2028, 12, 30)  # 6 months before
    assert found["stay_permit"].due == date(2026, 11, 30)  # 2 months before
    for deadline in found.values():
        assert "KITAS-1" not in deadline.title
        assert PASSPORT not in deadline.title
    # The renewed stay permit moves the reminder on (the old one is met).
    services.staff_person_update_documents(
        person_id=request.person_id,
        data=services.PersonDocumentsInput(
            PASSPORT, date(2029, 6, 30), "KITAS-2", date(2027, 1, 31), date(2028, 1, 31)
        ),
        actor=scene.ktln,
    )
    found = {
        d.key.split(":")[2]: d
        for d in staff_deadlines(start=None, end=FAR)
        if d.key.startswith("staff_person")
    }
    assert found["stay_permit"].due == date(2027, 11, 30)


def test_deadlines_are_shown_to_the_organization_and_biro_ktln_only(scene):
    approved(scene)
    end = FAR
    assert any(d.source == "staff" for d in deadlines_for_user(user=scene.ford_rep, end=end))
    assert any(d.source == "staff" for d in deadlines_for_user(user=scene.ktln, end=end))
    for user in (scene.asia_rep, scene.kemenkeu_officer):
        assert not any(d.source == "staff" for d in deadlines_for_user(user=user, end=end))
