"""Write matrix: the owning unit edits, the rest of its agency reads (issue 10 §2, ADR 0016).

Records of one agency (Kemendagri-like) held by a unit (Pusat Fasker), by another unit (Polpum)
and by the agency as a whole, for agreements, meetings and work plans; users of each unit, of
the agency itself, of another agency, a viewer, a representative and an operator. For every
pair the expectation comes from an oracle written from the rule's words (not from the code under
test), and is checked four ways: the per-object predicate, the queryset, the edit page and the
API. A denied write changes nothing.
"""

from datetime import date
from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.permissions import agreement_is_editable_by
from mitra.agreements.services import AgreementInput, agreement_create, agreement_update
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.exceptions import ApplicationError
from mitra.meetings.models import Meeting
from mitra.meetings.permissions import meeting_is_editable_by
from mitra.meetings.tests.factories import make_meeting
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.workplans.permissions import workplan_can
from mitra.workplans.tests.factories import WorkPlanFactory

pytestmark = pytest.mark.django_db

USERS = [
    "fasker_officer", "fasker_sub_officer", "polpum_officer", "agency_officer",
    "fasker_viewer", "other_officer", "operator", "representative",
]  # fmt: skip
HOLDERS = ["fasker", "polpum", "agency"]


@pytest.fixture
def world() -> dict[str, Any]:
    agency = GovernmentBodyFactory(key="kemendagri-test", name="Kementerian Dalam Negeri Uji")
    fasker = GovernmentBodyFactory(unit=True, parent=agency, name="Pusat Fasilitasi Kerja Sama")
    fasker_sub = GovernmentBodyFactory(unit=True, parent=fasker, name="Bidang Kerja Sama Luar")
    polpum = GovernmentBodyFactory(unit=True, parent=agency, name="Ditjen Polpum")
    other = GovernmentBodyFactory(name="Kementerian Lain")
    organization = ForeignOrganizationFactory()
    users = {
        "fasker_officer": UserFactory(officer=True, body=fasker),
        "fasker_sub_officer": UserFactory(officer=True, body=fasker_sub),
        "polpum_officer": UserFactory(officer=True, body=polpum),
        "agency_officer": UserFactory(officer=True, body=agency),
        "fasker_viewer": UserFactory(viewer=True, body=fasker),
        "other_officer": UserFactory(officer=True, body=other),
        "operator": UserFactory(operator=True),
        "representative": UserFactory(org_representative=True, organization=organization),
    }
    holder_body = {"fasker": fasker, "polpum": polpum, "agency": agency}
    operator = users["operator"]
    agreements = {
        name: agreement_create(
            data=AgreementInput(
                title=f"MSP {name}",
                type=Agreement.Type.MSP,
                owner=body,
                foreign_parties=[organization],
                shared_with=[other],
                start_date=date(2024, 4, 4),
                end_date=date(2027, 4, 3),
            ),
            actor=operator,
        )
        for name, body in holder_body.items()
    }
    meetings = {
        name: make_meeting(agency, actor=operator, organizer_unit=body if body != agency else None)
        for name, body in holder_body.items()
    }
    work_plans = {name: WorkPlanFactory(agreement=a) for name, a in agreements.items()}
    return {
        "users": users,
        "units": {"fasker": fasker, "fasker_sub": fasker_sub, "polpum": polpum},
        "agency": agency,
        "agreements": agreements,
        "meetings": meetings,
        "work_plans": work_plans,
    }


def may_edit(user_name: str, holder: str) -> bool:
    """The rule in its own words: operators edit everything; an officer of the agency edits
    what their unit holds (working in it or in a unit below it) and what the agency holds as a
    whole; viewers, representatives and other agencies never."""
    if user_name == "operator":
        return True
    units_of_user = {
        "fasker_officer": {"fasker"},
        "fasker_sub_officer": {"fasker"},  # Bidang … sits inside Pusat Fasker
        "polpum_officer": {"polpum"},
        "agency_officer": set(),
    }
    if user_name not in units_of_user:
        return False
    return holder == "agency" or holder in units_of_user[user_name]


def test_the_records_name_their_owning_unit(world: dict[str, Any]) -> None:
    agreement = world["agreements"]["fasker"]
    assert agreement.owner == world["agency"]
    assert agreement.owner_unit == world["units"]["fasker"]
    assert world["agreements"]["agency"].owner_unit is None
    assert world["meetings"]["polpum"].organizer_unit == world["units"]["polpum"]
    lead = agreement.parties.get(side="government", role="lead")
    assert (lead.body, lead.agency) == (world["units"]["fasker"], world["agency"])


@pytest.mark.parametrize("user_name", USERS)
def test_predicates_and_querysets_follow_the_rule(world: dict[str, Any], user_name: str) -> None:
    user = world["users"][user_name]
    editable_agreements = set(Agreement.objects.editable_by(user).values_list("pk", flat=True))
    editable_meetings = set(Meeting.objects.editable_by(user).values_list("pk", flat=True))
    for holder in HOLDERS:
        expected = may_edit(user_name, holder)
        agreement = world["agreements"][holder]
        meeting = world["meetings"][holder]
        plan = world["work_plans"][holder]
        assert agreement_is_editable_by(user=user, agreement=agreement) is expected, holder
        assert (agreement.pk in editable_agreements) is expected, holder
        assert meeting_is_editable_by(user=user, meeting=meeting) is expected, holder
        assert (meeting.pk in editable_meetings) is expected, holder
        assert workplan_can(user=user, work_plan=plan, action="approve") is expected, holder


@pytest.mark.parametrize("user_name", [u for u in USERS if u != "representative"])
@pytest.mark.parametrize("holder", HOLDERS)
def test_edit_pages_answer_by_the_rule(
    client: Any, world: dict[str, Any], user_name: str, holder: str
) -> None:
    client.force_login(world["users"][user_name])
    urls = [
        f"/en/agreements/{world['agreements'][holder].pk}/edit/",
        f"/en/meetings/{world['meetings'][holder].pk}/edit/",
        f"/en/workplans/{world['work_plans'][holder].pk}/edit/",
    ]
    for url in urls:
        status = client.get(url).status_code
        if may_edit(user_name, holder):
            assert status == 200, url
        else:
            assert status in (403, 404), url


@pytest.mark.parametrize("user_name", USERS)
@pytest.mark.parametrize("holder", HOLDERS)
def test_api_writes_answer_by_the_rule_and_a_refusal_changes_nothing(
    client: Any, world: dict[str, Any], user_name: str, holder: str
) -> None:
    client.force_login(world["users"][user_name])
    agreement = world["agreements"][holder]
    meeting = world["meetings"][holder]
    writes = [
        (f"/api/v1/agreements/{agreement.pk}/", {"objective": "changed"}, agreement, "objective"),
        (f"/api/v1/meetings/{meeting.pk}/", {"purpose": "changed"}, meeting, "purpose"),
    ]
    for url, body, record, field in writes:
        before = getattr(record, field)
        etag = f'"{type(record).objects.get(pk=record.pk).version}"'
        response = client.patch(url, body, content_type="application/json", HTTP_IF_MATCH=etag)
        record.refresh_from_db()
        if may_edit(user_name, holder):
            assert response.status_code == 200, (url, response.content)
            assert getattr(record, field) == "changed"
        else:
            assert response.status_code in (403, 404), url
            assert getattr(record, field) == before


def test_a_polpum_officer_cannot_write_for_pusat_fasker(world: dict[str, Any]) -> None:
    polpum_officer = world["users"]["polpum_officer"]
    agreement = world["agreements"]["fasker"]
    data = AgreementInput(
        title="Taken over",
        type=Agreement.Type.MSP,
        owner=world["units"]["polpum"],
        foreign_parties=[agreement.parties.get(side="foreign").organization],
    )
    with pytest.raises(ApplicationError, match="Pusat Fasilitasi Kerja Sama"):
        agreement_update(agreement_id=agreement.pk, data=data, actor=polpum_officer)
    data.owner = world["units"]["fasker"]
    with pytest.raises(ApplicationError):
        agreement_create(data=data, actor=polpum_officer)
    agreement.refresh_from_db()
    assert (agreement.title, agreement.owner_unit) == ("MSP fasker", world["units"]["fasker"])


def test_moving_a_record_to_another_unit_needs_both_units(world: dict[str, Any]) -> None:
    """An agency-wide record an officer may edit can be handed to their own unit, not to a
    sibling's (it would leave their hands for one they do not work in)."""
    agreement = world["agreements"]["agency"]
    organization = agreement.parties.get(side="foreign").organization
    data = AgreementInput(
        title="MSP agency",
        type=Agreement.Type.MSP,
        foreign_parties=[organization],
        owner=world["units"]["polpum"],
    )
    with pytest.raises(ApplicationError):
        agreement_update(
            agreement_id=agreement.pk, data=data, actor=world["users"]["fasker_officer"]
        )
    data.owner = world["units"]["fasker"]
    agreement_update(agreement_id=agreement.pk, data=data, actor=world["users"]["fasker_officer"])
    agreement.refresh_from_db()
    assert agreement.owner_unit == world["units"]["fasker"]
    assert agreement.owner == world["agency"]


def test_factory_agreements_without_unit_stay_agency_wide() -> None:
    agreement = AgreementFactory()
    officer = UserFactory(
        officer=True, body=GovernmentBodyFactory(unit=True, parent=agreement.owner)
    )
    assert agreement.owner_unit is None
    assert agreement_is_editable_by(user=officer, agreement=agreement)
