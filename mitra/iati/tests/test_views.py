"""The IATI pages: every URL × role, the upload run as a job, findings on the organization's
page, dismissing from the list, the review queue, constant queries on the list."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.urlwalk import html_routes
from mitra.core.tests.world import ROLES, World, build_world
from mitra.iati.models import Activity, Finding, MatchStatus, OrganizationMatch
from mitra.jobs.models import Job

from .helpers import activity, xml
from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world()


def test_every_iati_route_has_a_row():
    names = {r.name for r in html_routes() if r.name.startswith("iati:")}
    assert names == {name for name, _ in GET}


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    match = OrganizationMatch.objects.create(iati_key="X", organization=world.ford, method="name")
    finding = Finding.objects.create(kind=Finding.Kind.UNREGISTERED, key="k")
    kwargs: dict[str, dict[str, Any]] = {
        "none": {},
        "match": {"pk": match.pk},
        "finding": {"pk": finding.pk},
        "ford": {"pk": world.ford.pk},
    }
    if world.users[role] is not None:
        client.force_login(world.users[role])
    routes = {route.name: route for route in html_routes()}
    column = ROLES.index(role)
    wrong = {}
    for (name, target), statuses in GET.items():
        got = client.get(routes[name].path(kwargs[target])).status_code
        if got != statuses[column]:
            wrong[(name, target)] = (got, statuses[column])
    assert not wrong, f"{role}: (got, expected) {wrong}"


FORD_XML = activity(
    "US-EIN-13-1684331-DEMO",
    '<reporting-org ref="US-EIN-13-1684331" type="60"><narrative>Ford Foundation</narrative>'
    '</reporting-org><recipient-country code="ID"/>'
    '<activity-date type="2" iso-date="2010-01-01"/>'
    '<activity-date type="3" iso-date="2011-01-01"/>',
)


def test_upload_runs_the_job_and_shows_findings_on_the_organization(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.users["operator"])
    upload = SimpleUploadedFile("ford.xml", xml(FORD_XML).getvalue(), "application/xml")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("iati:upload"), {"file": upload})
    job = Job.objects.get(kind="iati.import")
    assert response.status_code == 302
    assert response.url == reverse("jobs:detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["created"] == 1
    assert Activity.objects.filter(in_indonesia=True).count() == 1
    page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert b"iati-import-result" in page.content
    # name match proposed -> confirm it in the review queue -> re-run the cross-check
    match = OrganizationMatch.objects.get(organization=world.ford)
    assert match.status == MatchStatus.PROPOSED
    client.post(reverse("iati:org_match_decide", args=[match.pk]), {"decision": "confirm"})
    match.refresh_from_db()
    assert match.status == MatchStatus.CONFIRMED
    from mitra.iati.crosscheck import crosscheck_run

    crosscheck_run()
    fragment = client.get(
        reverse("iati:organization_findings", args=[world.ford.pk]), headers={"HX-Request": "true"}
    )
    assert b"US-EIN-13-1684331-DEMO" in fragment.content
    org_page = client.get(reverse("organizations:detail", args=[world.ford.pk]))
    assert reverse("iati:organization_findings", args=[world.ford.pk]).encode() in org_page.content


def test_hostile_upload_fails_the_job_with_a_clear_message(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.users["operator"])
    evil = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "e">]><iati-activities/>'
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("iati:upload"), {"file": SimpleUploadedFile("evil.xml", evil)})
    job = Job.objects.get(kind="iati.import")
    assert job.status == Job.Status.FAILED
    assert "DTD or entities" in job.error
    assert not Activity.objects.exists()


def test_dismiss_without_reason_shows_the_error_and_keeps_it_open(client, world):
    finding = Finding.objects.create(kind=Finding.Kind.UNREGISTERED, key="k")
    client.force_login(world.users["operator"])
    response = client.post(reverse("iati:finding_dismiss", args=[finding.pk]), {"reason": ""})
    assert response.status_code == 400
    assert b"Give a reason" in response.content
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN
    response = client.post(reverse("iati:finding_dismiss", args=[finding.pk]), {"reason": "ok"})
    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.status == Finding.Status.DISMISSED


def test_findings_on_agreements_out_of_scope_are_hidden(client, world):
    hidden = Finding.objects.create(
        kind=Finding.Kind.OUTSIDE_PERIOD, key="h", agreement=world.kemendagri_draft
    )
    client.force_login(world.users["other_officer"])  # Kemenkes
    page = client.get(reverse("iati:findings"))
    assert hidden not in page.context["page"].object_list
    client.force_login(world.users["officer"])  # Kemendagri, the owner
    assert hidden in client.get(reverse("iati:findings")).context["page"].object_list


def test_finding_list_queries_do_not_grow(client, world):
    client.force_login(world.users["operator"])

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("iati:findings")).status_code == 200
        return len(ctx.captured_queries)

    agreement = AgreementFactory(active=True, foreign_parties=[world.ford])
    Finding.objects.create(
        kind="no_agreement", key="a0", organization=world.ford, agreement=agreement
    )
    few = count()
    for i in range(1, 15):
        Finding.objects.create(
            kind="no_agreement",
            key=f"a{i}",
            organization=world.ford,
            agreement=AgreementFactory(active=True),
        )
    assert count() == few
