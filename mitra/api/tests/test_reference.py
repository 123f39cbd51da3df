"""Government bodies, provinces and regencies through the API."""

from typing import Any

import pytest

from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory

pytestmark = pytest.mark.django_db


def test_bodies_search_by_acronym_kind_and_top_level(
    client_for: Any, viewer: Any, fasker: Any, kemenkes: Any
) -> None:
    client = client_for(viewer)
    body = client.get("/api/v1/bodies/", {"q": "kemendagri"}).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["key"] == "kemendagri"
    assert item["acronym"] == "Kemendagri"
    assert item["parent"] is None

    units = client.get("/api/v1/bodies/", {"kind": "unit"}).json()["results"]
    assert [u["key"] for u in units] == ["kemendagri-pusat-fasker"]
    assert units[0]["parent"]["key"] == "kemendagri"

    top = client.get("/api/v1/bodies/", {"top_level": "true"}).json()["results"]
    assert {b["key"] for b in top} == {"kemendagri", "kemenkes"}


def test_body_detail_lists_units(client_for: Any, viewer: Any, fasker: Any) -> None:
    response = client_for(viewer).get(f"/api/v1/bodies/{fasker.parent_id}/")
    assert response.status_code == 200
    assert [u["key"] for u in response.json()["units"]] == ["kemendagri-pusat-fasker"]
    assert client_for(viewer).get("/api/v1/bodies/999999/").status_code == 404


def test_unknown_body_kind_is_400(client_for: Any, viewer: Any) -> None:
    response = client_for(viewer).get("/api/v1/bodies/", {"kind": "spaceship"})
    assert response.status_code == 400
    assert "kind" in response.json()["extra"]


def test_provinces_and_regencies_by_province_code(
    client_for: Any, ford_rep: Any, semarang: Any
) -> None:
    RegencyFactory(code="34.71", province=ProvinceFactory(code="34", name="DI Yogyakarta"))
    client = client_for(ford_rep)  # reference data is readable by every signed-in user
    provinces = client.get("/api/v1/regions/provinces/").json()
    assert [p["code"] for p in provinces["results"]] == ["33", "34"]

    regencies = client.get("/api/v1/regions/regencies/", {"province": "33"}).json()
    assert regencies["count"] == 1
    assert regencies["results"][0] == {
        "code": "33.74",
        "name": "Kota Semarang",
        "kind": "city",
        "province": "33",
        "latitude": None,
        "longitude": None,
    }


def test_unknown_province_code_is_400_with_the_code(client_for: Any, viewer: Any) -> None:
    response = client_for(viewer).get("/api/v1/regions/regencies/", {"province": "99"})
    assert response.status_code == 400
    assert response.json() == {
        "message": "Validation error: province: Unknown province code: 99.",
        "extra": {"province": ["Unknown province code: 99."]},
    }


def test_body_list_has_a_constant_number_of_queries(
    client_for: Any, viewer: Any, django_assert_max_num_queries: Any
) -> None:
    client = client_for(viewer)
    for _ in range(3):
        GovernmentBodyFactory(unit=True)
    with django_assert_max_num_queries(4):  # token, count, page (with parent, region)
        assert client.get("/api/v1/bodies/").status_code == 200
    for _ in range(20):
        GovernmentBodyFactory(unit=True)
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/bodies/").json()["count"] > 20
