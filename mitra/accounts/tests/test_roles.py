"""Issue 18 §4: roles, affiliation, agency and the one edit rule (`accounts.ownership`), and
the language preference that notices follow."""

from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, F, Value

from mitra.accounts.models import User
from mitra.accounts.ownership import editable_owner_q, unit_of, user_edits_for, user_may_edit_any
from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.notifications.services import language_of
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


# --- roles ---------------------------------------------------------------------------------


def test_each_role_reads_and_writes_as_documented(operator, officer, viewer, kemendagri):
    representative = UserFactory(org_representative=True)
    assert operator.is_operator
    assert operator.can_edit_records
    assert not operator.is_government
    assert officer.is_government
    assert officer.can_edit_records
    assert not officer.is_operator
    assert viewer.is_government
    assert not viewer.can_edit_records
    assert not representative.is_government
    assert not representative.can_edit_records
    assert not representative.is_operator


def test_a_superuser_is_an_operator_whatever_the_role(kemendagri):
    root = UserFactory(username="root", is_superuser=True)
    assert root.role == User.Role.VIEWER
    assert root.is_operator


def test_an_inactive_account_loses_its_rights(kemendagri):
    operator = UserFactory(username="old-op", operator=True, is_active=False)
    officer = UserFactory(username="old-officer", officer=True, body=kemendagri, is_active=False)
    assert not operator.is_operator
    assert not operator.can_edit_records
    assert not officer.can_edit_records


def test_an_officer_without_a_body_writes_nothing():
    officer = UserFactory(username="bodiless", role=User.Role.OFFICER)
    assert not officer.is_government
    assert not officer.can_edit_records
    assert not user_may_edit_any(officer)


def test_a_user_belongs_to_a_body_or_an_organization_never_both(kemendagri):
    organization = ForeignOrganizationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(
            username="both", role=User.Role.OFFICER, body=kemendagri, organization=organization
        )
    assert not User.objects.filter(username="both").exists()


def test_the_agency_is_the_top_of_the_users_body_chain(officer, kemendagri, fasker):
    deeper = GovernmentBodyFactory(unit=True, parent=fasker)
    user = UserFactory(username="deep", officer=True, body=deeper)
    assert officer.agency == kemendagri
    assert user.agency == kemendagri
    assert user.reading_body_ids == [deeper.pk, fasker.pk, kemendagri.pk]
    assert UserFactory(username="op2", operator=True).agency is None


def test_reading_body_ids_costs_no_query_once_the_agency_is_known(
    officer, django_assert_num_queries
):
    user = User.objects.get(pk=officer.pk)
    user.agency  # noqa: B018 (loads the chain)
    with django_assert_num_queries(0):
        assert len(user.reading_body_ids) == 2


# --- ownership: the edit rule for records an agency holds --------------------------------


@pytest.fixture
def people(operator, officer, viewer, other_officer, kemendagri, fasker) -> dict[str, Any]:
    other_unit = GovernmentBodyFactory(unit=True, parent=kemendagri)
    return {
        "operator": operator,
        "officer": officer,  # Kemendagri, unit Pusat Fasker
        "root_officer": UserFactory(username="kemendagri-root", officer=True, body=kemendagri),
        "other_unit_officer": UserFactory(username="other-unit", officer=True, body=other_unit),
        "viewer": viewer,
        "other_officer": other_officer,
        "representative": UserFactory(org_representative=True),
        "other_unit": other_unit,
    }


@pytest.mark.parametrize(
    ("who", "unit", "edits"),
    [
        ("operator", None, True),
        ("operator", "fasker", True),
        ("officer", None, True),  # the agency's as a whole
        ("officer", "fasker", True),  # their own unit
        ("officer", "other_unit", False),  # another unit of the same agency
        ("root_officer", None, True),
        ("root_officer", "fasker", False),  # the agency level is not inside the unit
        ("other_unit_officer", "fasker", False),
        ("viewer", None, False),
        ("other_officer", None, False),  # another ministry
        ("representative", None, False),
    ],
)
def test_user_edits_for(people, kemendagri, fasker, who, unit, edits):
    unit_id = {"fasker": fasker.pk, "other_unit": people["other_unit"].pk, None: None}[unit]
    assert user_edits_for(people[who], agency_id=kemendagri.pk, unit_id=unit_id) is edits


def test_anonymous_edits_nothing(kemendagri):
    from django.contrib.auth.models import AnonymousUser

    assert not user_edits_for(AnonymousUser(), agency_id=kemendagri.pk, unit_id=None)
    assert not user_may_edit_any(AnonymousUser())


def test_the_queryset_filter_says_what_the_predicate_says(people, kemendagri, fasker, kemenkes):
    """Every (agency, unit) pair a record may name, for every editor: the Q and the predicate
    agree (bodies themselves stand in for records: agency = root, unit = the body)."""
    records = [(kemendagri, None), (kemendagri, fasker), (kemendagri, people["other_unit"])]
    records.append((kemenkes, None))
    for who in ("operator", "officer", "root_officer", "other_unit_officer", "other_officer"):
        user = people[who]
        q = editable_owner_q(user, agency_field="agency", unit_field="unit")
        for agency, unit in records:
            expected = user_edits_for(user, agency_id=agency.pk, unit_id=unit.pk if unit else None)
            if q is None:
                assert expected, who
                continue
            # Evaluate the Q on a one-row annotated queryset shaped like a record.
            unit_pk = Value(unit.pk if unit else None, output_field=BigIntegerField())
            row = GovernmentBody.objects.filter(pk=agency.pk).annotate(
                agency_id=F("pk"), unit_id=unit_pk, unit=unit_pk
            )
            assert row.filter(q).exists() is expected, (who, agency.key, unit)


def test_unit_of_names_the_agency_and_the_unit(kemendagri, fasker):
    assert unit_of(fasker) == (kemendagri, fasker)
    assert unit_of(kemendagri) == (kemendagri, None)


# --- language preference -------------------------------------------------------------------


def test_the_preferred_language_defaults_to_indonesian_and_notices_follow_it(officer):
    assert officer.preferred_language == "id"
    assert language_of(officer) == "id"
    officer.preferred_language = "en"
    officer.save(update_fields=["preferred_language"])
    officer.refresh_from_db()
    assert language_of(officer) == "en"


def test_an_unknown_language_falls_back_to_the_site_language(officer, settings):
    officer.preferred_language = "fr"
    assert language_of(officer) == settings.LANGUAGE_CODE.split("-")[0]
    assert language_of(object()) == settings.LANGUAGE_CODE.split("-")[0]


def test_the_preferred_language_choices_are_the_sites_languages(settings):
    field = User._meta.get_field("preferred_language")
    assert {code for code, _label in field.choices} == {code for code, _ in settings.LANGUAGES}
