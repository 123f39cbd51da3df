"""load_reference and load_demo: idempotent, keep what users changed, tell the canonical story."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction

from mitra.accounts.models import User
from mitra.agreements.models import Agreement, AgreementDocument, AgreementParty, Signatory
from mitra.agreements.selectors import agreement_chain, agreements_to_renew
from mitra.audit.models import AuditEvent
from mitra.bodies.models import GovernmentBody
from mitra.core.tests.helpers import freeze_today
from mitra.organizations.models import ForeignOrganization, Person, Sector
from mitra.organizations.services import OrganizationInput, organization_update
from mitra.regions.models import Province, Regency

TODAY = date(2026, 11, 29)  # the demo's statuses depend on today; fix it
MODELS = [
    Province, Regency, GovernmentBody, Sector, ForeignOrganization, Person, User,
    Agreement, AgreementParty, Signatory, AgreementDocument, AuditEvent,
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
    assert new.owner.key == "kemendagri"
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
