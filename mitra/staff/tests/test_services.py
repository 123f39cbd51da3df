"""The request flow, the cap, N9 across organizations, refusals (nothing written), audit and
notices (issue 15 §2)."""

from datetime import date

import pytest

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.notifications.models import Notice
from mitra.permits.lifecycle import staff_assignment_end
from mitra.permits.models import ForeignStaffAssignment
from mitra.staff import services
from mitra.staff.models import ForeignStaffPerson, PersonAssignment, StaffRequest

from .conftest import TODAY, approved, request_input

pytestmark = pytest.mark.django_db


def snapshot() -> tuple[int, ...]:
    return (
        ForeignStaffPerson.objects.count(),
        StaffRequest.objects.count(),
        ForeignStaffAssignment.objects.count(),
        PersonAssignment.objects.count(),
        AuditEvent.objects.count(),
        Notice.objects.count(),
    )


def test_the_whole_flow(scene):
    request = services.staff_request_create(
        organization_id=scene.ford.pk, data=request_input(scene), actor=scene.ford_rep
    )
    assert request.status == StaffRequest.Status.REQUESTED
    told = set(
        Notice.objects.filter(event="staff.requested").values_list("user__username", flat=True)
    )
    assert {"kemenkes", "kemenkes_viewer", "ktln"} <= told
    assert "ford" not in told
    services.staff_request_recommend(
        request_id=request.pk, note="Needed.", actor=scene.kemenkes_officer
    )
    request = services.staff_request_approve(
        request_id=request.pk, approval_number="B-1/KTLN", approved_on=TODAY, actor=scene.ktln
    )
    assert request.status == StaffRequest.Status.APPROVED
    assignment = request.assignment
    assert assignment.status == ForeignStaffAssignment.Status.ACTIVE
    assert assignment.person_link.person == request.person
    assert Notice.objects.filter(event="staff.approved", user=scene.ford_rep).exists()
    request = services.staff_request_record_stay_permit(
        request_id=request.pk,
        data=services.StayPermitInput("KITAS-9", date(2026, 2, 1), date(2027, 1, 31)),
        actor=scene.ford_rep,
    )
    assert request.status == StaffRequest.Status.ACTIVE
    assert request.person.stay_permit_number == "KITAS-9"
    events = list(
        AuditEvent.objects.filter(event__startswith="staff_").values_list("event", flat=True)
    )
    assert {
        "staff_person.created",
        "staff_request.requested",
        "staff_request.recommended",
        "staff_request.approved",
        "staff_request.stay_permit_recorded",
    } <= set(events)
    assert AuditEvent.objects.filter(event="foreign_staff.assigned").count() == 1


def test_a_fourth_request_is_refused_with_the_cap_named(scene):
    for n in range(3):
        approved(scene, name=f"Staff {n}", passport_number=f"P{n}")
    before = snapshot()
    with pytest.raises(ApplicationError) as error:
        services.staff_request_create(
            organization_id=scene.ford.pk,
            data=request_input(scene, passport_number="P9"),
            actor=scene.ford_rep,
        )
    assert "the cap is 3 active foreign staff" in str(error.value.extra["organization"][0])
    assert snapshot() == before


def test_open_requests_count_towards_the_cap(scene):
    for n in range(3):
        services.staff_request_create(
            organization_id=scene.ford.pk,
            data=request_input(scene, passport_number=f"P{n}"),
            actor=scene.ford_rep,
        )
    with pytest.raises(ApplicationError) as error:
        services.staff_request_create(
            organization_id=scene.ford.pk,
            data=request_input(scene, passport_number="P9"),
            actor=scene.ford_rep,
        )
    assert "organization" in error.value.extra


def test_the_cap_is_configurable(scene, settings):
    settings.MITRA = {**settings.MITRA, "STAFF_MAX_ACTIVE": 1}
    approved(scene)
    with pytest.raises(ApplicationError) as error:
        services.staff_request_create(
            organization_id=scene.ford.pk,
            data=request_input(scene, passport_number="P9"),
            actor=scene.ford_rep,
        )
    assert "the cap is 1" in str(error.value.extra["organization"][0])


def test_n9_counts_assignments_with_two_organizations(scene):
    """Four years with Asia (2021-2025), then Ford asks for two more: refused; one is fine."""
    first = approved(
        scene,
        org=scene.asia,
        rep=scene.asia_rep,
        start_date=date(2026, 2, 1),
        end_date=date(2030, 1, 31),
    )
    # The assignment ran its four years: Biro KTLN ends it on its last day.
    with freeze_today(date(2030, 1, 31)):
        staff_assignment_end(
            assignment_id=first.assignment_id,
            reason="Contract ended.",
            legal_basis="PP 59/2016 Ps 25",
            actor=scene.ktln,
        )
    before = snapshot()
    with pytest.raises(ApplicationError) as error:
        services.staff_request_create(
            organization_id=scene.ford.pk,
            data=request_input(
                scene,
                start_date=date(2030, 3, 1),
                end_date=date(2032, 2, 29),
                passport_expires_on=date(2035, 1, 1),
            ),
            actor=scene.ford_rep,
        )
    message = str(error.value.extra["end_date"][0])
    assert "1461 days" in message
    assert "5 years" in message
    assert snapshot() == before
    # One more year fits: the same person (found by passport), now with Ford.
    request = services.staff_request_create(
        organization_id=scene.ford.pk,
        data=request_input(
            scene,
            start_date=date(2030, 3, 1),
            end_date=date(2031, 2, 28),
            passport_expires_on=date(2035, 1, 1),
        ),
        actor=scene.ford_rep,
    )
    assert request.person == first.person
    assert ForeignStaffPerson.objects.count() == 1


def test_refusal_needs_a_reason_and_names_it(scene):
    request = services.staff_request_create(
        organization_id=scene.ford.pk, data=request_input(scene), actor=scene.ford_rep
    )
    before = snapshot()
    with pytest.raises(ApplicationError) as error:
        services.staff_request_refuse(request_id=request.pk, reason="  ", actor=scene.ktln)
    assert "reason" in error.value.extra
    assert snapshot() == before
    request = services.staff_request_refuse(
        request_id=request.pk, reason="No counterpart.", actor=scene.ktln
    )
    assert request.status == StaffRequest.Status.REFUSED
    assert Notice.objects.filter(event="staff.refused", user=scene.ford_rep).exists()
    with pytest.raises(ApplicationError):
        services.staff_request_recommend(
            request_id=request.pk, note="x", actor=scene.kemenkes_officer
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": " "}, "name"),
        ({"nationality": "USA"}, "nationality"),
        ({"nationality": "ID"}, "nationality"),
        ({"passport_number": ""}, "passport_number"),
        ({"end_date": date(2026, 1, 1)}, "end_date"),
        ({"passport_expires_on": date(2025, 1, 1)}, "passport_expires_on"),
        ({"partner_ministry_id": None}, "partner_ministry"),
        ({"partner_ministry_id": 999999}, "partner_ministry"),
    ],
)
def test_bad_request_input_writes_nothing(scene, overrides, field):
    before = snapshot()
    with pytest.raises(ApplicationError) as error:
        services.staff_request_create(
            organization_id=scene.ford.pk,
            data=request_input(scene, **overrides),
            actor=scene.ford_rep,
        )
    assert field in error.value.extra
    assert snapshot() == before


def test_who_may_act(scene):
    with pytest.raises(ApplicationError):  # another organization's representative
        services.staff_request_create(
            organization_id=scene.ford.pk, data=request_input(scene), actor=scene.asia_rep
        )
    with pytest.raises(ApplicationError):  # a ministry officer
        services.staff_request_create(
            organization_id=scene.ford.pk, data=request_input(scene), actor=scene.kemenkes_officer
        )
    request = services.staff_request_create(
        organization_id=scene.ford.pk, data=request_input(scene), actor=scene.ford_rep
    )
    before = snapshot()
    for actor in (scene.kemenkeu_officer, scene.kemenkes_viewer, scene.ford_rep, scene.ktln):
        with pytest.raises(ApplicationError):
            services.staff_request_recommend(request_id=request.pk, note="Yes.", actor=actor)
    for actor in (scene.kemenkes_officer, scene.ford_rep, scene.kemlu):
        with pytest.raises(ApplicationError):
            services.staff_request_approve(
                request_id=request.pk, approval_number="B-1", approved_on=TODAY, actor=actor
            )
    with pytest.raises(ApplicationError):  # KTLN approves only what was recommended
        services.staff_request_approve(
            request_id=request.pk, approval_number="B-1", approved_on=TODAY, actor=scene.ktln
        )
    for actor in (scene.kemenkeu_officer, scene.asia_rep, scene.ford_rep):
        with pytest.raises(ApplicationError):
            services.staff_request_refuse(request_id=request.pk, reason="No.", actor=actor)
    assert snapshot() == before


def test_bad_approval_input_writes_nothing(scene):
    request = services.staff_request_create(
        organization_id=scene.ford.pk, data=request_input(scene), actor=scene.ford_rep
    )
    services.staff_request_recommend(
        request_id=request.pk, note="Yes.", actor=scene.kemenkes_officer
    )
    before = snapshot()
    with pytest.raises(ApplicationError) as error:
        services.staff_request_approve(
            request_id=request.pk,
            approval_number=" ",
            approved_on=date(2026, 5, 1),
            actor=scene.ktln,
        )
    assert {"approval_number", "approved_on"} <= set(error.value.extra)
    assert snapshot() == before


def test_bad_stay_permit_and_documents_write_nothing(scene):
    request = approved(scene)
    before = snapshot()
    with pytest.raises(ApplicationError) as error:
        services.staff_request_record_stay_permit(
            request_id=request.pk,
            data=services.StayPermitInput("", date(2026, 3, 1), date(2026, 2, 1)),
            actor=scene.ford_rep,
        )
    assert {"stay_permit_number", "stay_permit_valid_until"} <= set(error.value.extra)
    with pytest.raises(ApplicationError):  # another organization
        services.staff_request_record_stay_permit(
            request_id=request.pk,
            data=services.StayPermitInput("K-1", date(2026, 2, 1), date(2027, 2, 1)),
            actor=scene.asia_rep,
        )
    with pytest.raises(ApplicationError) as error:
        services.staff_person_update_documents(
            person_id=request.person_id,
            data=services.PersonDocumentsInput("", None, "K-1", None, None),
            actor=scene.ford_rep,
        )
    assert {"passport_number", "stay_permit_valid_until"} <= set(error.value.extra)
    with pytest.raises(ApplicationError):
        services.staff_person_update_documents(
            person_id=request.person_id,
            data=services.PersonDocumentsInput("N-1", None, "", None, None),
            actor=scene.kemenkes_officer,
        )
    assert snapshot() == before
    person = services.staff_person_update_documents(
        person_id=request.person_id,
        data=services.PersonDocumentsInput("N-1", date(2035, 1, 1), "", None, None),
        actor=scene.ford_rep,
    )
    assert person.passport_number == "N-1"
    event = AuditEvent.objects.filter(event="staff_person.documents_updated").get()
    assert event.data == {"private_fields_changed": ["passport_expires_on", "passport_number"]}
