"""Every licensing URL × every role (GET), and POSTs: refused writes change nothing, allowed
writes change something and audit."""

from typing import Any

import pytest

from mitra.accounts.tests.factories import UserFactory
from mitra.audit.models import AuditEvent
from mitra.core.tests.matrix import assert_get_matrix, login
from mitra.core.tests.world import ROLES, World, build_world
from mitra.permits import services
from mitra.permits.models import (
    AgencyReview,
    Application,
    ForeignStaffAssignment,
    IzinOperasional,
    Permit,
)
from mitra.regions.tests.factories import ProvinceFactory

from .factories import PermitFactory, complete_application, members
from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world() -> tuple[World, dict[str, Any]]:
    w = build_world()
    agencies = members()
    kemlu = UserFactory(username="kemlu", officer=True, body=agencies["kemlu"])
    rep = w.users["org_representative"]
    province = ProvinceFactory(code="33", name="Jawa Tengah")
    app = complete_application(w.ford, rep, w.kemendagri, province)
    services.application_submit(application_id=app.pk, actor=rep)
    services.application_open_verification(application_id=app.pk, actor=kemlu)
    services.application_circulate(application_id=app.pk, actor=kemlu)
    other_rep = UserFactory(org_representative=True, organization=w.other_org)
    other_draft = services.application_create(organization=w.other_org, actor=other_rep)
    permit = PermitFactory(organization=w.ford, partner_ministry=w.kemendagri)
    other_permit = PermitFactory(organization=w.other_org)
    io = IzinOperasional.objects.create(
        number="IO-MATRIX",
        permit=permit,
        agreement=w.kemendagri_active,
        issuer=w.kemendagri,
        valid_from=permit.valid_from,
        valid_until=permit.valid_until,
    )
    staff = ForeignStaffAssignment.objects.create(
        organization=w.ford,
        name="Expert",
        nationality="US",
        position="Adviser",
        start_date=permit.valid_from,
        end_date=permit.valid_until,
        ktln_approval_number="B-1/KTLN",
        ktln_approved_on=permit.valid_from,
    )
    objects = {
        "app": app,
        "other_draft": other_draft,
        "review_own": app.reviews.get(agency=w.kemendagri),
        "review_kemhan": app.reviews.get(agency__key="kemhan"),
        "permit": permit,
        "other_permit": other_permit,
        "io": io,
        "staff": staff,
        "ford": w.ford,
    }
    return w, objects


def kwargs_for(objects: dict[str, Any], target: str) -> dict[str, Any]:
    if target == "":
        return {}
    if target == "app_withdraw":
        return {"pk": objects["app"].pk, "action": "withdraw"}
    if target == "app_doc":
        return {"pk": objects["app"].pk, "document_pk": objects["app"].documents.first().pk}
    return {"pk": objects[target].pk}


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    w, objects = world
    login(client, w, role)
    assert_get_matrix(client, GET, role, kwargs=lambda target: kwargs_for(objects, target))


def snapshot() -> dict[str, Any]:
    return {
        "applications": sorted(Application.objects.values_list("pk", "status", "response_text")),
        "reviews": sorted(AgencyReview.objects.values_list("pk", "state", "text")),
        "permits": sorted(Permit.objects.values_list("pk", "status", "status_reason")),
        "operational": sorted(IzinOperasional.objects.values_list("pk", "status")),
        "audit": AuditEvent.objects.count(),
    }


# name → (url name, target, data, status per role, whether the write is allowed per role)
def post_cases(objects: dict[str, Any]) -> dict[str, Any]:
    from django.urls import reverse

    app, review = objects["app"], objects["review_own"]
    return {
        "record Kemendagri's opinion": (
            reverse("permits:review_detail", args=[review.pk]),
            {"operation": "decide", "state": "no_objection", "reason_code": "none"},
            (302, 302, 302, 302, 404, 403),
            (False, True, True, False, False, False),
        ),
        "record Kemhan's opinion": (
            reverse("permits:review_detail", args=[objects["review_kemhan"].pk]),
            {"operation": "decide", "state": "objection", "reason_code": "security", "text": "x"},
            (302, 302, 404, 404, 404, 403),
            (False, True, False, False, False, False),
        ),
        "secretariat shares opinions": (
            reverse("permits:application_action", args=[app.pk, "share_opinions"]),
            {},
            (302, 302, 404, 404, 404, 404),
            (False, True, False, False, False, False),
        ),
        # The acts after issue: the authority's confirmed POST changes and audits; anyone
        # else is refused before the service (403) and nothing changes.
        "secretariat suspends Ford's izin prinsip": (
            reverse("permits:permit_suspend", args=[objects["permit"].pk]),
            {"reason": "Political activity.", "legal_basis": "UU 17/2013 Ps 52", "confirm": "on"},
            (302, 302, 403, 403, 403, 403),
            (False, True, False, False, False, False),
        ),
        "the issuer ends the izin operasional": (
            reverse("permits:operational_end", args=[objects["io"].pk]),
            {"reason": "Programme closed.", "legal_basis": "Kepmen 1/2026", "confirm": "on"},
            (302, 302, 302, 403, 403, 403),
            (False, True, True, False, False, False),
        ),
        "applicant withdraws": (
            reverse("permits:application_action", args=[app.pk, "withdraw"]),
            {"reason": "No longer needed."},
            (302, 302, 404, 404, 404, 302),
            (False, True, False, False, False, True),
        ),
    }


@pytest.mark.parametrize("role", ROLES)
def test_post_matrix(client, world, role):
    w, objects = world
    login(client, w, role)
    column = ROLES.index(role)
    for case, (url, data, statuses, allowed) in post_cases(objects).items():
        before = snapshot()
        response = client.post(url, data)
        assert response.status_code == statuses[column], f"{role} / {case}"
        after = snapshot()
        if allowed[column]:
            assert after != before, f"{role} / {case} changed nothing"
            assert after["audit"] > before["audit"], f"{role} / {case} wrote no audit"
        else:
            assert after == before, f"{role} / {case} changed data"


def test_public_status_shows_no_confidential_content(client, world):
    w, objects = world
    app = objects["app"]
    services.review_decide(
        review_id=objects["review_own"].pk,
        state="objection",
        reason_code="security",
        text="SECRET-OPINION-TEXT",
        actor=w.users["officer"],
    )
    response = client.get("/en/permits/status/", {"reference": app.reference})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Inter-agency review" in body
    for secret in ("SECRET-OPINION-TEXT", "Ford Foundation", "Governance programmes", "Endowment"):
        assert secret not in body
    draft = objects["other_draft"]
    assert client.get("/en/permits/status/", {"reference": draft.reference}).status_code == 404
    assert client.get("/en/permits/statistics/").status_code == 200


def test_an_agency_does_not_see_another_agencys_opinion_text(client, world):
    w, objects = world
    kemhan = UserFactory(officer=True, body=objects["review_kemhan"].agency)
    services.review_decide(
        review_id=objects["review_kemhan"].pk,
        state="objection",
        reason_code="security",
        text="KEMHAN-INTERNAL",
        actor=kemhan,
    )
    client.force_login(w.users["officer"])
    url = f"/en/permits/applications/{objects['app'].pk}/"
    assert "KEMHAN-INTERNAL" not in client.get(url).content.decode()
    client.force_login(w.users["org_representative"])
    assert "KEMHAN-INTERNAL" not in client.get(url).content.decode()
    client.force_login(w.users["operator"])
    assert "KEMHAN-INTERNAL" in client.get(url).content.decode()
    services.application_share_opinions(application_id=objects["app"].pk, actor=w.users["operator"])
    client.force_login(w.users["officer"])
    assert "KEMHAN-INTERNAL" in client.get(url).content.decode()


def test_list_pages_keep_a_constant_number_of_queries(client, world, django_assert_max_num_queries):
    w, objects = world
    client.force_login(w.users["operator"])
    urls = [
        "/en/permits/applications/",
        "/en/permits/reviews/",
        "/en/permits/permits/",
        "/en/permits/statistics/",
    ]
    small = {}
    for url in urls:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        small[url] = len(ctx.captured_queries)
    for _ in range(4):
        PermitFactory(organization=w.ford)
        org_app = services.application_create(
            organization=PermitFactory().organization, actor=w.users["operator"]
        )
        services.application_withdraw(application_id=org_app.pk, actor=w.users["operator"])
    for url in urls:
        with django_assert_max_num_queries(small[url]):
            assert client.get(url).status_code == 200


def test_an_operator_enters_an_application_on_behalf_of_an_organization(client, world):
    """The secretariat types in an application that came on paper: from the organization's
    page, for that organization, as a draft the organization then sees as its own."""
    w, objects = world
    client.force_login(w.users["operator"])
    registry_page = client.get(f"/en/organizations/{w.ford.pk}/").content.decode()
    assert f"/en/permits/applications/new/?organization={w.ford.pk}" in registry_page
    form = client.get(f"/en/permits/applications/new/?organization={w.ford.pk}")
    assert form.status_code == 200
    assert "on behalf of Ford Foundation" in form.content.decode()
    # Ford's open application would block a second one of the same kind.
    services.application_withdraw(application_id=objects["app"].pk, actor=w.users["operator"])
    response = client.post(
        "/en/permits/applications/new/",
        {"organization": str(w.ford.pk), "legal_name": "Ford Foundation", "country": "US"},
    )
    created = Application.objects.get(organization=w.ford, status=Application.Status.DRAFT)
    assert response.status_code == 302
    created_event = AuditEvent.objects.get(event="permit_application.created", target_id=created.pk)
    assert created_event.actor == w.users["operator"]
    assert client.get("/en/permits/applications/new/?organization=999999").status_code == 404
    assert client.get("/en/permits/applications/new/?organization=x").status_code == 404
    assert client.get("/en/permits/applications/new/?organization=²").status_code == 404


def test_a_representative_cannot_apply_for_another_organization(client, world):
    w, _ = world
    rep = w.users["org_representative"]
    client.force_login(rep)
    before = Application.objects.filter(organization=w.other_org).count()
    client.post(
        "/en/permits/applications/new/",
        {"organization": str(w.other_org.pk), "legal_name": "Other"},
    )
    assert Application.objects.filter(organization=w.other_org).count() == before
    page = client.get(f"/en/permits/applications/new/?organization={w.other_org.pk}")
    assert w.other_org.legal_name not in page.content.decode()  # their own form, not the other's
    assert 'name="organization"' not in page.content.decode()
    client.force_login(UserFactory(officer=True, body=w.kemendagri))
    assert (
        client.get(f"/en/organizations/{w.ford.pk}/").content.decode().count("applications/new/")
        == 0
    )


def test_the_licensing_home_shows_agency_reviews_only_to_agencies(client, world):
    w, _ = world
    client.force_login(w.users["org_representative"])
    assert 'id="reviews-heading"' not in client.get("/en/permits/").content.decode()
    client.force_login(w.users["officer"])
    assert 'id="reviews-heading"' in client.get("/en/permits/").content.decode()


def test_the_organization_fragment_lists_only_that_organizations_permits(client, world):
    w, objects = world
    client.force_login(w.users["other_officer"])
    html = client.get(f"/en/permits/organizations/{w.ford.pk}/permits/").content.decode()
    assert objects["permit"].number in html
    assert objects["other_permit"].number not in html
