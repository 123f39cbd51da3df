"""Change notices (issue 15 §1): the change table, filing, accepting, refusing; each refusal
writes nothing; audit and notices; a change of regions tells the regions concerned (N5)."""

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.exceptions import ApplicationError
from mitra.notifications.models import Notice
from mitra.organizations import conf, services
from mitra.organizations.models import ChangeNotice, ForeignOrganization
from mitra.regions.tests.factories import ProvinceFactory

from .factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ford() -> ForeignOrganization:
    return ForeignOrganizationFactory(
        legal_name="Ford Foundation", country_director="Alexander Irwan"
    )


@pytest.fixture
def rep(ford: ForeignOrganization) -> Any:
    return UserFactory(org_representative=True, organization=ford)


@pytest.fixture
def kemlu() -> Any:
    body = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri")
    return UserFactory(officer=True, body=body)


def state() -> dict[str, Any]:
    return {
        "notices": sorted(ChangeNotice.objects.values_list("pk", "status")),
        "orgs": sorted(
            ForeignOrganization.objects.values_list(
                "pk", "country_director", "indonesian_office", "email"
            )
        ),
        "audit": AuditEvent.objects.count(),
        "notices_sent": Notice.objects.count(),
    }


def test_the_default_change_table():
    rules = conf.change_rules()
    assert {k for k, v in rules.items() if v == conf.ACCEPTANCE} == {
        "representative", "country_director", "funding_source", "regions", "sectors",
    }  # fmt: skip
    assert {k for k, v in rules.items() if v == conf.NOTICE} == {"address", "contact"}
    assert set(rules) == set(ChangeNotice.Kind.values)


def test_the_change_table_is_configurable(settings):
    settings.MITRA = {**settings.MITRA, "ORGANIZATION_CHANGES": {"sectors": "notice"}}
    assert conf.change_rule("sectors") == conf.NOTICE
    assert conf.change_rule("regions") == conf.ACCEPTANCE
    settings.MITRA = {**settings.MITRA, "ORGANIZATION_CHANGES": {"sectors": "maybe"}}
    with pytest.raises(ImproperlyConfigured):
        conf.change_rule("sectors")


def test_an_address_takes_effect_at_once(ford, rep, kemlu):
    notice = services.change_notice_file(
        organization_id=ford.pk,
        kind="address",
        values={"indonesian_office": "Jl. Sudirman 1, Jakarta"},
        actor=rep,
    )
    ford.refresh_from_db()
    assert notice.status == ChangeNotice.Status.NOTED
    assert ford.indonesian_office == "Jl. Sudirman 1, Jakarta"
    assert AuditEvent.objects.filter(event="organization.change_noted", target_id=ford.pk).exists()
    assert Notice.objects.filter(event="organizations.change_noted", user=kemlu).exists()


def test_a_country_director_waits_for_the_secretariat(ford, rep, kemlu):
    notice = services.change_notice_file(
        organization_id=ford.pk,
        kind="country_director",
        values={"country_director": "Ada Lovelace"},
        explanation="Appointed by the board.",
        actor=rep,
    )
    ford.refresh_from_db()
    assert notice.status == ChangeNotice.Status.PENDING
    assert ford.country_director == "Alexander Irwan"
    assert notice.previous == {"country_director": "Alexander Irwan"}
    assert Notice.objects.filter(event="organizations.change_filed", user=kemlu).exists()
    services.change_notice_accept(notice_id=notice.pk, actor=kemlu)
    ford.refresh_from_db()
    notice.refresh_from_db()
    assert ford.country_director == "Ada Lovelace"
    assert (notice.status, notice.decided_by) == (ChangeNotice.Status.ACCEPTED, kemlu)
    assert AuditEvent.objects.filter(event="organization.change_accepted").exists()
    assert Notice.objects.filter(event="organizations.change_accepted", user=rep).exists()


def test_refusing_needs_a_reason_and_changes_nothing(ford, rep, kemlu):
    notice = services.change_notice_file(
        organization_id=ford.pk,
        kind="funding_source",
        values={"funding_sources": "A new donor."},
        actor=rep,
    )
    before = state()
    with pytest.raises(ApplicationError) as error:
        services.change_notice_refuse(notice_id=notice.pk, actor=kemlu, reason="  ")
    assert set(error.value.extra) == {"reason"}
    assert state() == before
    services.change_notice_refuse(notice_id=notice.pk, actor=kemlu, reason="No evidence.")
    notice.refresh_from_db()
    ford.refresh_from_db()
    assert (notice.status, notice.decision_reason) == (ChangeNotice.Status.REFUSED, "No evidence.")
    assert ford.funding_sources == ""
    assert Notice.objects.filter(event="organizations.change_refused", user=rep).exists()
    with pytest.raises(ApplicationError):  # decided once
        services.change_notice_accept(notice_id=notice.pk, actor=kemlu)


@pytest.mark.parametrize(
    ("kind", "values", "field"),
    [
        ("nonsense", {}, "kind"),
        ("address", {"indonesian_office": ""}, "indonesian_office"),
        ("contact", {"email": "not-an-email"}, "email"),
        ("contact", {"website": "javascript:alert(1)"}, "website"),
        ("contact", {"phone": "1" * 41}, "phone"),
        ("country_director", {"country_director": "Alexander Irwan"}, "__all__"),  # unchanged
        ("representative", {"representative": "x" * 256}, "representative"),
        ("regions", {"regions": []}, "regions"),
        ("regions", {"regions": [987654]}, "regions"),
        ("sectors", {"sectors": ["abc"]}, "sectors"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(ford, rep, kind, values, field):
    before = state()
    with pytest.raises(ApplicationError) as error:
        services.change_notice_file(organization_id=ford.pk, kind=kind, values=values, actor=rep)
    assert field in error.value.extra
    assert state() == before


def test_only_its_representatives_file_and_the_secretariat_decides(ford, rep, kemlu):
    other_rep = UserFactory(org_representative=True, organization=ForeignOrganizationFactory())
    officer = UserFactory(officer=True)
    for actor in (other_rep, officer, kemlu):
        with pytest.raises(ApplicationError):
            services.change_notice_file(
                organization_id=ford.pk,
                kind="country_director",
                values={"country_director": "X"},
                actor=actor,
            )
    notice = services.change_notice_file(
        organization_id=ford.pk,
        kind="country_director",
        values={"country_director": "X"},
        actor=rep,
    )
    with pytest.raises(ApplicationError) as error:  # a second one of the same kind
        services.change_notice_file(
            organization_id=ford.pk,
            kind="country_director",
            values={"country_director": "Y"},
            actor=rep,
        )
    assert "kind" in error.value.extra
    before = state()
    for actor in (rep, officer):
        with pytest.raises(ApplicationError):
            services.change_notice_accept(notice_id=notice.pk, actor=actor)
    assert state() == before


def test_a_change_of_regions_tells_the_regions_concerned(ford, rep, kemlu):
    jateng = ProvinceFactory(code="33", name="Jawa Tengah")
    ntt = ProvinceFactory(code="53", name="Nusa Tenggara Timur")
    ford.regions.set([jateng])
    body = {"kind": GovernmentBody.Kind.PROVINCIAL_GOVERNMENT}
    jateng_gov = GovernmentBodyFactory(key="pemprov-jateng", province=jateng, **body)
    ntt_gov = GovernmentBodyFactory(key="pemprov-ntt", province=ntt, **body)
    other_gov = GovernmentBodyFactory(
        key="pemprov-bali", province=ProvinceFactory(code="51"), **body
    )
    polpum = GovernmentBodyFactory(key="kemendagri-ditjen-polpum")
    users = {
        name: UserFactory(officer=True, body=b)
        for name, b in [
            ("ntt", ntt_gov),
            ("jateng", jateng_gov),
            ("bali", other_gov),
            ("polpum", polpum),
        ]
    }
    notice = services.change_notice_file(
        organization_id=ford.pk, kind="regions", values={"regions": [jateng.pk, ntt.pk]}, actor=rep
    )
    assert not Notice.objects.filter(event="organizations.regions_changed").exists()
    services.change_notice_accept(notice_id=notice.pk, actor=kemlu)
    told = set(
        Notice.objects.filter(event="organizations.regions_changed").values_list(
            "user_id", flat=True
        )
    )
    assert told == {users["ntt"].pk, users["polpum"].pk}
    assert set(ford.regions.values_list("pk", flat=True)) == {jateng.pk, ntt.pk}


def test_an_edit_of_the_record_keeps_the_reported_fields(ford, officer):
    from mitra.organizations.services import OrganizationInput, organization_update

    organization_update(
        organization_id=ford.pk,
        data=OrganizationInput(legal_name="Ford Foundation", kind=ford.kind, country="US"),
        actor=officer,
    )
    ford.refresh_from_db()
    assert ford.country_director == "Alexander Irwan"
