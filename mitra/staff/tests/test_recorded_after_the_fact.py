"""An assignment Biro KTLN records after the fact (the izin prinsip page or the API, not a
staff request) is linked to its person through `permits.hooks`, so N9 counts it."""

from datetime import date

from mitra.audit.models import AuditEvent
from mitra.permits import services as permit_services
from mitra.staff.models import ForeignStaffPerson, PersonAssignment
from mitra.staff.rules import served_days

from .conftest import approved


def record(scene, org, *, name="Jane Doe", start=date(2024, 4, 1), end=date(2025, 3, 31)):
    return permit_services.staff_assignment_create(
        organization_id=org.pk,
        data=permit_services.StaffInput(
            name=name,
            nationality="us",
            position="Country Director",
            start_date=start,
            end_date=end,
            ktln_approval_number=f"B-{start.isoformat()}/KTLN",
            ktln_approved_on=date(2024, 3, 20),
        ),
        actor=scene.ktln,
    )


def test_a_recorded_assignment_gets_a_person_and_counts_towards_n9(scene):
    first = record(scene, scene.ford)
    second = record(
        scene, scene.ford, name=" jane doe ", start=date(2025, 4, 1), end=date(2026, 3, 31)
    )
    (person,) = ForeignStaffPerson.objects.filter(organization=scene.ford)
    assert (person.name, person.nationality) == ("Jane Doe", "US")
    linked = set(
        PersonAssignment.objects.filter(person=person).values_list("assignment", flat=True)
    )
    assert linked == {first.pk, second.pk}
    assert served_days(person.pk) == 365 + 365
    created = AuditEvent.objects.filter(event="staff_person.created", target_id=person.pk)
    assert created.count() == 1


def test_the_same_name_elsewhere_is_another_person(scene):
    record(scene, scene.ford)
    record(scene, scene.asia)
    assert ForeignStaffPerson.objects.filter(name="Jane Doe").count() == 2


def test_an_approved_request_links_its_own_person_only(scene):
    request = approved(scene)
    assert PersonAssignment.objects.filter(assignment_id=request.assignment_id).count() == 1
    assert ForeignStaffPerson.objects.count() == 1
