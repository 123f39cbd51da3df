"""Open data API: public, streamed JSON arrays and the change feed with its cursor."""

import json
from datetime import timedelta
from urllib.parse import parse_qs

import pytest
from django.http import StreamingHttpResponse
from django.utils import timezone

from mitra.core.tests.world import build_world
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


def body(response):
    assert isinstance(response, StreamingHttpResponse)
    return json.loads(b"".join(response.streaming_content))


def test_datasets_are_public_json_arrays(client):
    world = build_world()
    for slug in ("organizations", "agreements", "activities", "reporting-status"):
        response = client.get(f"/api/v1/open/{slug}/")
        assert response.status_code == 200, slug
        assert response["Content-Type"] == "application/json"
        assert isinstance(body(response), list)
    names = [row["legal_name"] for row in body(client.get("/api/v1/open/organizations/"))]
    assert "Ford Foundation" in names
    assert world.hidden_org.legal_name not in names


def test_change_feed_pages_with_next_cursor(client):
    build_world()
    ForeignOrganizationFactory.create_batch(3)
    since = (timezone.now() - timedelta(hours=1)).isoformat()
    url = "/api/v1/open/organizations/changes/?" + f"since={since}&limit=2".replace("+", "%2B")
    ids: list[str] = []
    while True:
        page = body(client.get(url))
        ids += [row["id"] for row in page["results"]]
        if page["next"] is None:
            break
        assert parse_qs(page["next"][1:])["after_id"]
        url = "/api/v1/open/organizations/changes/" + page["next"].replace("+", "%2B")
    assert len(ids) == len(set(ids)) == 5
    everything = [row["id"] for row in body(client.get("/api/v1/open/organizations/"))]
    assert ids == everything  # same order: updated_at, then number


def test_change_feed_refuses_a_missing_or_bad_since(client):
    response = client.get("/api/v1/open/agreements/changes/")
    assert response.status_code == 400
    assert "since" in response.json()["extra"]
    assert client.get("/api/v1/open/agreements/changes/?since=yesterday").status_code == 400
    assert (
        client.get("/api/v1/open/agreements/changes/?since=2024-01-01&limit=0").status_code == 400
    )


def test_reporting_status_has_no_feed(client):
    assert client.get("/api/v1/open/reporting-status/changes/?since=2024-01-01").status_code == 404
