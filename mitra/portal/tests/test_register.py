"""The public register of izin prinsip (issue 16 §2): page and API, found by name without a
reference number; one rule (permits.selectors.register_standing) decides "valid"."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import translation

from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.dates import today
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.models import Application, Permit
from mitra.permits.selectors import register_standing
from mitra.permits.tests.factories import PermitFactory
from mitra.regions.tests.factories import ProvinceFactory

pytestmark = pytest.mark.django_db


def register_page(client, q: str) -> str:
    response = client.get(reverse("portal:register"), {"q": q})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def ford():
    org = ForeignOrganizationFactory(legal_name="Ford Foundation", acronym="")
    ministry = GovernmentBodyFactory(name="Kementerian Sosial", acronym="Kemensos")
    application = Application.objects.create(reference="APP-FORD-1", organization=org, track="tpoa")
    application.provinces.add(
        ProvinceFactory(code="91", name="Papua Tengah"), ProvinceFactory(code="92", name="Aceh")
    )
    start = today() - timedelta(days=100)
    PermitFactory(
        organization=org,
        number="IP-FORD-0001",
        valid_from=start,
        valid_until=start + timedelta(days=1000),
        partner_ministry=ministry,
        application=application,
        conditions="INTERNAL-CONDITION",
        status_reason="INTERNAL-REASON",
    )
    return org


def test_journalist_finds_ford_valid_without_reference(client, ford):
    body = register_page(client, "ford fundation")  # misspelt, no reference number
    start = today() - timedelta(days=100)
    assert "Ford Foundation" in body
    assert 'data-state="valid"' in body
    assert "Valid izin prinsip" in body
    assert "IP-FORD-0001" in body
    period = f"{start:%-d %b %Y} – {start + timedelta(days=1000):%-d %b %Y}"
    assert period in body
    assert "Aceh, Papua Tengah" in body
    assert "Kementerian Sosial (Kemensos)" in body
    assert "INTERNAL-CONDITION" not in body
    assert "INTERNAL-REASON" not in body


def test_register_in_indonesian(client, ford):
    with translation.override("id"):
        url = reverse("portal:register")
    response = client.get(url, {"q": "ford"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="id"' in body
    assert "IP-FORD-0001" in body
    assert 'data-state="valid"' in body


def test_org_without_permit_has_no_valid_izin_prinsip(client):
    ForeignOrganizationFactory(legal_name="Asia Foundation", acronym="")
    body = register_page(client, "asia foundation")
    assert "Asia Foundation" in body
    assert 'data-state="none"' in body
    assert "No valid izin prinsip" in body
    assert "register-number" not in body


def test_suspended_shows_the_date(client, ford):
    ForeignOrganization.objects.filter(pk=ford.pk).update(status="suspended")
    Permit.objects.filter(organization=ford).update(status_changed_on=date(2026, 3, 1))
    body = register_page(client, "ford")
    assert 'data-state="suspended"' in body
    assert "Izin prinsip suspended</span> since 1 Mar 2026" in body
    assert "Valid izin prinsip" not in body


def test_revoked_and_expired(client, ford):
    Permit.objects.filter(organization=ford).update(
        status="revoked", status_changed_on=date(2026, 4, 2)
    )
    body = register_page(client, "ford")
    assert "Izin prinsip revoked</span> since 2 Apr 2026" in body
    old = ForeignOrganizationFactory(legal_name="Oxfam Novib", acronym="")
    PermitFactory(
        organization=old, number="IP-OLD-1", valid_from=date(2019, 1, 1),
        valid_until=date(2021, 12, 31), status="expired",
    )  # fmt: skip
    body = register_page(client, "oxfam")
    assert "Izin prinsip expired</span> ended 31 Dec 2021" in body
    assert "IP-OLD-1" in body


def test_unpublished_org_never_appears(client, ford):
    hidden = ForeignOrganizationFactory(legal_name="Ford Secret Trust", unpublished=True)
    PermitFactory(organization=hidden, number="IP-HIDDEN-9")
    body = register_page(client, "ford")
    assert "Ford Foundation" in body
    assert "Ford Secret Trust" not in body
    assert "IP-HIDDEN-9" not in body
    data = client.get("/api/v1/register/", {"q": "ford"}).json()
    assert [row["legal_name"] for row in data["results"]] == ["Ford Foundation"]
    assert "IP-HIDDEN-9" not in str(data)


def test_home_links_to_the_register(client):
    body = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:register")}" id="portal-register"' in body


# --- the one rule -----------------------------------------------------------------------


def test_rule_in_force_but_past_its_end_is_expired_and_not_started_is_none():
    org = ForeignOrganizationFactory()
    late = PermitFactory(
        organization=org, valid_from=date(2020, 1, 1), valid_until=date(2022, 1, 1)
    )
    # Stored ACTIVE (the nightly expiry has not run) but its period is over: not valid.
    standing = register_standing([late], on=date(2023, 1, 1))
    assert (standing.state, standing.since, standing.permit) == ("expired", date(2022, 1, 1), late)
    assert register_standing([late], on=date(2019, 6, 1)).state == "none"
    assert register_standing([late], on=date(2021, 6, 1)).state == "valid"
    assert register_standing([], on=date(2021, 6, 1)).state == "none"


def test_rule_prefers_the_valid_extension_over_a_revoked_earlier_permit():
    org = ForeignOrganizationFactory()
    first = PermitFactory(
        organization=org, valid_from=date(2020, 1, 1), valid_until=date(2022, 12, 31),
        status="revoked", status_changed_on=date(2021, 5, 1),
    )  # fmt: skip
    second = PermitFactory(
        organization=org, valid_from=date(2023, 1, 1), valid_until=date(2025, 12, 31)
    )
    standing = register_standing([first, second], on=date(2024, 1, 1))
    assert (standing.state, standing.permit) == ("valid", second)
    assert register_standing([first, second], on=date(2021, 6, 1)).state == "revoked"


# --- the API ----------------------------------------------------------------------------


def test_api_is_public_and_paginated(client, ford):
    ForeignOrganizationFactory(legal_name="Asia Foundation", acronym="")
    # The API answers in the language asked for (labels are translated).
    response = client.get("/api/v1/register/", {"q": "ford fundation"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["next"] is None
    row = data["results"][0]
    start = today() - timedelta(days=100)
    assert row == {
        "id": ford.pk,
        "legal_name": "Ford Foundation",
        "acronym": "",
        "state": "valid",
        "state_label": "Valid izin prinsip",
        "since": None,
        "permit_number": "IP-FORD-0001",
        "valid_from": start.isoformat(),
        "valid_until": (start + timedelta(days=1000)).isoformat(),
        "regions": ["Aceh", "Papua Tengah"],
        "partner_ministry": "Kementerian Sosial (Kemensos)",
    }
    everyone = client.get("/api/v1/register/", {"page_size": 1}).json()
    assert everyone["count"] == 2
    assert len(everyone["results"]) == 1
    assert everyone["next"]
    none = client.get("/api/v1/register/", {"q": "asia"}).json()["results"][0]
    assert (none["state"], none["permit_number"], none["regions"]) == ("none", None, [])


def test_api_bad_input_is_a_clear_400(client):
    response = client.get("/api/v1/register/", {"q": "x" * 201})
    assert response.status_code == 400
    assert list(response.json()["extra"]) == ["q"]
    response = client.get("/api/v1/register/", {"page": "0"})
    assert response.status_code == 400
    assert list(response.json()["extra"]) == ["page"]


def test_api_schema_declares_no_security(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/register/"]["get"]
    assert operation["operationId"] == "register_list"
    assert operation["security"] == []


def test_queries_do_not_grow_with_organizations(client, ford, django_assert_max_num_queries):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            client.get("/api/v1/register/", {"page_size": 50})
        return len(ctx.captured_queries)

    before = count()
    for n in range(3):
        org = ForeignOrganizationFactory(legal_name=f"Foundation {n}")
        PermitFactory(organization=org, partner_ministry=GovernmentBodyFactory())
    assert count() == before


# --- the status lookup and processing times as API (issue 16 §2) ------------------------


def test_api_status_lookup_is_public_and_shows_only_the_stage(client):
    org = ForeignOrganizationFactory(legal_name="Secret Name Foundation")
    Application.objects.create(
        reference="TPOA-2026-0700", organization=org, track="tpoa",
        status=Application.Status.SUBMITTED, submitted_on=date(2026, 2, 3),
        programmes="INTERNAL-PROGRAMME",
    )  # fmt: skip
    Application.objects.create(
        reference="TPOA-2026-0701", organization=ForeignOrganizationFactory(), track="tpoa"
    )
    response = client.get("/api/v1/permits/status/", {"reference": " tpoa-2026-0700 "})
    assert response.status_code == 200
    data = response.json()
    assert (data["reference"], data["stage"], data["submitted_on"]) == (
        "TPOA-2026-0700", "submitted", "2026-02-03",
    )  # fmt: skip
    assert data["holder"]
    assert "Secret Name" not in str(data)
    assert "INTERNAL-PROGRAMME" not in str(data)
    # A draft is not public; an unknown reference and a missing one are clear errors.
    assert client.get("/api/v1/permits/status/", {"reference": "TPOA-2026-0701"}).status_code == 404
    assert client.get("/api/v1/permits/status/", {"reference": "NOPE"}).status_code == 404
    missing = client.get("/api/v1/permits/status/")
    assert missing.status_code == 400
    assert list(missing.json()["extra"]) == ["reference"]


def test_api_statistics_hide_numbers_below_the_minimum(client):
    from django.utils import timezone

    from mitra.permits.models import StageVisit

    application = Application.objects.create(
        reference="TPOA-2026-0800", organization=ForeignOrganizationFactory(), track="tpoa",
        status=Application.Status.APPROVED,
    )  # fmt: skip
    entered = timezone.now() - timedelta(days=300)
    review, verification = Application.Status.REVIEW, Application.Status.VERIFICATION
    for stage, days in [(review, 2), (review, 4), (review, 6), (review, 8), (review, 10),
                        (verification, 0)]:  # fmt: skip
        StageVisit.objects.create(
            application=application, stage=stage, kind="new", track="tpoa",
            entered_at=entered, left_at=entered + timedelta(days=days),
            duration=timedelta(days=days),
        )  # fmt: skip
    response = client.get("/api/v1/permits/statistics/")
    assert response.status_code == 200
    rows = {r["count"]: r for r in response.json()}  # labels in the API's language
    assert set(rows) == {5, 1}
    assert (rows[5]["enough"], rows[5]["median"], rows[5]["p90"]) == (True, 6.0, 9.2)
    few = rows[1]
    assert (few["count"], few["enough"], few["median"], few["p90"]) == (1, False, None, None)


def test_api_status_and_statistics_schema_declare_no_security(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for path in ("/api/v1/permits/status/", "/api/v1/permits/statistics/"):
        assert schema["paths"][path]["get"]["security"] == []
