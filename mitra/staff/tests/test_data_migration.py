"""staff/0003: a person for every assignment recorded before persons existed, one per
organization, name and nationality, linked to all of theirs; run again, it adds nothing."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.models import ForeignStaffAssignment
from mitra.staff.models import ForeignStaffPerson, PersonAssignment

pytestmark = pytest.mark.django_db
migration = importlib.import_module("mitra.staff.migrations.0003_data_persons_from_assignments")


def assignment(org, name, nationality, start):
    return ForeignStaffAssignment.objects.create(
        organization=org,
        name=name,
        nationality=nationality,
        position="Adviser",
        start_date=start,
        end_date=date(start.year + 1, start.month, 1),
        ktln_approval_number="B-1",
        ktln_approved_on=start,
    )


def test_existing_assignments_get_their_persons():
    ford, asia = ForeignOrganizationFactory(), ForeignOrganizationFactory()
    a1 = assignment(ford, "Jane Doe", "us", date(2020, 1, 1))
    a2 = assignment(ford, " jane doe", "US", date(2022, 1, 1))
    a3 = assignment(asia, "Jane Doe", "US", date(2024, 1, 1))
    a4 = assignment(ford, "Ken Sato", "JP", date(2024, 1, 1))
    migration.link_persons(apps, None)
    assert ForeignStaffPerson.objects.count() == 3
    jane = PersonAssignment.objects.get(assignment=a1).person
    assert PersonAssignment.objects.get(assignment=a2).person == jane
    assert (jane.name, jane.nationality, jane.organization) == ("Jane Doe", "US", ford)
    assert PersonAssignment.objects.get(assignment=a3).person != jane
    assert PersonAssignment.objects.get(assignment=a4).person.name == "Ken Sato"
    migration.link_persons(apps, None)
    assert ForeignStaffPerson.objects.count() == 3
    assert PersonAssignment.objects.count() == 4
