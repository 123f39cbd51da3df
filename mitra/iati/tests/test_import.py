"""The import (issue 17 §1, §6): every field on the shipped single-activity fixtures and the
annotated 2.03 example, versions, hostile XML, malformed activities, idempotent re-import."""

import io
from decimal import Decimal

import pytest
from django.test import override_settings

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.iati.models import (
    Activity,
    ActivityOrganization,
    ActivitySector,
    Budget,
    DocumentLink,
    ImportRun,
    Location,
    Narrative,
    PlannedDisbursement,
    Recipient,
    Transaction,
)
from mitra.iati.parse import HostileXML, ParsedActivity, iter_activities
from mitra.iati.services import iati_import, iati_import_paths
from mitra.regions.models import Province

from .helpers import FIXTURES, activity, shared, xml

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _scope_all(settings):
    """These tests read every field of activities published anywhere: scope "all" (the scope
    "indonesia", the default, is tested in test_import_scope.py)."""
    settings.MITRA = {**settings.MITRA, "IATI_IMPORT_SCOPE": "all"}


ALL_FIXTURES = sorted(p.name for p in FIXTURES.glob("*.xml")) if FIXTURES.exists() else []


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_every_fixture_imports_with_its_rows(name):
    path = shared(f"single-activity-fixtures/{name}")
    with path.open("rb") as handle:
        parsed = [a for a in iter_activities(handle) if isinstance(a, ParsedActivity)]
    run = iati_import_paths(paths=[path], actor=None)
    assert run.status == ImportRun.Status.SUCCEEDED
    assert run.skipped_count == 0, run.problems
    assert Activity.objects.count() == len({a.identifier for a in parsed}) > 0
    for p in parsed:
        stored = Activity.objects.get(identifier=p.identifier)
        assert stored.content_hash == p.hash
        assert stored.raw_xml.startswith("<iati-activity")
        assert stored.iati_version in {"2.01", "2.02", "2.03"}
        assert stored.reporting_org_ref
        assert stored.organizations.filter(role="reporting").count() == 1
        assert stored.narratives.filter(kind="title").exists()
        for name_, model in [
            ("transactions", Transaction),
            ("budgets", Budget),
            ("sectors", ActivitySector),
            ("documents", DocumentLink),
            ("locations", Location),
            ("recipients", Recipient),
            ("planned_disbursements", PlannedDisbursement),
        ]:
            assert model.objects.filter(activity=stored).count() == len(getattr(p, name_))


def test_canada_fixture_field_by_field():
    run = iati_import_paths(
        paths=[shared("single-activity-fixtures/canada-activity.xml")], actor=None
    )
    a = Activity.objects.get()
    assert a.import_run == run
    assert a.reporting_org_ref == "CA-3"
    assert a.default_currency == "CAD"
    assert a.status
    assert a.planned_start or a.actual_start
    langs = set(a.narratives.filter(kind="title").values_list("lang", flat=True))
    assert {"en", "fr"} <= langs  # titles in every language
    assert a.organizations.exclude(role="reporting").exists()
    t = a.transactions.first()
    assert isinstance(t.value, Decimal)
    assert t.currency
    assert t.date
    assert t.type
    assert a.sectors.filter(vocabulary="1").exists()


def test_reference_example_203_every_element():
    shared("reference/activity-standard-example-annotated-2.03.xml")
    iati_import_paths(
        paths=[shared("reference/activity-standard-example-annotated-2.03.xml")], actor=None
    )
    a = Activity.objects.get(identifier="AA-AAA-123456789-ABC123")
    assert a.iati_version == "2.03"
    assert a.organizations.filter(role="1").exists()
    assert a.narratives.filter(kind="description").exists()
    assert a.recipients.filter(kind="country").exists()
    assert a.recipients.filter(kind="region")
    assert a.locations.exists()
    loc = a.locations.first()
    assert loc.latitude is not None
    assert loc.administrative
    b = a.budgets.get()
    assert b.period_start
    assert b.value_date
    assert b.currency
    pd = a.planned_disbursements.first()
    assert pd.provider_ref
    assert pd.receiver_ref
    t = a.transactions.first()
    assert t.provider_ref
    assert t.receiver_ref
    assert t.value_date
    assert t.provider_activity
    assert a.documents.first().categories


@pytest.mark.parametrize(
    ("path", "version"),
    [
        ("publisher-files/ES-DIR3-E04585801_MAEC_IATI_INDONESIA_2015.xml", "2.01"),
        ("dportal-covid19-2021-06/dportal_23.xml", "2.02"),
        ("single-activity-fixtures/ifad-activity.xml", "2.03"),
    ],
)
def test_versions_201_to_203(path, version):
    iati_import_paths(paths=[shared(path)], actor=None)
    assert Activity.objects.filter(iati_version=version).exists()


def test_spanish_file_all_in_indonesia_with_share():
    iati_import_paths(
        paths=[shared("publisher-files/ES-DIR3-E04585801_MAEC_IATI_INDONESIA_2015.xml")],
        actor=None,
    )
    assert Activity.objects.count() == 83
    assert Activity.objects.filter(in_indonesia=True).count() == 83
    assert not Activity.objects.filter(in_indonesia=True, indonesia_share__isnull=True).exists()


def test_indonesia_share_from_percentages():
    iati_import(
        sources=[
            (
                "t.xml",
                xml(
                    activity(
                        "A",
                        '<recipient-country code="ID" percentage="40"/>'
                        '<recipient-country code="TL" percentage="60"/>',
                    ),
                    activity("B", '<recipient-country code="ID"/>'),
                    activity("C", '<recipient-country code="TL"/>'),
                ),
            )
        ],
        actor=None,
    )
    share = dict(Activity.objects.values_list("identifier", "indonesia_share"))
    assert share == {"A": Decimal("40"), "B": Decimal("100"), "C": None}


def test_iso_location_resolves_and_point_only_stays_unresolved():
    Province.objects.get_or_create(code="32", defaults={"name": "Jawa Barat"})
    iati_import(
        sources=[
            (
                "t.xml",
                xml(
                    activity(
                        "A",
                        "<location><name><narrative>Bandung</narrative></name>"
                        '<administrative vocabulary="A9" level="1" code="ID-JB"/></location>'
                        "<location><name><narrative>Somewhere</narrative></name>"
                        '<point srsName="x"><pos>-6.9 107.6</pos></point></location>',
                    )
                ),
            )
        ],
        actor=None,
    )
    resolved, unresolved = Location.objects.order_by("id")
    assert resolved.resolution == "resolved"
    assert resolved.province.code == "32"
    assert unresolved.resolution == "unresolved"
    assert unresolved.province is None


def test_reimport_is_idempotent_and_stores_only_changes():
    path = shared("single-activity-fixtures/gdihub-activity.xml")
    first = iati_import_paths(paths=[path], actor=None)
    ids = dict(Activity.objects.values_list("identifier", "id"))
    rows = Transaction.objects.count()
    second = iati_import_paths(paths=[path], actor=None)
    assert first.created_count == 4
    assert second.created_count == 0
    assert second.unchanged_count == 4
    assert second.updated_count == 0
    assert dict(Activity.objects.values_list("identifier", "id")) == ids
    assert Transaction.objects.count() == rows
    assert set(Activity.objects.values_list("import_run", flat=True)) == {first.pk}
    # change one activity: only that one is stored again
    data = path.read_bytes().replace(b"</iati-identifier>", b"</iati-identifier><!-- x -->", 1)
    changed = data.replace(b"<title>", b"<title><narrative>New title</narrative>", 1)
    third = iati_import(sources=[("g.xml", io.BytesIO(changed))], actor=None)
    assert third.updated_count == 1
    assert third.unchanged_count == 3
    assert Activity.objects.filter(import_run=third).count() == 1
    assert Transaction.objects.count() == rows
    assert AuditEvent.objects.filter(event="iati_import.finished").count() == 3


def test_malformed_activity_reported_with_line_and_skipped():
    run = iati_import(
        sources=[
            (
                "t.xml",
                xml(
                    activity("GOOD-1"),
                    "\n<iati-activity><title/></iati-activity>",
                    "\n"
                    + activity(
                        "BAD-DATE",
                        '<transaction><transaction-type code="3"/>'
                        '<transaction-date iso-date="0"/><value>1</value></transaction>',
                    ),
                    activity("GOOD-2"),
                ),
            )
        ],
        actor=None,
    )
    assert sorted(Activity.objects.values_list("identifier", flat=True)) == ["GOOD-1", "GOOD-2"]
    assert run.skipped_count == 2
    assert [p["line"] for p in run.problems] == [3, 4]
    assert "iati-identifier" in run.problems[0]["message"]
    assert "not a date" in run.problems[1]["message"]


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol2;</iati-identifier>
</iati-activity></iati-activities>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&e;</iati-identifier>
</iati-activity></iati-activities>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
def test_entities_and_dtd_refused_with_a_clear_message(data):
    with pytest.raises(ApplicationError, match="DTD or entities"):
        iati_import(sources=[("evil.xml", io.BytesIO(data))], actor=None)
    assert not Activity.objects.exists()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED
    assert "evil.xml was refused" in run.error


class _Whitespace(io.RawIOBase):
    """A stream of 1 GB of whitespace after the root tag, made up as it is read."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.head = b'<iati-activities version="2.03">'

    def readable(self) -> bool:
        return True

    def read(self, n: int = -1) -> bytes:
        if self.head:
            out, self.head = self.head, b""
            return out
        n = min(n if n > 0 else 65536, self.left)
        self.left -= n
        return b" " * n


@override_settings(IATI_MAX_FILE_BYTES=8 * 1024 * 1024)
def test_a_gigabyte_of_whitespace_is_cut_at_the_size_cap():
    stream = _Whitespace(1024**3)
    with pytest.raises(ApplicationError, match="larger than the limit of 8 MB"):
        iati_import(sources=[("ws.xml", stream)], actor=None)
    assert stream.left > 1024**3 - 16 * 1024 * 1024  # stopped early, not read to the end


def test_huge_text_node_refused():
    big = activity(
        "A", "<description><narrative>" + " " * (11 * 1024 * 1024) + "x</narrative></description>"
    )
    with pytest.raises(ApplicationError, match="refused"):
        iati_import(sources=[("big.xml", xml(big))], actor=None)


def test_truncated_file_keeps_what_came_before_and_reports_the_line():
    data = xml(activity("A"), "\n" + activity("B")).getvalue()[:-40]
    run = iati_import(sources=[("cut.xml", io.BytesIO(data))], actor=None)
    assert list(Activity.objects.values_list("identifier", flat=True)) == ["A"]
    assert run.problems[0]["line"] == 3
    assert "not well-formed" in run.problems[0]["message"]


def test_unsupported_version_and_non_iati_root_refused():
    with pytest.raises(HostileXML, match="1.05"):
        list(iter_activities(xml(activity("A"), version="1.05")))
    with pytest.raises(HostileXML, match="not an IATI activity file"):
        list(iter_activities(io.BytesIO(b"<html/>")))


def test_memory_is_cleared_as_activities_are_read():
    """Each activity is cleared and removed from the root once read."""
    from lxml import etree

    roots = []
    for item in iter_activities(xml(*(activity(f"A{i}") for i in range(50)))):
        assert isinstance(item, ParsedActivity)
    # nothing is kept: the parser yields bytes and dicts, never elements
    assert not any(isinstance(v, etree._Element) for v in vars(item).values())
    assert roots == []


def test_reporting_org_rows():
    iati_import(
        sources=[
            (
                "t.xml",
                xml(
                    activity(
                        "A",
                        '<reporting-org ref="US-EIN-1" type="60">'
                        '<narrative xml:lang="en">Fund</narrative>'
                        '<narrative xml:lang="id">Dana</narrative></reporting-org>',
                    )
                ),
            )
        ],
        actor=None,
    )
    org = ActivityOrganization.objects.get()
    assert org.role == "reporting"
    assert org.type == "60"
    assert org.narratives == {"en": "Fund", "id": "Dana"}
    assert org.name_key == "fund"
    assert Narrative.objects.count() == 0
