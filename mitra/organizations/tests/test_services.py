"""organization_create/update: validation, duplicate detection with a suggestion, audit."""

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.services import (
    OrganizationInput,
    organization_create,
    organization_find_duplicates,
    organization_set_published,
    organization_set_status,
    organization_update,
)
from mitra.organizations.tests.factories import SectorFactory

pytestmark = pytest.mark.django_db
K = ForeignOrganization.Kind


def uclg_input(**overrides) -> OrganizationInput:
    values = {
        "legal_name": "United Cities and Local Governments Asia-Pacific",
        "acronym": "UCLG ASPAC",
        "aliases": ["UCLG Asia Pacific"],
        "kind": K.REGIONAL_ORGANIZATION,
        "country": "ID",
    }
    values.update(overrides)
    return OrganizationInput(**values)


@pytest.fixture
def uclg(officer):
    return organization_create(data=uclg_input(), actor=officer)


def test_create_registers_and_audits(officer):
    sector = SectorFactory()
    org = organization_create(data=uclg_input(sectors=[sector]), actor=officer)

    assert org.created_by == officer
    assert list(org.sectors.all()) == [sector]
    assert "uclg asia pacific" in org.search_text
    event = AuditEvent.objects.get(target_id=org.pk, event="organization.registered")
    assert event.data["new"]["acronym"] == "UCLG ASPAC"


@pytest.mark.parametrize(
    ("legal_name", "acronym"),
    [
        ("United Cities and Local Governments Asia-Pacific", ""),  # the same name
        ("UNITED CITIES AND LOCAL GOVERNMENTS ASIA PACIFIC", ""),  # case and punctuation
        ("United Cities & Local Governments, Asia-Pacific.", ""),  # punctuation
        ("United Cities and Local Government Asia Pacific", ""),  # a near miss
        ("Some Regional Secretariat", "uclg aspac"),  # the same acronym
        ("UCLG Asia-Pacific", ""),  # an alias
    ],
)
def test_a_likely_duplicate_is_refused_naming_the_match(uclg, officer, legal_name, acronym):
    before = (ForeignOrganization.objects.count(), AuditEvent.objects.count())
    data = uclg_input(legal_name=legal_name, acronym=acronym, aliases=[])
    with pytest.raises(ApplicationError) as caught:
        organization_create(data=data, actor=officer)

    assert "UCLG ASPAC" in caught.value.message
    assert "UCLG ASPAC" in caught.value.extra["legal_name"][0]
    assert (ForeignOrganization.objects.count(), AuditEvent.objects.count()) == before
    assert organization_find_duplicates(legal_name=legal_name, acronym=acronym) == [uclg]


def test_a_different_organization_is_not_a_duplicate(uclg, officer):
    data = uclg_input(legal_name="United Nations Development Programme", acronym="UNDP")
    assert organization_create(data=data, actor=officer).pk != uclg.pk


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"legal_name": "  "}, "legal_name"),
        ({"kind": "club"}, "kind"),
        ({"country": "XX"}, "country"),
        ({"legal_type": "a"}, "legal_type"),  # only ormas asing have a legal type
        ({"kind": K.FOREIGN_NGO, "legal_type": "z"}, "legal_type"),
        ({"kind": K.FOREIGN_NGO, "sub_type": "other"}, "sub_type"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(officer, overrides, field):
    with pytest.raises(ApplicationError) as caught:
        organization_create(data=uclg_input(**overrides), actor=officer)
    assert field in caught.value.extra
    assert not ForeignOrganization.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("trait", ["viewer", "org_representative"])
def test_only_officers_and_operators_maintain_the_registry(trait):
    actor = UserFactory(**{trait: True})
    before = ForeignOrganization.objects.count()
    with pytest.raises(ApplicationError):
        organization_create(data=uclg_input(), actor=actor)
    assert ForeignOrganization.objects.count() == before


def test_update_audits_old_and_new_and_keeps_its_own_name(uclg, officer):
    data = uclg_input(headquarters="Jakarta", description="Edited by a person.")
    organization_update(organization_id=uclg.pk, data=data, actor=officer)

    uclg.refresh_from_db()
    assert (uclg.headquarters, uclg.description) == ("Jakarta", "Edited by a person.")
    event = AuditEvent.objects.get(target_id=uclg.pk, event="organization.updated")
    assert event.data == {"old": {"headquarters": ""}, "new": {"headquarters": "Jakarta"}}


def test_update_refuses_to_become_a_duplicate_of_another(uclg, officer):
    other = organization_create(
        data=uclg_input(legal_name="Asian Development Bank", acronym="ADB", aliases=[]),
        actor=officer,
    )
    with pytest.raises(ApplicationError) as caught:
        organization_update(
            organization_id=other.pk, data=uclg_input(acronym="ADB", aliases=[]), actor=officer
        )
    assert "UCLG ASPAC" in caught.value.extra["legal_name"][0]
    other.refresh_from_db()
    assert other.legal_name == "Asian Development Bank"


def test_update_leaves_status_and_publication_to_their_rules(uclg, officer):
    """Issue 13 §3: an edit of the record never changes the status or the publication."""
    organization_set_status(organization_id=uclg.pk, status="suspended", actor=None)
    data = uclg_input(phone="+62 21", status=ForeignOrganization.Status.REGISTERED)
    data.is_published = False
    org = organization_update(organization_id=uclg.pk, data=data, actor=officer)
    org.refresh_from_db()
    assert (org.status, org.is_published, org.phone) == ("suspended", True, "+62 21")
    event = AuditEvent.objects.get(target_id=org.pk, event="organization.updated")
    assert set(event.data["new"]) == {"phone"}


def test_only_an_operator_publishes_or_hides(uclg, officer, operator):
    with pytest.raises(ApplicationError):
        organization_set_published(organization_id=uclg.pk, published=False, actor=officer)
    uclg.refresh_from_db()
    assert uclg.is_published is True
    organization_set_published(
        organization_id=uclg.pk, published=False, actor=operator, reason="not yet verified"
    )
    uclg.refresh_from_db()
    assert uclg.is_published is False
    event = AuditEvent.objects.get(target_id=uclg.pk, event="organization.publication_changed")
    assert event.data["new"] == {"is_published": False}
    assert event.data["reason"] == "not yet verified"


def test_the_operators_admin_changes_them_through_the_services(uclg, operator, rf):
    from django.contrib.admin.sites import site

    model_admin = site._registry[ForeignOrganization]
    request = rf.post("/")
    request.user = operator
    uclg.status, uclg.is_published, uclg.phone = "archived", False, "+62 22"
    model_admin.save_model(request, uclg, form=None, change=True)
    uclg.refresh_from_db()
    assert (uclg.status, uclg.is_published, uclg.phone) == ("archived", False, "+62 22")
    events = AuditEvent.objects.filter(target_id=uclg.pk).values_list("event", flat=True)
    assert {"organization.status_changed", "organization.publication_changed"} <= set(events)
