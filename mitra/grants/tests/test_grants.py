"""Visibility grants: versions in force, the service (operators only, audited, refusals write
nothing), the defaults (idempotent, the TPOA list read from settings, not copied) and the
admin (saving rebuilds who reads what)."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.models import AuditEvent
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.exceptions import ApplicationError
from mitra.grants.models import VisibilityGrant
from mitra.grants.reference import DEFAULT_GRANTS, builtin_grants, load_default_grants
from mitra.grants.services import grant_save
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


def version(code: str, number: int, **changes) -> VisibilityGrant:
    base = VisibilityGrant.objects.get(code=code, version=1)
    base.pk, base.version = None, number
    for name, value in changes.items():
        setattr(base, name, value)
    return base


def test_the_defaults_are_loaded_once_with_their_basis():
    assert VisibilityGrant.objects.count() == len(DEFAULT_GRANTS)  # the data migration
    assert load_default_grants() == 0
    assert VisibilityGrant.objects.count() == len(DEFAULT_GRANTS)
    for grant in VisibilityGrant.objects.all():
        assert grant.legal_basis
        assert grant.role
        assert grant.confidence in "ABCD"
        assert grant.read_right_is_design_decision
    polpum = VisibilityGrant.objects.get(code="polpum.regional_ormas")
    assert "PP 59/2016 Ps 19(2), 24" in polpum.legal_basis


def test_the_tpoa_members_come_from_the_one_setting(settings):
    grant = VisibilityGrant.objects.get(code="tpoa.ormas_asing")
    assert grant.grantee_keys == []
    assert grant.grantee_setting == "TPOA_MEMBERS"
    assert grant.grantee_body_keys() == settings.MITRA["TPOA_MEMBERS"]
    from mitra.permits.conf import setting

    settings.MITRA = {**settings.MITRA, "TPOA_MEMBERS": ["kemlu", "kemenkes"]}
    assert grant.grantee_body_keys() == ["kemlu", "kemenkes"] == setting("TPOA_MEMBERS")


def test_the_version_in_force_is_the_latest_active_one_started():
    code = "meeting.agenda"
    grant_v2 = version(code, 2, valid_from=date(2025, 1, 1), name="v2")
    grant_v3 = version(code, 3, valid_from=date(2025, 6, 1), name="v3", active=False)
    grant_v4 = version(code, 4, valid_from=date(2027, 1, 1), name="v4")
    VisibilityGrant.objects.bulk_create([grant_v2, grant_v3, grant_v4])

    def in_force(on):
        return {g.code: g.version for g in VisibilityGrant.objects.in_force(on)}[code]

    assert in_force(date(2024, 12, 31)) == 1
    assert in_force(date(2025, 7, 1)) == 2  # v3 is switched off
    assert in_force(date(2027, 1, 1)) == 4


def test_the_builtin_defaults_apply_only_to_an_empty_table():
    assert {g.code for g in builtin_grants(date(2026, 1, 1))} == {r["code"] for r in DEFAULT_GRANTS}
    assert "fasker.regional_cooperation" not in {g.code for g in builtin_grants(date(2019, 1, 1))}


def test_grant_save_is_for_operators_audited_and_refuses_bad_input(operator, officer):
    grant = version("meeting.agenda", 2, valid_from=date(2026, 1, 1))
    with pytest.raises(ApplicationError):
        grant_save(grant=grant, actor=officer)
    bad = version("tpoa.ormas_asing", 2, organization_kinds=["pirates"], grantee_keys=["nope"])
    with pytest.raises(ApplicationError) as refused:
        grant_save(grant=bad, actor=operator)
    assert set(refused.value.extra) == {"organization_kinds", "grantee_keys"}
    no_setting = version("tpoa.ormas_asing", 2, grantee_setting="NO_SUCH_LIST")
    with pytest.raises(ApplicationError) as refused:
        grant_save(grant=no_setting, actor=operator)
    assert set(refused.value.extra) == {"grantee_setting"}
    assert VisibilityGrant.objects.filter(version=2).count() == 0
    assert not AuditEvent.objects.filter(event__startswith="visibility_grant.").exists()

    saved = grant_save(grant=grant, actor=operator)
    saved.notes = "Checked with the legal bureau."
    grant_save(grant=saved, actor=operator)
    events = list(AuditEvent.objects.filter(event__startswith="visibility_grant.").order_by("id"))
    assert [e.event for e in events] == ["visibility_grant.created", "visibility_grant.updated"]
    assert events[1].data == {
        "old": {"notes": ""},
        "new": {"notes": "Checked with the legal bureau."},
    }


def test_the_admin_saves_through_the_service_and_rebuilds_access(client, kemenkes):
    operator = UserFactory(operator=True, is_staff=True, is_superuser=True)
    kemlu = GovernmentBodyFactory(key="kemlu")
    un = ForeignOrganizationFactory(un_agency=True)
    agreement = AgreementFactory(owner=kemenkes, foreign_parties=[un])
    assert not Agreement.objects.filter(pk=agreement.pk, access__agency=kemlu).exists()
    grant = VisibilityGrant.objects.get(code="tpoa.ormas_asing", version=1)
    client.force_login(operator)
    url = reverse("admin:grants_visibilitygrant_change", args=[grant.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = {
        "code": grant.code, "version": 1, "name": grant.name, "rule": grant.rule,
        "grantee_keys": '[]', "grantee_setting": "TPOA_MEMBERS",
        "organization_kinds": '["foreign_ngo", "un_agency"]', "role": grant.role,
        "legal_basis": grant.legal_basis, "confidence": grant.confidence,
        "read_right_is_design_decision": "on", "valid_from": "2016-12-06", "active": "on",
        "notes": "",
    }  # fmt: skip
    response = client.post(url, form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Agreement.objects.filter(pk=agreement.pk, access__agency=kemlu).exists()
    assert AuditEvent.objects.filter(event="visibility_grant.updated").count() == 1
    # A bad kind is refused on the form; nothing changes.
    response = client.post(url, {**form, "organization_kinds": '["pirates"]'})
    assert response.status_code == 200
    grant.refresh_from_db()
    assert grant.organization_kinds == ["foreign_ngo", "un_agency"]
    # Grants are never deleted (switched off with a new inactive version instead).
    assert (
        client.get(reverse("admin:grants_visibilitygrant_delete", args=[grant.pk])).status_code
        == 403
    )
