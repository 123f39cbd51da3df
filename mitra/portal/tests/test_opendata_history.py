"""Issue 16 §2: permits, sanction outcomes, meetings and disclosures in open data (public
columns only); the change feed announces agreements that ended; "as of" a past day for the
agreements dataset and the register, rebuilt from the audit history."""

import csv
import io
import json
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mitra.agreements.models import Agreement
from mitra.agreements.tests.factories import AgreementFactory
from mitra.audit.services import audit_event_record
from mitra.core.dates import today
from mitra.core.tests.world import build_world
from mitra.meetings.models import InvitedBody, Meeting
from mitra.meetings.tests.factories import make_meeting
from mitra.monitoring.models import Report
from mitra.monitoring.tests.factories import FundingDisclosureLineFactory, ReportFactory
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits.models import Permit
from mitra.permits.selectors import register_history, register_standing
from mitra.permits.tests.factories import PermitFactory
from mitra.portal import opendata
from mitra.sanctions.models import SanctionCase

pytestmark = pytest.mark.django_db


def rows(client, slug, **params):
    response = client.get(reverse("portal:opendata_download", args=[slug, "csv"]), params)
    assert response.status_code == 200, response.content
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.fixture
def world():
    return build_world()


def test_permits_dataset_public_holders_only_with_effective_status(client, world):
    PermitFactory(organization=world.ford, number="IP-FORD-1", conditions="Secret condition")
    PermitFactory(organization=world.hidden_org, number="IP-HIDDEN-1")
    ForeignOrganization.objects.filter(pk=world.ford.pk).update(status="suspended")
    (row,) = [r for r in rows(client, "permits") if r["number"] == "IP-FORD-1"]
    assert row["organization_id"] == f"org-{world.ford.pk}"
    assert row["status"] == "suspended"  # the holder's suspension, as the register says
    assert list(row) == opendata.DATASETS["permits"].names
    everything = json.dumps(rows(client, "permits"))
    assert "Secret condition" not in everything
    assert "IP-HIDDEN-1" not in everything


def _case(org, status, **fields):
    return SanctionCase.objects.create(
        organization=org,
        ladder="current",
        violation="Internal violation text",
        source=SanctionCase.Source.MONITORING,
        reported_on=date(2025, 1, 5),
        assessment_notes="Internal notes",
        status=status,
        **fields,
    )


def test_sanction_outcomes_concluded_public_cases_only(client, world):
    lifted = _case(
        world.ford,
        SanctionCase.Status.LIFTED,
        reached_status="written_warning",
        public_outcome="Complied after a written warning.",
        concluded_on=date(2025, 3, 1),
    )
    _case(world.ford, SanctionCase.Status.WRITTEN_WARNING, reached_status="written_warning")
    _case(world.ford, SanctionCase.Status.DISMISSED)
    _case(world.hidden_org, SanctionCase.Status.REVOKED, reached_status="revoked")
    (row,) = rows(client, "sanction-outcomes")
    assert row["id"] == f"sanc-{lifted.pk}"
    assert row["outcome"] == "Complied after a written warning."
    assert row["concluded_on"] == "2025-03-01"
    text = json.dumps(rows(client, "sanction-outcomes"))
    assert "Internal violation text" not in text
    assert "Internal notes" not in text


def test_meetings_with_approved_minutes_only_with_bodies_and_public_agreements(client, world):
    held = make_meeting(world.kemendagri, title="Deliberation on a secret applicant")
    held.agreements.add(world.kemendagri_active, world.kemendagri_draft)
    InvitedBody.objects.create(meeting=held, body=world.kemenkes)
    Meeting.objects.filter(pk=held.pk).update(status=Meeting.Status.MINUTES_APPROVED)
    make_meeting(world.kemendagri, title="Still planned")
    pending = make_meeting(world.kemendagri, title="Held, minutes pending")
    Meeting.objects.filter(pk=pending.pk).update(status=Meeting.Status.HELD)
    (row,) = rows(client, "meetings")
    assert row["id"] == f"mtg-{held.pk}"
    assert row["organizer"] == "Kementerian Dalam Negeri"
    assert row["invited_bodies"] == "Kementerian Kesehatan"
    assert row["agreement_ids"] == f"agr-{world.kemendagri_active.pk}"  # the draft is not public
    assert "secret applicant" not in json.dumps(row)
    assert "Still planned" not in json.dumps(row)


def test_disclosures_accepted_lines_of_public_agreements(client, world):
    accepted = ReportFactory(
        agreement=world.kemendagri_active,
        kind=Report.Kind.DISCLOSURE,
        status=Report.Status.ACCEPTED,
    )
    line = FundingDisclosureLineFactory(report=accepted, local_partner="Secret local partner")
    FundingDisclosureLineFactory(
        report=ReportFactory(
            agreement=world.kemendagri_active,
            kind=Report.Kind.DISCLOSURE,
            period_start=date(2025, 7, 1),
            period_end=date(2025, 12, 31),
            due_date=date(2026, 1, 30),
        ),
        donor_name="Not yet accepted donor",
    )
    FundingDisclosureLineFactory(
        report=ReportFactory(
            agreement=AgreementFactory(foreign_parties=[world.hidden_org], active=True),
            kind=Report.Kind.DISCLOSURE,
            status=Report.Status.ACCEPTED,
        ),
        donor_name="Hidden partner donor",
    )
    (row,) = rows(client, "disclosures")
    assert row["id"] == f"fdl-{line.pk}"
    assert (row["donor"], row["amount"], row["currency"]) == (
        "Ford Foundation (New York)",
        "250000.00",
        "USD",
    )
    text = json.dumps(rows(client, "disclosures"))
    for secret in ("Secret local partner", "Not yet accepted donor", "Hidden partner donor"):
        assert secret not in text


def test_change_feed_announces_an_agreement_that_ended(world):
    dataset = opendata.DATASETS["agreements"]
    since = timezone.now() - timedelta(minutes=1)
    Agreement.objects.filter(pk=world.kemendagri_active.pk).update(
        status=Agreement.Status.EXPIRED, updated_at=timezone.now()
    )
    feed = {r[0]: r for r in opendata.changes(dataset, since=since)}
    ended = feed[f"agr-{world.kemendagri_active.pk}"]
    assert ended[dataset.names.index("status")] == "expired"
    download = {r[0] for r in opendata.iter_rows(dataset)}
    assert f"agr-{world.kemendagri_active.pk}" not in download  # the download: in force only
    assert f"agr-{world.kemendagri_draft.pk}" not in feed  # a draft never appears


def test_agreements_as_of_replays_a_termination(client, world):
    agreement = AgreementFactory(
        owner=world.kemendagri,
        foreign_parties=[world.ford],
        active=True,
        start_date=date(2024, 1, 1),
        end_date=date(2026, 12, 31),
        title="Terminated in mid-2025",
    )
    Agreement.objects.filter(pk=agreement.pk).update(status=Agreement.Status.TERMINATED)
    audit_event_record(
        event="agreement.terminated",
        target=agreement,
        actor=None,
        data={"old": {"status": "active"}, "new": {"status": "terminated"},
              "effective_on": "2025-06-01"},
    )  # fmt: skip
    ident = f"agr-{agreement.pk}"
    assert ident in {r["id"] for r in rows(client, "agreements", as_of="2025-05-31")}
    assert ident not in {r["id"] for r in rows(client, "agreements", as_of="2025-06-02")}
    assert ident not in {r["id"] for r in rows(client, "agreements", as_of="2023-12-31")}
    assert ident not in {r["id"] for r in rows(client, "agreements")}  # today: terminated


@pytest.mark.parametrize(
    ("as_of", "message"),
    [("2025-13-01", "YYYY-MM-DD"), ((today() + timedelta(days=40)).isoformat(), "past")],
)
def test_as_of_bad_day_is_a_clear_400(client, world, as_of, message):
    url = reverse("portal:opendata_download", args=["agreements", "csv"])
    response = client.get(url, {"as_of": as_of})
    assert response.status_code == 400
    assert message in response.content.decode()
    url = reverse("portal:opendata_download", args=["meetings", "csv"])
    assert client.get(url, {"as_of": "2025-01-01"}).status_code == 400  # no as-of view
    api = client.get("/api/v1/open/agreements/", {"as_of": as_of})
    assert api.status_code == 400


def _event(permit, event, on):
    audit_event_record(event=event, target=permit, actor=None, data={"on": on})


def test_register_as_of_replays_suspension_reinstatement_and_revocation(world):
    permit = PermitFactory(
        organization=world.ford, valid_from=date(2024, 3, 1), valid_until=date(2027, 2, 28)
    )
    _event(permit, "permit.suspended", "2025-03-01")
    _event(permit, "permit.reinstated", "2025-04-01")
    _event(permit, "permit.revoked", "2026-01-10")
    Permit.objects.filter(pk=permit.pk).update(
        status=Permit.Status.REVOKED, status_changed_on=date(2026, 1, 10)
    )
    permit.refresh_from_db()

    def standing(day):
        history = register_history(permit_ids=[permit.pk], on=day)
        found = register_standing([permit], on=day, history=history)
        return found.state, found.since

    assert standing(date(2025, 2, 1)) == ("valid", None)
    assert standing(date(2025, 3, 15)) == ("suspended", date(2025, 3, 1))
    assert standing(date(2025, 5, 1)) == ("valid", None)
    assert standing(date(2026, 2, 1)) == ("revoked", date(2026, 1, 10))
    assert standing(date(2024, 1, 1)) == ("none", None)
    now = register_standing([permit])
    assert (now.state, now.since) == ("revoked", date(2026, 1, 10))


def test_register_page_and_api_as_of(client, world):
    holder = ForeignOrganizationFactory(legal_name="Stichting Zeldzaam")
    permit = PermitFactory(
        organization=holder, valid_from=date(2024, 3, 1), valid_until=date(2027, 2, 28)
    )
    _event(permit, "permit.revoked", "2026-01-10")
    Permit.objects.filter(pk=permit.pk).update(
        status=Permit.Status.REVOKED, status_changed_on=date(2026, 1, 10)
    )
    page = client.get(reverse("portal:register"), {"q": "zeldzaam", "as_of": "2025-06-01"})
    text = page.content.decode()
    assert 'data-state="valid"' in text
    assert 'id="register-as-of"' in text
    today_page = client.get(reverse("portal:register"), {"q": "zeldzaam"}).content.decode()
    assert 'data-state="revoked"' in today_page
    bad = client.get(reverse("portal:register"), {"q": "zeldzaam", "as_of": "yesterday"})
    assert bad.status_code == 200
    assert "YYYY-MM-DD" in bad.content.decode()
    api = client.get("/api/v1/register/", {"q": "zeldzaam", "as_of": "2025-06-01"}).json()
    assert api["results"][0]["state"] == "valid"
    api_now = client.get("/api/v1/register/", {"q": "zeldzaam"}).json()
    assert api_now["results"][0]["state"] == "revoked"
    future = (today() + timedelta(days=30)).isoformat()
    assert client.get("/api/v1/register/", {"as_of": future}).status_code == 400


def test_a_deployment_can_keep_the_reports_datasets_unpublished(client, world, settings):
    settings.MITRA = {**settings.MITRA, "PUBLIC_REPORTS": {"funding_totals": False}}
    url = reverse("portal:opendata_download", args=["disclosures", "csv"])
    assert client.get(url).status_code == 404
    assert client.get("/api/v1/open/disclosures/").status_code == 404
    assert (
        client.get("/api/v1/open/disclosures/changes/", {"since": "2020-01-01"}).status_code == 404
    )
    listing = client.get(reverse("portal:opendata")).content.decode()
    assert url not in listing
    reports = reverse("portal:opendata_download", args=["activity-reports", "csv"])
    assert reports in listing  # its own flag, still on by default
    assert client.get(reports).status_code == 200
