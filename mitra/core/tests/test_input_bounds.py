"""Input bounds in the HTML side and the services (issue 13 §4): hostile filter values never
make a page fail, forms refuse far dates and huge numbers, names lose invisible characters,
a sanction cannot be dated 2999. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL."""

from datetime import date
from typing import Any

import pytest
from django import forms
from django.test import Client

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.services import AgreementInput, agreement_create
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.bounds import clean_name, date_range_errors
from mitra.core.exceptions import ApplicationError
from mitra.core.forms import BootstrapFormMixin
from mitra.organizations.services import OrganizationInput, organization_create
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.sanctions.models import SanctionCase
from mitra.sanctions.services import MoveInput, sanction_case_move, sanction_case_open

from .urlwalk import html_routes

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
# Every integer, id, page and date parameter an HTML list reads, all hostile at once.
HOSTILE_QUERIES = [
    {
        "year": "-1",
        "page": HUGE,
        "agreement": HUGE,
        "work_plan": HUGE,
        "organization": HUGE,
        "renews": HUGE,
        "province": HUGE,
        "owner": HUGE,
        "period_from": "0001-01-01",
        "period_to": "9999-12-31",
    },
    {
        "year": HUGE,
        "page": "-1",
        "agreement": "-" + HUGE,
        "work_plan": "-1",
        "organization": "0",
        "renews": "-1",
        "province": "-1",
        "period_from": "1538-02-30",
        "period_to": "x",
    },
]


def _list_urls() -> list[str]:
    return [route.path() for route in html_routes() if not route.kwarg_names]


def test_hostile_filters_never_fail_an_html_page(kemendagri: Any) -> None:
    operator = UserFactory(operator=True)
    officer = UserFactory(body=kemendagri, officer=True)
    failures = []
    for user in (operator, officer, None):
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        for url in _list_urls():
            for query in HOSTILE_QUERIES:
                response = client.get(url, query)
                if response.status_code >= 500:
                    failures.append((user and user.username, url, query))
    assert not failures


class DatesAndCounts(BootstrapFormMixin, forms.Form):
    day = forms.DateField(required=False)
    when = forms.DateTimeField(required=False)
    count = forms.IntegerField(required=False, min_value=0)
    year = forms.IntegerField(required=False, min_value=2000, max_value=2100)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"day": "0001-01-01"}, "day"),
        ({"day": "1899-12-31"}, "day"),
        ({"day": "9999-12-31"}, "day"),
        ({"when": "1538-01-01 10:00"}, "when"),
        ({"count": str(2**31)}, "count"),
        ({"count": HUGE}, "count"),
        ({"year": "2101"}, "year"),
    ],
)
def test_forms_refuse_out_of_range_values(data: dict[str, str], field: str) -> None:
    form = DatesAndCounts(data)
    assert not form.is_valid()
    assert field in form.errors


def test_forms_accept_values_in_range() -> None:
    form = DatesAndCounts(
        {"day": "1900-01-01", "when": "2100-12-31 23:00", "count": "2147483647", "year": "2024"}
    )
    assert form.is_valid(), form.errors


def test_date_range_message_names_the_range() -> None:
    assert date_range_errors(date(2100, 12, 31)) == []
    assert "1900-01-01" in date_range_errors(date(1899, 12, 31))[0]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\u202eFord Foundation", "Ford Foundation"),  # right-to-left override
        ("Ford\u200b Foundation", "Ford Foundation"),  # zero-width space
        ("\u2066Ford\u2069 Foundation\ufeff", "Ford Foundation"),  # isolates, BOM
        ("Fo\u200drd\u200c Foundation ", "Ford Foundation"),  # zero-width (non-)joiners
        ("Me\u0301decins du Monde", "M\u00e9decins du Monde"),  # NFC
    ],
)
def test_clean_name(raw: str, clean: str) -> None:
    assert clean_name(raw) == clean


def test_organization_names_lose_invisible_characters(officer: Any) -> None:
    org = organization_create(
        data=OrganizationInput(
            legal_name="\u202eAsia\u200b Foundation",
            acronym="T\u200bAF",
            aliases=["\u2067Yayasan Asia\u2069", "\u200b"],
            kind="foreign_ngo",
            country="US",
        ),
        actor=officer,
    )
    org.refresh_from_db()
    assert (org.legal_name, org.acronym, org.aliases) == (
        "Asia Foundation",
        "TAF",
        ["Yayasan Asia"],
    )
    # The same name with an invisible character is the duplicate it is.
    with pytest.raises(ApplicationError) as error:
        organization_create(
            data=OrganizationInput(
                legal_name="Asia\u200b Foundation", kind="foreign_ngo", country="US"
            ),
            actor=officer,
        )
    assert "legal_name" in error.value.extra


def test_a_name_of_invisible_characters_is_empty(officer: Any) -> None:
    with pytest.raises(ApplicationError) as error:
        organization_create(
            data=OrganizationInput(legal_name="\u200b\u202e ", kind="foreign_ngo", country="US"),
            actor=officer,
        )
    assert "legal_name" in error.value.extra


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"start_date": date(9999, 12, 31), "duration_months": 12}, "start_date"),
        ({"start_date": date(2024, 1, 1), "duration_months": 1_000_000_000}, "duration_months"),
        ({"start_date": date(2099, 1, 1), "duration_months": 1200}, "duration_months"),
        ({"end_date": date(1, 1, 1)}, "end_date"),
    ],
)
def test_agreement_service_bounds(
    officer: Any, kemendagri: Any, change: dict[str, Any], field: str
) -> None:
    """The service refuses what the API and the form refuse, for callers that skip both."""
    data = AgreementInput(
        title="MoU",
        type="mou",
        owner=kemendagri,
        foreign_parties=[ForeignOrganizationFactory(un_agency=True)],
        **change,
    )
    with pytest.raises(ApplicationError) as error:
        agreement_create(data=data, actor=officer)
    assert field in error.value.extra


@pytest.fixture
def sanction_case(operator: Any) -> SanctionCase:
    GovernmentBodyFactory(key="kemlu")
    return sanction_case_open(
        organization=ForeignOrganizationFactory(),
        violation="No report.",
        source=SanctionCase.Source.MONITORING,
        actor=operator,
    )


@pytest.mark.parametrize("day", [date(2999, 1, 1), date(2100, 12, 31), date(9999, 12, 31)])
def test_a_sanction_dated_in_the_future_is_refused(
    operator: Any, sanction_case: SanctionCase, day: date
) -> None:
    with pytest.raises(ApplicationError) as error:
        sanction_case_open(
            organization=ForeignOrganizationFactory(),
            violation="No report.",
            source=SanctionCase.Source.MONITORING,
            actor=operator,
            reported_on=day,
        )
    assert "reported_on" in error.value.extra
    with pytest.raises(ApplicationError) as error:
        sanction_case_move(
            case_id=sanction_case.pk,
            data=MoveInput(action="assess", issued_on=day, notes="Checked."),
            actor=operator,
        )
    assert "issued_on" in error.value.extra
    assert SanctionCase.objects.count() == 1
