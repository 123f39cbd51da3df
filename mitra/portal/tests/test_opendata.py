"""Open data: public data only, every format parses back, streamed in flat memory, feed."""

import csv
import io
import json
import tracemalloc
from datetime import timedelta

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.tests.world import build_world
from mitra.monitoring.tests.factories import ReportFactory
from mitra.portal import opendata
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory
from mitra.workplans.tests.factories import ActivityFactory, WorkPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    jateng = ProvinceFactory(code="33", name="Jawa Tengah")
    semarang = RegencyFactory(code="33.74", province=jateng, name="Kota Semarang")
    rik = WorkPlanFactory(agreement=w.kemendagri_active, status="active")
    w.activity = ActivityFactory(
        work_plan=rik, provinces=[jateng], regencies=[semarang], title="Public activity"
    )
    draft_plan = WorkPlanFactory(agreement=w.kemenkes_active)  # a draft plan: not published
    ActivityFactory(work_plan=draft_plan, provinces=[jateng], title="Draft plan activity")
    draft_rik = WorkPlanFactory(agreement=w.kemendagri_draft, status="active")
    ActivityFactory(work_plan=draft_rik, provinces=[jateng], title="Draft agreement activity")
    w.hidden_agreement = AgreementFactory(
        owner=w.kemendagri, foreign_parties=[w.hidden_org], active=True, title="Hidden partner"
    )
    hidden_rik = WorkPlanFactory(agreement=w.hidden_agreement, status="active")
    ActivityFactory(work_plan=hidden_rik, provinces=[jateng], title="Hidden partner activity")
    ReportFactory(agreement=w.kemendagri_active)
    return w


def download(client, slug: str, fmt: str):
    response = client.get(reverse("portal:opendata_download", args=[slug, fmt]))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def csv_rows(client, slug):
    return list(csv.DictReader(io.StringIO(download(client, slug, "csv").decode())))


def test_only_public_data_in_every_dataset(client, world):
    everything = b"".join(
        download(client, slug, fmt) for slug in opendata.DATASETS for fmt in ("csv", "json")
    ).decode()
    assert "Ford Foundation" in everything
    assert "Public activity" in everything
    for secret in (
        "Unpublished Stiftung",
        "Draf kota cerdas",
        "Hidden partner",
        "Draft plan activity",
        "Draft agreement activity",
        f"org-{world.hidden_org.pk},",
        f"agr-{world.kemendagri_draft.pk},",
    ):
        assert secret not in everything, secret


def test_csv_columns_identifiers_and_values(client, world):
    orgs = csv_rows(client, "organizations")
    assert {r["id"] for r in orgs} == {f"org-{world.ford.pk}", f"org-{world.other_org.pk}"}
    agreements = csv_rows(client, "agreements")
    ids = {r["id"] for r in agreements}
    assert ids == {f"agr-{world.kemendagri_active.pk}", f"agr-{world.kemenkes_active.pk}"}
    ours = next(r for r in agreements if r["id"] == f"agr-{world.kemendagri_active.pk}")
    assert ours["organization_ids"] == f"org-{world.ford.pk}"
    assert ours["owner_key"] == "kemendagri"
    (activity,) = csv_rows(client, "activities")
    assert activity["id"] == f"act-{world.activity.pk}"
    assert activity["province_codes"] == "33"
    assert activity["regency_codes"] == "33.74"
    assert activity["planned_budget"] == "1000.00"
    assert list(activity) == opendata.DATASETS["activities"].names
    status = {r["id"]: r for r in csv_rows(client, "reporting-status")}
    assert set(status[f"org-{world.ford.pk}"]) == {
        "id", "legal_name", "on_time", "late", "overdue", "not_yet_due",
    }  # fmt: skip


def test_json_and_xlsx_parse_back(client, world):
    rows = json.loads(download(client, "activities", "json"))
    assert [r["id"] for r in rows] == [f"act-{world.activity.pk}"]
    assert rows[0]["title"] == "Public activity"
    workbook = load_workbook(io.BytesIO(download(client, "agreements", "xlsx")), read_only=True)
    values = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(values[0]) == opendata.DATASETS["agreements"].names
    assert len(values) == 3  # header + two public agreements


def test_open_data_page_lists_datasets_and_home_links_it(client, world):
    page = client.get(reverse("portal:opendata")).content.decode()
    for slug in opendata.DATASETS:
        assert reverse("portal:opendata_download", args=[slug, "csv"]) in page
    assert reverse("portal:opendata") in client.get(reverse("portal:home")).content.decode()


def _peak_streaming(dataset, fmt) -> int:
    tracemalloc.start()
    try:
        for _chunk in opendata.stream(dataset, fmt):
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_memory_stays_flat_for_ten_times_the_rows(world, fmt, monkeypatch):
    """Peak memory while streaming N rows vs 10N rows: growth far below 10× (chunks of 50
    rows here, so both sizes span many chunks)."""
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    monkeypatch.setattr(opendata, "CHUNK", 50)
    dataset = opendata.DATASETS["organizations"]
    ForeignOrganizationFactory.create_batch(200)
    _peak_streaming(dataset, fmt)  # warm caches
    small = min(_peak_streaming(dataset, fmt) for _ in range(2))
    ForeignOrganizationFactory.create_batch(1800)
    large = min(_peak_streaming(dataset, fmt) for _ in range(2))
    assert large / small < 2, (small, large)  # not streaming: about 10×


def test_change_feed_cursor_walks_every_row_once(world):
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    ForeignOrganizationFactory.create_batch(7)
    dataset = opendata.DATASETS["organizations"]
    since = timezone.now() - timedelta(days=1)
    seen, after_id, pages = [], 0, 0
    while True:
        rows = list(opendata.changes(dataset, since=since, after_id=after_id, limit=3))
        pages += 1
        seen += [r[0] for r in rows]
        if len(rows) < 3:
            break
        since, after_id = rows[-1][-2], rows[-1][-1]
    expected = [r[0] for r in opendata.iter_rows(dataset)]
    assert seen == expected
    assert len(seen) == len(set(seen)) == 9
    assert pages == 4
    later = list(opendata.changes(dataset, since=timezone.now() + timedelta(seconds=1)))
    assert later == []
