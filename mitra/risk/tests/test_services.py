"""The configuration service (operators only, bad input refused with nothing written, every
change audited with old and new values) and the daily refresh."""

from datetime import date
from decimal import Decimal

import pytest

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.risk.indicators import INDICATOR_KEYS
from mitra.risk.models import OrganizationRisk, RiskConfiguration
from mitra.risk.selectors import risk_configuration
from mitra.risk.services import (
    ConfigurationInput,
    risk_configuration_update,
    risk_indicators_refresh,
)

pytestmark = pytest.mark.django_db


def data(months: object = "12", **weights: object) -> ConfigurationInput:
    return ConfigurationInput(
        weights=dict.fromkeys(INDICATOR_KEYS, "1") | weights, stale_months=months
    )


def events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event="risk_configuration.updated").order_by("sequence"))


def test_defaults_before_any_change():
    config = risk_configuration()
    assert config._state.adding
    assert set(config.weights().values()) == {Decimal("1.00")}
    assert config.stale_months == 12


def test_change_is_saved_and_audited_with_old_and_new(operator):
    risk_configuration_update(
        data=ConfigurationInput(
            weights=dict.fromkeys(INDICATOR_KEYS, "1") | {"sanctions": "3.5", "iati": 0},
            stale_months="6",
        ),
        actor=operator,
    )
    config = RiskConfiguration.objects.get()
    assert config.weight_sanctions == Decimal("3.50")
    assert config.weight_iati == 0
    assert config.stale_months == 6
    (event,) = events()
    assert event.actor == operator
    assert event.data == {
        "old": {"weight_sanctions": "1.00", "weight_iati": "1.00", "stale_months": 12},
        "new": {"weight_sanctions": "3.50", "weight_iati": "0.00", "stale_months": 6},
    }
    # A second change records the previous values as old.
    risk_configuration_update(
        data=ConfigurationInput(
            weights=dict.fromkeys(INDICATOR_KEYS, "1") | {"sanctions": "2", "iati": 0},
            stale_months="6",
        ),
        actor=operator,
    )
    assert events()[-1].data == {
        "old": {"weight_sanctions": "3.50"},
        "new": {"weight_sanctions": "2.00"},
    }


def test_no_change_records_nothing(operator):
    risk_configuration_update(data=data(), actor=operator)
    assert events() == []


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        ("overdue", "-1", "A weight cannot be negative."),
        ("overdue", "abc", "Enter a number."),
        ("overdue", "", "Enter a number."),
        ("overdue", "NaN", "Enter a number."),
        ("overdue", "Infinity", "Enter a number."),
        ("overdue", "100.01", "A weight is at most 100."),
        ("overdue", "1.234", "Use at most two decimal places."),
    ],
)
def test_bad_weight_is_refused_and_nothing_written(operator, field, raw, message):
    with pytest.raises(ApplicationError) as caught:
        risk_configuration_update(
            data=ConfigurationInput(
                weights=dict.fromkeys(INDICATOR_KEYS, "1") | {field: raw, "iati": "5"},
                stale_months="6",
            ),
            actor=operator,
        )
    assert caught.value.extra == {f"weight_{field}": [message]}
    assert not RiskConfiguration.objects.exists()
    assert events() == []


@pytest.mark.parametrize("months", ["0", "121", "x", "-3", "1.5"])
def test_bad_months_refused(operator, months):
    with pytest.raises(ApplicationError) as caught:
        risk_configuration_update(
            data=ConfigurationInput(
                weights=dict.fromkeys(INDICATOR_KEYS, "2"), stale_months=months
            ),
            actor=operator,
        )
    assert list(caught.value.extra) == ["stale_months"]
    assert not RiskConfiguration.objects.exists()


def test_missing_weight_refused(operator):
    with pytest.raises(ApplicationError) as caught:
        risk_configuration_update(
            data=ConfigurationInput(weights={"overdue": "2"}, stale_months="6"), actor=operator
        )
    assert "weight_punctuality" in caught.value.extra


def test_only_operators(kemlu_officer):
    with pytest.raises(ApplicationError):
        risk_configuration_update(data=data(overdue="2"), actor=kemlu_officer)
    assert not RiskConfiguration.objects.exists()


def test_refresh_replaces_every_row():
    a, b = ForeignOrganizationFactory(), ForeignOrganizationFactory()
    ForeignOrganizationFactory(status="archived")
    assert risk_indicators_refresh(on=date(2026, 3, 1)) == 2
    assert risk_indicators_refresh(on=date(2026, 3, 2)) == 2
    rows = OrganizationRisk.objects.order_by("pk")
    assert [r.organization_id for r in rows] == sorted([a.pk, b.pk])
    assert {r.computed_on for r in rows} == {date(2026, 3, 2)}
    assert rows[0].details["permit_margin"]["score"] == 1.0  # ormas asing, no izin prinsip
    assert set(rows[0].details) == set(INDICATOR_KEYS)
