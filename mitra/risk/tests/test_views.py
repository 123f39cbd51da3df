"""The supervisor's list (sorting by any indicator and by the weighted sum, the guidance
note, a constant number of queries), the detail (formula, inputs, date) and the configuration
form (bad input: a message per field, nothing saved)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.jobs.models import Job
from mitra.jobs.services import job_run
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.risk.indicators import INDICATOR_KEYS, SCORED_KEYS
from mitra.risk.models import OrganizationRisk, RiskConfiguration
from mitra.risk.services import ConfigurationInput, risk_configuration_update

pytestmark = pytest.mark.django_db
ON = date(2026, 3, 1)


def risk_row(name: str, last_update_on: date | None = ON, **scores: float) -> OrganizationRisk:
    org = ForeignOrganizationFactory(legal_name=name)
    return OrganizationRisk.objects.create(
        organization=org, computed_on=ON, computed_at="2026-03-01T01:00:00Z",
        last_update_on=last_update_on,
        details={"overdue": {"value": 3, "score": 0.6, "inputs": {"overdue_reports": 2,
                 "overdue_follow_ups": 1}, "data_date": "2025-09-01"}},
        **{f"score_{k}": v for k, v in scores.items()},
    )  # fmt: skip


def names(response) -> list[str]:
    return [r["risk"].organization.legal_name for r in response.context["rows"]]


@pytest.fixture
def rows():
    return [
        risk_row("Alpha", overdue=1.0, iati=0.0),
        risk_row("Beta", overdue=0.2, iati=1.0, sanctions=1.0),
        risk_row("Gamma", overdue=0.6, last_update_on=date(2024, 1, 1)),
    ]


def test_list_sorts_by_weighted_sum_and_each_indicator(client, kemlu_officer, rows):
    client.force_login(kemlu_officer)
    # Weights all 1: Alpha 1.0, Beta 2.2, Gamma 0.6 + stale 1.0 = 1.6.
    assert names(client.get("/en/risk/")) == ["Beta", "Gamma", "Alpha"]
    assert names(client.get("/en/risk/?sort=overdue")) == ["Alpha", "Gamma", "Beta"]
    assert names(client.get("/en/risk/?sort=iati")) == ["Beta", "Alpha", "Gamma"]
    assert names(client.get("/en/risk/?sort=stale")) == ["Gamma", "Alpha", "Beta"]
    assert names(client.get("/en/risk/?sort=name")) == ["Alpha", "Beta", "Gamma"]
    assert names(client.get("/en/risk/?sort=bogus")) == ["Beta", "Gamma", "Alpha"]
    weighted = {r["risk"].organization.legal_name: r["risk"].weighted
                for r in client.get("/en/risk/").context["rows"]}  # fmt: skip
    assert weighted == pytest.approx({"Alpha": 1.0, "Beta": 2.2, "Gamma": 1.6})


def test_weights_change_the_order(client, operator, kemlu_officer, rows):
    weights = dict.fromkeys(INDICATOR_KEYS, "0") | {"overdue": "10"}
    risk_configuration_update(
        data=ConfigurationInput(weights=weights, stale_months="12"), actor=operator
    )
    client.force_login(kemlu_officer)
    response = client.get("/en/risk/")
    assert names(response) == ["Alpha", "Gamma", "Beta"]
    assert response.context["rows"][0]["risk"].weighted == pytest.approx(10.0)


def test_stale_months_are_read_at_once(client, operator, kemlu_officer, rows):
    risk_configuration_update(
        data=ConfigurationInput(weights=dict.fromkeys(INDICATOR_KEYS, "1"), stale_months="120"),
        actor=operator,
    )
    client.force_login(kemlu_officer)
    by_name = {r["risk"].organization.legal_name: r["risk"].score_stale
               for r in client.get("/en/risk/").context["rows"]}  # fmt: skip
    assert by_name["Gamma"] == 0.0


def test_page_says_guidance_never_a_decision(client, kemlu_officer, rows):
    client.force_login(kemlu_officer)
    body = client.get("/en/risk/").content.decode()
    assert "guidance for review, never an automatic decision" in body
    assert 'class="chart-bar"' in body
    assert "Weights and settings" not in body  # not an operator


def test_list_query_count_is_constant(client, kemlu_officer, django_assert_num_queries):
    client.force_login(kemlu_officer)
    risk_row("First", overdue=0.5)
    client.get("/en/risk/")  # warm the session
    with CaptureQueriesContext(connection) as few:
        assert client.get("/en/risk/").status_code == 200
    for i in range(60):
        risk_row(f"Org {i:02d}", overdue=i / 100, sanctions=0.3)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/en/risk/")
    assert len(response.context["rows"]) == 50  # one page
    assert len(few) == len(many)
    assert len(many) <= 8, [q["sql"][:120] for q in many.captured_queries]


def test_detail_shows_formula_inputs_and_dates(client, kemlu_officer, rows):
    client.force_login(kemlu_officer)
    response = client.get(f"/en/risk/{rows[0].organization_id}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Score = min(count, 5) ÷ 5." in body
    assert "Overdue reports" in body
    assert "Overdue follow-ups" in body
    assert "guidance for review, never an automatic decision" in body
    overdue = next(r for r in response.context["rows"] if r.indicator.key == "overdue")
    assert overdue.inputs == {"overdue_reports": 2, "overdue_follow_ups": 1}
    assert overdue.data_date == "2025-09-01"
    assert overdue.contribution == 1.0
    assert [r.indicator.key for r in response.context["rows"]] == list(INDICATOR_KEYS)
    assert set(SCORED_KEYS) < set(INDICATOR_KEYS)


def test_detail_before_the_first_computation(client, kemlu_officer):
    org = ForeignOrganizationFactory()
    client.force_login(kemlu_officer)
    response = client.get(f"/en/risk/{org.pk}/")
    assert response.status_code == 200
    assert "Not computed yet" in response.content.decode()


def test_configuration_form_saves_and_shows_history(client, operator):
    client.force_login(operator)
    post = {f"weight_{k}": "1" for k in INDICATOR_KEYS} | {"weight_overdue": "4.25",
                                                           "stale_months": "9"}  # fmt: skip
    response = client.post("/en/risk/configuration/", post)
    assert response.status_code == 302
    config = RiskConfiguration.objects.get()
    assert config.weight_overdue == Decimal("4.25")
    assert config.stale_months == 9
    page = client.get("/en/risk/configuration/").content.decode()
    assert "weight_overdue 1.00 → 4.25" in page


@pytest.mark.parametrize(
    ("raw", "message"), [("-2", "A weight cannot be negative."), ("lots", "Enter a number.")]
)
def test_configuration_form_bad_weight(client, operator, raw, message):
    client.force_login(operator)
    post = {f"weight_{k}": "1" for k in INDICATOR_KEYS} | {"weight_iati": raw,
                                                           "stale_months": "9"}  # fmt: skip
    response = client.post("/en/risk/configuration/", post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["form"].errors["weight_iati"] == [message]
    assert not RiskConfiguration.objects.exists()
    assert not AuditEvent.objects.filter(event="risk_configuration.updated").exists()


def test_operator_recomputes_through_the_task_worker(client, operator):
    """ "Recompute now" queues a job and returns at once (nothing computed in the request); the
    worker's run fills the indicators and the job page says how many."""
    ForeignOrganizationFactory()
    client.force_login(operator)
    response = client.post("/en/risk/refresh/")
    assert response.status_code == 302
    job = Job.objects.get(kind="risk.refresh", owner=operator)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert OrganizationRisk.objects.count() == 0  # the request did not compute them
    job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED
    assert job.result == {"organizations": 1}
    assert OrganizationRisk.objects.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "Risk indicators computed for 1 organization." in page
