"""The access table equals the rules, whatever sequence of edits led there (issue 10 §1).

Random sequences of the edits that change who reads what — a grant edit (through the admin's
path: `grant_save`, then the full rebuild), an agreement's provinces/regencies, its parties, an
organization's kind, a meeting's linked agreements, invited bodies and attendees — each made
through its service; after every edit the table must equal `grant_oracle.readers`, the rules
recomputed from scratch in plain Python."""

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.agreements.access import agreement_rebuild_all_access
from mitra.agreements.models import Agreement, AgreementAccess
from mitra.agreements.services import AgreementInput, agreement_update
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.tests.helpers import freeze_today
from mitra.grants.models import VisibilityGrant
from mitra.grants.services import grant_save
from mitra.meetings.models import Meeting
from mitra.meetings.services import (
    MeetingInput,
    meeting_attendee_add,
    meeting_create,
    meeting_invite_body,
    meeting_update,
)
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.services import OrganizationInput, organization_update
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.tests.factories import PermitFactory
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory

from . import grant_oracle
from .factories import AgreementFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
KINDS = [k for k, _label in ForeignOrganization.Kind.choices]
CODES = [
    "tpoa.ormas_asing", "multilateral.working_group", "polpum.regional_ormas",
    "fasker.regional_cooperation", "region.territory", "meeting.agenda",
]  # fmt: skip


def stored() -> dict[int, set[int]]:
    rows: dict[int, set[int]] = {}
    for pk, body in AgreementAccess.objects.values_list("agreement_id", "agency_id"):
        rows.setdefault(pk, set()).add(body)
    return rows


def expected() -> dict[int, set[int]]:
    return {pk: who for pk, who in grant_oracle.readers(TODAY).items() if who}


def stored_own() -> set[tuple[int, int]]:
    return set(AgreementAccess.objects.filter(own=True).values_list("agreement_id", "agency_id"))


def expected_own() -> set[tuple[int, int]]:
    """Own rows, recomputed in Python: the owner, the parties' agencies, the sharing."""
    own = set()
    for agreement in Agreement.objects.prefetch_related("parties", "shared_with"):
        own.add((agreement.pk, agreement.owner_id))
        own |= {(agreement.pk, p.agency_id) for p in agreement.parties.all() if p.agency_id}
        own |= {(agreement.pk, body.pk) for body in agreement.shared_with.all()}
    return own


@dataclass
class World:
    bodies: list[GovernmentBody]
    orgs: list[ForeignOrganization]
    agreements: list[Agreement]
    provinces: list
    regencies: list
    meeting: Meeting
    operator: object


@pytest.fixture
def world(db, operator):
    with freeze_today(TODAY):
        kemendagri = GovernmentBodyFactory(key="kemendagri")
        polpum = GovernmentBodyFactory(
            key="kemendagri-ditjen-polpum", kind=GovernmentBody.Kind.UNIT, parent=kemendagri
        )
        fasker = GovernmentBodyFactory(
            key="kemendagri-pusat-fasker", kind=GovernmentBody.Kind.UNIT, parent=kemendagri
        )
        kemlu = GovernmentBodyFactory(key="kemlu")
        kemensetneg = GovernmentBodyFactory(key="kemensetneg")
        kemenkes = GovernmentBodyFactory(key="kemenkes")
        jateng, diy = ProvinceFactory(code="33"), ProvinceFactory(code="34")
        semarang = RegencyFactory(province=jateng, code="33.74")
        sleman = RegencyFactory(province=diy, code="34.04")
        pemprov = GovernmentBodyFactory(
            key="pemprov-33", kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province=jateng
        )
        pemprov_diy = GovernmentBodyFactory(
            key="pemprov-34", kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province=diy
        )
        pemkot = GovernmentBodyFactory(
            key="pemkot-33.74",
            kind=GovernmentBody.Kind.CITY_GOVERNMENT,
            province=jateng,
            regency=semarang,
        )
        bodies = [kemendagri, kemlu, kemensetneg, kemenkes, pemprov, pemprov_diy, pemkot]
        orgs = [
            ForeignOrganizationFactory(legal_name="Yayasan Satu"),
            ForeignOrganizationFactory(legal_name="Badan Dua", un_agency=True),
            ForeignOrganizationFactory(legal_name="Asosiasi Tiga", regional=True),
        ]
        # Each holds an izin prinsip over the agreements' period (2024-01-10 → 2027-01-09), so
        # an edit that makes it an ormas asing leaves the agreements in force covered (N4).
        for org in orgs:
            PermitFactory(
                organization=org, valid_from=date(2024, 1, 10), valid_until=date(2027, 1, 9)
            )
        agreements = [
            AgreementFactory(owner=kemendagri, foreign_parties=[orgs[0]]),
            AgreementFactory(owner=kemenkes, foreign_parties=[orgs[1]], active=True),
            AgreementFactory(owner=pemprov, foreign_parties=[orgs[2]], signed=True),
        ]
        meeting = meeting_create(
            data=MeetingInput(
                kind=Meeting.Kind.COORDINATION,
                title="Rapat koordinasi",
                starts_at=datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Asia/Jakarta")),
                mode="offline",
                venue="Jakarta",
                organizer=kemenkes,
            ),
            actor=operator,
        )
        assert polpum.parent_id == fasker.parent_id == kemendagri.pk
    return World(bodies, orgs, agreements, [jateng, diy], [semarang, sleman], meeting, operator)


def agreement_input(agreement: Agreement, **changes) -> AgreementInput:
    parties = agreement.parties.all()
    values = {
        "title": agreement.title,
        "type": agreement.type,
        "owner": agreement.owner,
        "foreign_parties": [p.organization for p in parties if p.organization_id],
        "other_government_parties": [
            p.body for p in parties if p.body_id and p.body_id != agreement.owner_id
        ],
        "signing_date": agreement.signing_date,
        "start_date": agreement.start_date,
        "end_date": agreement.end_date,
        "provinces": list(agreement.provinces.all()),
        "regencies": list(agreement.regencies.all()),
        "shared_with": list(agreement.shared_with.all()),
    }
    values.update(changes)
    return AgreementInput(**values)


def edit(world: World, op: tuple) -> None:
    name, a, b, c = op
    agreement = world.agreements[a % len(world.agreements)]
    actor = world.operator
    if name == "grant":
        code = CODES[b % len(CODES)]
        current = VisibilityGrant.objects.filter(code=code).order_by("-version").first()
        assert current is not None
        new = VisibilityGrant.objects.get(pk=current.pk)
        new.pk, new.version, new.valid_from = None, current.version + 1, TODAY
        new.active = bool(c % 3)  # a third of the new versions are off: the old one applies
        if new.rule == VisibilityGrant.Rule.ORG_KIND:
            new.organization_kinds = [KINDS[c % len(KINDS)], KINDS[(c // 2) % len(KINDS)]]
        grant_save(grant=new, actor=actor)
        agreement_rebuild_all_access()  # what the admin does after grant_save
    elif name == "regions":
        provinces = [p for i, p in enumerate(world.provinces) if b >> i & 1]
        regencies = [r for i, r in enumerate(world.regencies) if c >> i & 1]
        data = agreement_input(agreement, provinces=provinces, regencies=regencies)
        agreement_update(agreement_id=agreement.pk, data=data, actor=actor)
    elif name == "parties":
        foreign = [o for i, o in enumerate(world.orgs) if b >> i & 1] or [world.orgs[0]]
        others = [
            x for i, x in enumerate(world.bodies) if c >> i & 1 and x.pk != agreement.owner_id
        ]
        data = agreement_input(agreement, foreign_parties=foreign, other_government_parties=others)
        agreement_update(agreement_id=agreement.pk, data=data, actor=actor)
    elif name == "org_kind":
        org = world.orgs[b % len(world.orgs)]
        org.refresh_from_db()
        kind = KINDS[c % len(KINDS)]
        data = OrganizationInput(
            legal_name=org.legal_name,
            kind=kind,
            country=str(org.country),
            legal_type=(org.legal_type or "a") if kind == "foreign_ngo" else "",
        )
        organization_update(organization_id=org.pk, data=data, actor=actor)
    elif name == "meeting_links":
        meeting = world.meeting
        linked = [x for i, x in enumerate(world.agreements) if b >> i & 1]
        data = MeetingInput(
            kind=meeting.kind,
            title=meeting.title,
            starts_at=meeting.starts_at,
            mode=meeting.mode,
            venue=meeting.venue,
            organizer=world.bodies[c % len(world.bodies)],
            agreements=linked,
        )
        meeting_update(meeting_id=meeting.pk, data=data, actor=actor)
    elif name == "invite":
        body = world.bodies[b % len(world.bodies)]
        if not world.meeting.invited.filter(body=body).exists():
            meeting_invite_body(meeting_id=world.meeting.pk, body=body, actor=actor)
    elif name == "attendee":
        meeting_attendee_add(
            meeting_id=world.meeting.pk,
            name=f"Peserta {c}",
            body=world.bodies[b % len(world.bodies)],
            actor=actor,
        )


EDITS = st.tuples(
    st.sampled_from(
        ["grant", "regions", "parties", "org_kind", "meeting_links", "invite", "attendee"]
    ),
    st.integers(0, 7),
    st.integers(0, 7),
    st.integers(0, 127),
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(EDITS, min_size=1, max_size=8))
def test_any_sequence_of_edits_leaves_the_table_equal_to_the_rules(world, edits):
    with freeze_today(TODAY):
        assert stored() == expected()  # the examples share the test's transaction
        for op in edits:
            edit(world, op)
            assert stored() == expected(), op
            assert stored_own() == expected_own(), op
        # The bulk rebuild gives the same rows as the refreshes did.
        before, own_before = stored(), stored_own()
        agreement_rebuild_all_access()
        assert stored() == before
        assert stored_own() == own_before


def test_the_world_exercises_every_rule(world):
    """Not vacuous: with the default grants each rule gives someone a row here."""
    with freeze_today(TODAY):
        by_key = {b.key: b.pk for b in GovernmentBody.objects.all()}
        edit(world, ("regions", 0, 0b01, 0b01))  # Yayasan Satu's agreement names Jateng/Semarang
        edit(world, ("meeting_links", 0, 0b010, 3))  # the UN agreement on a Kemenkes meeting
        edit(world, ("invite", 0, 2, 0))  # Kemensetneg invited
        table = stored()
        assert table == expected()
        ngo, un, regional = (a.pk for a in world.agreements)
        assert by_key["kemlu"] in table[ngo]  # TPOA member, ormas asing
        assert by_key["kemendagri-ditjen-polpum"] in table[ngo]  # ormas asing in a region
        assert {by_key["pemprov-33"], by_key["pemkot-33.74"]} <= table[ngo]  # territory
        assert by_key["pemprov-34"] not in table[ngo]
        assert by_key["kemensetneg"] in table[un]  # multilateral working group
        assert by_key["kemendagri"] not in table[un]
        assert by_key["kemendagri-pusat-fasker"] in table[regional]  # KSDLL of a Pemprov
        assert by_key["kemensetneg"] in table[regional]  # regional organization
        assert by_key["kemlu"] not in table[un]
        assert by_key["kemenkes"] in table[un]  # owner (and the meeting's organizer)
