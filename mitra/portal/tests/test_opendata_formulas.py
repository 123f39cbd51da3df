"""Open data files are safe to open in a spreadsheet: no text runs as a formula (issue 13 §5)."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.exports import FORMULA_START, safe_cell
from mitra.core.tests.world import build_world
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.portal import opendata

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1+1", "-2", "\tTabbed Stiftung"]


@pytest.fixture
def hostile():
    world = build_world()
    orgs = [ForeignOrganizationFactory(legal_name=name) for name in HOSTILE_NAMES]
    AgreementFactory(owner=world.kemendagri, foreign_parties=orgs, active=True, title="=1+2")
    return world


def download(client, slug: str, fmt: str) -> bytes:
    response = client.get(reverse("portal:opendata_download", args=[slug, fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def unescaped(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def test_safe_cell_quotes_only_text():
    assert [safe_cell(name) for name in HOSTILE_NAMES] == ["'" + name for name in HOSTILE_NAMES]
    assert safe_cell("\rx") == "'\rx"
    assert safe_cell("Ford Foundation") == "Ford Foundation"
    assert safe_cell(-2) == -2
    assert safe_cell(Decimal("-1.5")) == Decimal("-1.5")
    assert safe_cell(date(2026, 1, 1)) == date(2026, 1, 1)


@pytest.mark.parametrize("slug", list(opendata.DATASETS))
def test_csv_cells_are_never_formulas(client, hostile, slug):
    rows = list(csv.reader(io.StringIO(download(client, slug, "csv").decode())))
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if unescaped(cell)]
    if slug == "organizations":
        names = {row[1] for row in rows[1:]}
        assert {"'" + name for name in HOSTILE_NAMES} <= names


@pytest.mark.parametrize("slug", list(opendata.DATASETS))
def test_xlsx_has_no_formula_cells(client, hostile, slug):
    sheet = load_workbook(io.BytesIO(download(client, slug, "xlsx"))).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert cells
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not [cell.value for cell in cells if unescaped(cell.value)]
    if slug == "organizations":
        names = {row[1] for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert {"'" + name for name in HOSTILE_NAMES} <= names


def test_xlsx_keeps_dates_and_numbers_typed(client, hostile):
    agreements = load_workbook(io.BytesIO(download(client, "agreements", "xlsx"))).worksheets[0]
    header = [c.value for c in agreements[1]]
    title_at, start_at = header.index("title"), header.index("start_date")
    rows = list(agreements.iter_rows(min_row=2, values_only=True))
    hostile_row = next(row for row in rows if row[title_at] == "'=1+2")
    assert isinstance(hostile_row[start_at], datetime)  # openpyxl reads dates back as datetimes
    status = load_workbook(io.BytesIO(download(client, "reporting-status", "xlsx"))).worksheets[0]
    header = [c.value for c in status[1]]
    counts = [row[header.index("late")] for row in status.iter_rows(min_row=2, values_only=True)]
    assert counts
    assert all(isinstance(count, int) for count in counts)
