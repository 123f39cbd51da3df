"""Each visibility-grant branch of `visible_to` (ADR 0015): an allowed and a denied case over
one shared world; units read their own grants and their agency's rows, not the reverse; grants
never give edit rights; the list keeps a constant number of queries."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.access import agreement_rebuild_all_access
from mitra.agreements.models import Agreement, AgreementAccess
from mitra.agreements.querysets import visible_agreement_count, visible_agreement_ids
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.tests.helpers import freeze_today
from mitra.grants.models import VisibilityGrant
from mitra.grants.services import grant_save
from mitra.meetings.models import Meeting
from mitra.meetings.services import MeetingInput, meeting_create, meeting_invite_body
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
K = GovernmentBody.Kind


@pytest.fixture
def world(kemendagri, fasker, kemenkes, operator, settings):
    settings.MITRA = {**settings.MITRA, "TPOA_MEMBERS": ["kemlu"]}
    with freeze_today(TODAY):
        b = {
            "kemlu": GovernmentBodyFactory(key="kemlu"),
            "kemensetneg": GovernmentBodyFactory(key="kemensetneg"),
            "kemendagri": kemendagri,
            "fasker": fasker,
            "kemenkes": kemenkes,
        }
        b["ktln"] = GovernmentBodyFactory(key="ktln-uji", kind=K.UNIT, parent=b["kemensetneg"])
        b["polpum"] = GovernmentBodyFactory(
            key="kemendagri-ditjen-polpum", kind=K.UNIT, parent=kemendagri
        )
        b["dit_ormas"] = GovernmentBodyFactory(key="dit-ormas-uji", kind=K.UNIT, parent=b["polpum"])
        jateng, diy = ProvinceFactory(code="33"), ProvinceFactory(code="34")
        semarang = RegencyFactory(province=jateng, code="33.74")
        b["pemprov"] = GovernmentBodyFactory(
            key="pemprov-33", kind=K.PROVINCIAL_GOVERNMENT, province=jateng
        )
        b["kesbangpol"] = GovernmentBodyFactory(key="kesbang-uji", kind=K.UNIT, parent=b["pemprov"])
        b["pemprov_diy"] = GovernmentBodyFactory(
            key="pemprov-34", kind=K.PROVINCIAL_GOVERNMENT, province=diy
        )
        b["pemkot"] = GovernmentBodyFactory(
            key="pemkot-33.74", kind=K.CITY_GOVERNMENT, province=jateng, regency=semarang
        )
        ngo = ForeignOrganizationFactory(legal_name="Yayasan Uji")
        un = ForeignOrganizationFactory(legal_name="Badan PBB Uji", un_agency=True)
        gov = ForeignOrganizationFactory(
            legal_name="City of Uji", kind="foreign_local_gov", legal_type=""
        )
        a = {
            "ngo": AgreementFactory(owner=kemenkes, foreign_parties=[ngo]),
            "ngo_jateng": AgreementFactory(
                owner=kemenkes, foreign_parties=[ngo], provinces=[jateng]
            ),
            "un": AgreementFactory(owner=kemenkes, foreign_parties=[un], active=True),
            "ksdpl": AgreementFactory(owner=b["pemprov_diy"], foreign_parties=[gov]),
            "un_semarang": AgreementFactory(owner=kemenkes, foreign_parties=[un]),
            "on_agenda": AgreementFactory(
                owner=kemenkes, foreign_parties=[gov], government_parties=[]
            ),
        }
        a["un_semarang"].regencies.set([semarang])
        meeting = meeting_create(
            data=MeetingInput(
                kind=Meeting.Kind.COORDINATION,
                title="Rakor",
                starts_at=datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Asia/Jakarta")),
                mode="offline",
                venue="Jakarta",
                organizer=kemenkes,
                agreements=[a["on_agenda"]],
            ),
            actor=operator,
        )
        meeting_invite_body(meeting_id=meeting.pk, body=b["ktln"], actor=operator)
        agreement_rebuild_all_access()  # the regency was set without the service
        users = {
            name: UserFactory(officer=True, body=b[name])
            for name in [
                "kemlu", "ktln", "kemensetneg", "kemendagri", "fasker", "polpum", "dit_ormas",
                "pemprov", "kesbangpol", "pemprov_diy", "pemkot",
            ]
        }  # fmt: skip
        users["kemendagri_viewer"] = UserFactory(viewer=True, body=kemendagri)
    return a, users


EXPECTED = {
    # TPOA member (settings) → ormas asing.
    "kemlu": {"ngo", "ngo_jateng"},
    # Working group at Kemensetneg; the unit KTLN reads it and, as invited, the agenda.
    "ktln": {"un", "un_semarang", "on_agenda"},
    "kemensetneg": {"un", "un_semarang", "on_agenda"},
    # Pusat Fasker (a unit): KSDPL of regional governments; its agency Kemendagri does not.
    "fasker": {"ksdpl"},
    "kemendagri": set(),
    "kemendagri_viewer": set(),
    # Ditjen Polpum and the units beneath it: ormas asing naming a region.
    "polpum": {"ngo_jateng"},
    "dit_ormas": {"ngo_jateng"},
    # Territory: the province (and its units) for its province and its cities; the city for its.
    "pemprov": {"ngo_jateng", "un_semarang"},
    "kesbangpol": {"ngo_jateng", "un_semarang"},
    "pemkot": {"un_semarang"},
    "pemprov_diy": {"ksdpl"},  # its own (owner)
}


def names(qs, agreements) -> set[str]:
    by_pk = {v.pk: k for k, v in agreements.items()}
    return {by_pk[pk] for pk in qs.values_list("pk", flat=True) if pk in by_pk}


def test_each_grant_branch_allows_and_denies(world):
    agreements, users = world
    with freeze_today(TODAY):
        seen = {
            who: names(Agreement.objects.visible_to(users[who]), agreements) for who in EXPECTED
        }
    assert seen == EXPECTED


def test_visible_agreement_ids_gives_the_same_set(world):
    agreements, users = world
    with freeze_today(TODAY):
        for who in EXPECTED:
            ids = Agreement.objects.filter(pk__in=visible_agreement_ids(users[who]))
            assert names(ids, agreements) == EXPECTED[who], who


def test_visible_agreement_count_counts_each_agreement_once(world):
    # The count on the access rows alone (the API list's count, issue 13 §6): an agreement
    # that the user's body and a body above it both read is one agreement, not two.
    agreements, users = world
    with freeze_today(TODAY):
        # A KSDPL that Kemendagri is party to: Pusat Fasker reads it through its grant row
        # and through its agency's party row.
        AgreementFactory(
            owner=GovernmentBody.objects.get(key="pemprov-34"),
            foreign_parties=[ForeignOrganization.objects.get(legal_name="City of Uji")],
            government_parties=[users["kemendagri"].body],
        )
        agreement_rebuild_all_access()
        doubled = 0
        for who in EXPECTED:
            user = users[who]
            count = visible_agreement_count(user)
            assert count == Agreement.objects.visible_to(user).count(), who
            rows = AgreementAccess.objects.filter(agency_id__in=user.reading_body_ids).count()
            doubled += rows > count
    assert doubled  # Pusat Fasker has two access rows for the new KSDPL


def test_grants_never_give_edit_rights(world):
    agreements, users = world
    for who, user in users.items():
        editable = names(Agreement.objects.editable_by(user), agreements)
        owned = {k for k, v in agreements.items() if v.owner_id == user.agency.pk}
        assert editable == owned, who


def test_a_grant_edit_through_the_admin_path_changes_who_reads(world, operator):
    agreements, users = world
    with freeze_today(TODAY):
        current = VisibilityGrant.objects.get(code="multilateral.working_group", version=1)
        off = VisibilityGrant.objects.get(pk=current.pk)
        off.pk, off.version, off.active = None, 2, True
        off.organization_kinds = ["foreign_local_gov"]
        off.valid_from = TODAY
        grant_save(grant=off, actor=operator)
        agreement_rebuild_all_access()
        assert names(Agreement.objects.visible_to(users["kemensetneg"]), agreements) == {
            "ksdpl", "on_agenda",
        }  # fmt: skip
        # A version valid from tomorrow is not in force yet.
        later = VisibilityGrant.objects.get(pk=off.pk)
        later.pk, later.version, later.valid_from = None, 3, date(2026, 11, 30)
        later.organization_kinds = ["un_agency"]
        grant_save(grant=later, actor=operator)
        agreement_rebuild_all_access()
        assert "un" not in names(Agreement.objects.visible_to(users["kemensetneg"]), agreements)


def test_the_list_query_is_one_indexed_lookup_whatever_the_unit_depth(world):
    agreements, users = world
    counts = []
    for who in ["kemendagri", "polpum", "dit_ormas"]:
        user = users[who]
        user.agency  # noqa: B018  (what a request loads first)
        with CaptureQueriesContext(connection) as ctx:
            list(Agreement.objects.visible_to(user))
        counts.append(len(ctx.captured_queries))
        assert 'agency_id" IN' in ctx.captured_queries[-1]["sql"]
    assert counts == [1, 1, 1]
