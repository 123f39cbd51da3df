"""load_reference and load_demo: idempotent, keep what users changed, tell the canonical story."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from mitra.accounts.models import User
from mitra.agreements.models import Agreement, AgreementDocument, AgreementParty, Signatory
from mitra.agreements.permissions import agreement_is_editable_by
from mitra.agreements.selectors import agreement_chain, agreements_to_renew
from mitra.audit.models import AuditEvent
from mitra.bodies.models import GovernmentBody
from mitra.core.tests.helpers import freeze_today
from mitra.meetings.models import Meeting
from mitra.organizations.models import ForeignOrganization, Person, Sector
from mitra.organizations.services import OrganizationInput, organization_update
from mitra.permits.conf import setting
from mitra.permits.models import AgencyReview, Application, Deliberation
from mitra.regions.models import Province, Regency

TODAY = date(2026, 11, 29)  # the demo's statuses depend on today; fix it
MODELS = [
    Province, Regency, GovernmentBody, Sector, ForeignOrganization, Person, User,
    Agreement, AgreementParty, Signatory, AgreementDocument, AuditEvent,
    Application, AgencyReview, Deliberation,
]  # fmt: skip


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def load() -> None:
    call_command("load_reference", verbosity=0, stdout=None)
    call_command("load_demo", verbosity=0, stdout=None)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Reference and demo data loaded once for this module, rolled back at its end."""
    with django_db_blocker.unblock(), freeze_today(TODAY):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load()
            yield {a.reference: a for a in Agreement.objects.filter(reference__startswith="DEMO-")}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.mark.django_db
def test_a_second_run_duplicates_nothing_and_keeps_user_edits(capsys):
    with freeze_today(TODAY):
        call_command("load_reference")
        after_reference = counts()
        call_command("load_reference")
        assert counts() == after_reference
        call_command("load_demo")
        after_demo = counts()
        assert after_demo["Agreement"] > after_reference["Agreement"]

        # A person edits a record and a demo user changes their password.
        uclg = ForeignOrganization.objects.get(acronym="UCLG ASPAC")
        operator = User.objects.get(username="operator")
        edited = OrganizationInput(
            legal_name=uclg.legal_name,
            acronym=uclg.acronym,
            aliases=uclg.aliases,
            kind=uclg.kind,
            country=uclg.country.code,
            headquarters=uclg.headquarters,
            indonesian_office=uclg.indonesian_office,
            website=uclg.website,
            description="Edited by the Kemendagri officer.",
            sectors=list(uclg.sectors.all()),
        )
        organization_update(organization_id=uclg.pk, data=edited, actor=operator)
        officer = User.objects.get(username="kemendagri")
        officer.set_password("a-new-secret-2026")
        officer.save()
        after_edit = counts()

        call_command("load_reference")
        call_command("load_demo")

    assert counts() == after_edit, "a second run must create nothing"
    assert after_edit == {**after_demo, "AuditEvent": after_demo["AuditEvent"] + 1}
    uclg.refresh_from_db()
    assert uclg.description == "Edited by the Kemendagri officer."
    officer.refresh_from_db()
    assert officer.check_password("a-new-secret-2026")
    output = capsys.readouterr().out
    assert "mitra-demo-2024" in output


@pytest.mark.django_db
def test_the_ford_msp_2024_renews_the_2021_one(demo):
    old, new = demo["DEMO-KEMENDAGRI-FORD-2021"], demo["DEMO-KEMENDAGRI-FORD-2024"]
    assert new.renews == old
    assert (old.start_date, old.end_date) == (date(2021, 3, 17), date(2024, 3, 16))
    assert old.signing_date == date(2021, 3, 17)
    assert (new.signing_date, new.start_date, new.end_date) == (
        date(2024, 4, 4),
        date(2024, 4, 4),
        date(2027, 4, 3),
    )
    assert (old.status, new.status) == (Agreement.Status.SUPERSEDED, Agreement.Status.ACTIVE)
    assert new.type == old.type == Agreement.Type.MSP
    # agreement_create records the unit's agency as the owner (see mitra.demo.canonical).
    assert new.owner.root().key == "kemendagri"
    assert new.partner_names == "Ford Foundation"


@pytest.mark.django_db
def test_the_uclg_mou_2024_2029_renews_the_2020_2023_one(demo):
    old, new = demo["DEMO-KEMENDAGRI-UCLG-2020"], demo["DEMO-KEMENDAGRI-UCLG-2024"]
    assert new.renews == old
    assert (old.start_date.year, old.end_date.year) == (2020, 2023)
    assert (new.start_date, new.end_date) == (date(2024, 4, 4), date(2029, 4, 3))
    assert (old.status, new.status) == (Agreement.Status.SUPERSEDED, Agreement.Status.ACTIVE)
    uclg = ForeignOrganization.objects.get(acronym="UCLG ASPAC")
    assert uclg.kind == ForeignOrganization.Kind.REGIONAL_ORGANIZATION
    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    assert ford.kind == ForeignOrganization.Kind.FOREIGN_NGO


@pytest.mark.django_db
def test_the_three_signatory_titles(demo):
    titles = {
        (s.party.side, s.title)
        for reference in ("DEMO-KEMENDAGRI-FORD-2024", "DEMO-KEMENDAGRI-UCLG-2024")
        for s in demo[reference].signatories.select_related("party")
    }
    assert titles == {
        ("government", "Kepala Pusat Fasilitasi Kerja Sama"),
        ("foreign", "Sekretaris Jenderal"),
        ("foreign", "Regional Director"),
    }


@pytest.mark.django_db
def test_on_29_november_2026_the_ford_msp_is_in_its_renewal_window(demo):
    ford_new = demo["DEMO-KEMENDAGRI-FORD-2024"]
    officer = User.objects.get(username="kemendagri")
    assert officer.body.key == "kemendagri-pusat-fasker"
    assert officer.agency.key == "kemendagri"
    assert ford_new.in_renewal_window(on=TODAY)
    assert not ford_new.in_renewal_window(on=date(2026, 10, 2))
    assert ford_new.days_to_expiry(on=TODAY) == 125
    to_renew = list(agreements_to_renew(viewer=officer, on=TODAY))
    assert ford_new in to_renew
    assert demo["DEMO-KEMENDAGRI-UCLG-2024"] not in to_renew
    chain = agreement_chain(agreement=ford_new, viewer=officer)
    assert [a.period_label for a in chain] == ["2021–2024", "2024–2027"]


@pytest.mark.django_db
def test_demo_users_one_per_role_and_scoped(demo):
    roles = dict(User.objects.values_list("username", "role"))
    assert set(roles.values()) == set(User.Role.values)
    draft = demo["DEMO-KEMENDAGRI-DRAFT"]
    assert draft.status == Agreement.Status.DRAFT
    visible = {
        username: set(Agreement.objects.visible_to(User.objects.get(username=username)))
        for username in ("kemendagri", "kemendagri_viewer", "kemlu", "ford")
    }
    assert draft in visible["kemendagri"]
    assert draft in visible["kemendagri_viewer"]
    assert draft not in visible["kemlu"]
    assert draft not in visible["ford"]
    assert demo["DEMO-KEMENDAGRI-FORD-2024"] in visible["ford"]
    assert demo["DEMO-KEMENDAGRI-UCLG-2024"] not in visible["ford"]


@pytest.mark.django_db
def test_the_renewals_carry_the_seed_objectives_and_approximate_days(demo):
    uclg, ford = demo["DEMO-KEMENDAGRI-UCLG-2024"], demo["DEMO-KEMENDAGRI-FORD-2024"]
    assert "Sustainable Development Goals" in uclg.objective
    assert "liveable cities" in uclg.objective
    for words in ("capacity development", "cooperation activities", "policy research"):
        assert words in uclg.objective
    assert "decentralisation and democratisation" in ford.objective
    for reference in ("UCLG-2020", "UCLG-2024", "FORD-2021", "FORD-2024"):
        assert "approximate" in demo[f"DEMO-KEMENDAGRI-{reference}"].objective


@pytest.mark.django_db
def test_the_earlier_uclg_mou_adds_no_invented_lapse(demo):
    old, new = demo["DEMO-KEMENDAGRI-UCLG-2020"], demo["DEMO-KEMENDAGRI-UCLG-2024"]
    assert old.duration_months == 36
    assert (old.start_date.year, old.end_date.year) == (2020, 2023)
    # Ended in 2023 (the seed) as late as a 3-year term from 2020 allows: about three months
    # before the renewal of 4 April 2024, not fifteen.
    assert old.end_date == date(2023, 12, 30)
    assert (new.start_date - old.end_date).days < 100


@pytest.mark.django_db
def test_the_renewals_are_signed_by_the_head_of_pusat_fasker(demo):
    for reference in ("DEMO-KEMENDAGRI-FORD-2024", "DEMO-KEMENDAGRI-UCLG-2024"):
        signatory = demo[reference].signatories.get(party__side="government")
        assert signatory.title == "Kepala Pusat Fasilitasi Kerja Sama"
        assert signatory.person.body.key == "kemendagri-pusat-fasker"
        assert signatory.party.agency.key == "kemendagri"


@pytest.mark.django_db
def test_pusat_fasker_holds_the_renewals_and_polpum_only_reads_them(demo):
    """Issue 10 §2 on the demo data: the owning unit edits, the rest of Kemendagri reads."""
    users = {u.username: u for u in User.objects.select_related("body__parent")}
    for reference in ("DEMO-KEMENDAGRI-FORD-2024", "DEMO-KEMENDAGRI-UCLG-2024"):
        agreement = demo[reference]
        assert (agreement.owner.key, agreement.owner_unit.key) == (
            "kemendagri",
            "kemendagri-pusat-fasker",
        )
        assert agreement_is_editable_by(user=users["kemendagri"], agreement=agreement)
        assert not agreement_is_editable_by(user=users["polpum"], agreement=agreement)
        assert Agreement.objects.visible_to(users["polpum"]).filter(pk=agreement.pk).exists()


NEW_USERS = {
    "polpum": "kemendagri-ditjen-polpum",
    "kesbangpol": "pemprov-33-kesbangpol",
    "semarang": "pemkot-33.74",
    "kemhan": "kemhan",
    "kemenkeu": "kemenkeu-djp",
    "polri": "polri-baintelkam",
    "bin": "bin",
}


@pytest.mark.django_db
def test_demo_officers_of_polpum_the_regions_and_every_tpoa_member(demo):
    users = {u.username: u for u in User.objects.select_related("body")}
    for username, body_key in NEW_USERS.items():
        user = users[username]
        assert (user.role, user.body.key) == (User.Role.OFFICER, body_key)
        assert user.check_password("mitra-demo-2024")
    kesbangpol = users["kesbangpol"].body
    assert kesbangpol.name == "Badan Kesatuan Bangsa dan Politik Provinsi Jawa Tengah"
    assert kesbangpol.kind == GovernmentBody.Kind.UNIT
    assert (kesbangpol.parent.key, kesbangpol.province.code) == ("pemprov-33", "33")
    assert users["semarang"].body.name == "Pemerintah Kota Semarang"
    officers = {u.agency.key for u in users.values() if u.role == User.Role.OFFICER}
    assert set(setting("TPOA_MEMBERS")) <= officers


@pytest.mark.django_db
def test_each_member_gives_its_own_opinion(demo):
    asia = Application.objects.get(organization__legal_name="The Asia Foundation")
    decided = {
        r.agency.key: r.decided_by.username
        for r in asia.reviews.filter(state__in=AgencyReview.DECIDED_STATES)
    }
    assert decided == {"kemlu": "kemlu", "kemendagri": "polpum", "polri": "polri"}


@pytest.mark.django_db
def test_uclg_aspac_is_cleared_by_the_working_group_that_attended(demo):
    uclg = ForeignOrganization.objects.get(acronym="UCLG ASPAC")
    clearance = Application.objects.get(organization=uclg)
    assert clearance.track == "multilateral_clearance"
    assert clearance.status == Application.Status.APPROVED
    assert clearance.decided_on == date(2024, 4, 4)
    assert "approximate" in clearance.decision_text
    reviews = {r.agency.key: (r.state, r.decided_by.username) for r in clearance.reviews.all()}
    assert reviews == {
        "kemensetneg": ("no_objection", "ktln"),
        "kemendagri": ("no_objection", "kemendagri"),
    }
    deliberation = clearance.deliberations.get()
    assert deliberation.held_on == date(2024, 4, 4)
    assert deliberation.meeting == Meeting.objects.get(kind=Meeting.Kind.SIGNING)


@pytest.mark.django_db
def test_the_demo_obeys_n3_n4_in_refuse_mode(demo):
    """Issue 11 §5: built in "refuse" mode without moving the seed's dates; Ford's izin prinsip
    cover 2021–2027; every other ormas asing in force holds one, or is listed on purpose."""
    from django.conf import settings

    from mitra.agreements.licensing import REFUSE, cover_mode
    from mitra.agreements.selectors import agreements_without_cover
    from mitra.agreements.validation import agreement_cover_problems
    from mitra.permits.models import Permit

    assert settings.MITRA["IZIN_PRINSIP_COVER"] == REFUSE == cover_mode()
    ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
    permits = list(Permit.objects.filter(organization=ford).order_by("valid_from"))
    assert [(p.number, p.valid_from, p.valid_until, p.status) for p in permits] == [
        ("IP-2021-0031", date(2021, 3, 17), date(2024, 3, 16), Permit.Status.EXPIRED),
        ("IP-2024-0007", date(2024, 4, 4), date(2027, 4, 3), Permit.Status.ACTIVE),
    ]
    for reference in ("DEMO-KEMENDAGRI-FORD-2021", "DEMO-KEMENDAGRI-FORD-2024"):
        agreement = demo[reference]
        assert agreement_cover_problems(agreement) == []
        assert agreement.cover_problem == ""

    operator = User.objects.get(username="operator")
    listed = {a.reference: a.cover_problem for a in agreements_without_cover(viewer=operator)}
    # The flag is stored in the language active when it was written (the site's default here).
    assert set(listed) == {"DEMO-KEMNAKER-FES"}
    assert "Friedrich-Ebert-Stiftung" in listed["DEMO-KEMNAKER-FES"]
    assert "N4" in listed["DEMO-KEMNAKER-FES"]
    in_force = Agreement.objects.filter(
        status__in=["signed", "active"], parties__organization__kind="foreign_ngo"
    ).distinct()
    assert in_force.count() > len(listed)
    for agreement in in_force:
        assert (agreement.reference in listed) == bool(agreement_cover_problems(agreement))
    # The Asia Foundation applies for its first izin prinsip: its MSPs wait, unsigned.
    taf = Agreement.objects.filter(parties__organization__legal_name="The Asia Foundation")
    assert {a.status for a in taf} == {Agreement.Status.UNDER_REVIEW}
