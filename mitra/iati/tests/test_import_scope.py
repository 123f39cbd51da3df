"""The import's scope (ADR 0024, MITRA["IATI_IMPORT_SCOPE"]): "indonesia" (the default) stores
the activities that concern Indonesia with everything scope "all" stores for them, counts the
others without storing them, and keeps current an activity an earlier import stored."""

import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from lxml import etree

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.world import build_world
from mitra.iati import services
from mitra.iati.models import Activity, Finding, ImportRun, Recipient, Transaction
from mitra.iati.parse import (
    OutOfScope,
    ParsedActivity,
    Problem,
    activity_from_element,
    concerns_indonesia,
    iter_activities,
)
from mitra.iati.services import CHILDREN, iati_import, iati_import_paths
from mitra.jobs.models import Job

from .helpers import activity, shared, xml

pytestmark = pytest.mark.django_db


def _scope(settings: Any, scope: str | None) -> None:
    mitra = {k: v for k, v in settings.MITRA.items() if k != "IATI_IMPORT_SCOPE"}
    settings.MITRA = mitra if scope is None else {**mitra, "IATI_IMPORT_SCOPE": scope}


def _tx(country: str = "", value: str = "10") -> str:
    where = f'<recipient-country code="{country}"/>' if country else ""
    return (
        '<transaction><transaction-type code="3"/><transaction-date iso-date="2024-01-02"/>'
        f"<value>{value}</value>{where}</transaction>"
    )


SECTOR = '<sector vocabulary="1" code="11110" percentage="100"/>'
INDONESIAN = activity("ID-1", '<recipient-country code="ID" percentage="60"/>' + SECTOR + _tx())
ELSEWHERE = activity("TL-1", '<recipient-country code="TL"/>' + SECTOR + _tx())
ON_A_TRANSACTION = activity("TX-1", _tx("ID", "30") + _tx("TL", "70"))
NOWHERE = activity("NONE-1", _tx())
FILE = (INDONESIAN, ELSEWHERE, ON_A_TRANSACTION, NOWHERE)


def _import(*activities: str, name: str = "t.xml") -> ImportRun:
    return iati_import(sources=[(name, xml(*activities))], actor=None)


def _rows() -> dict[str, Any]:
    """Everything stored, by identifier, without ids or import times: what two imports compare."""
    out: dict[str, Any] = {}
    for a in Activity.objects.order_by("identifier"):
        fields = {
            f.attname: getattr(a, f.attname)
            for f in Activity._meta.concrete_fields
            if f.attname not in ("id", "import_run_id", "imported_at")
        }
        children = {
            name: sorted(
                repr(sorted((k, v) for k, v in row.items() if k not in ("id", "activity_id")))
                for row in model.objects.filter(activity=a).values()
            )
            for name, model in CHILDREN
        }
        out[a.identifier] = (fields, children)
    return out


def test_the_default_scope_keeps_what_concerns_indonesia_with_its_rows(settings):
    _scope(settings, None)
    run = _import(*FILE)
    assert run.scope == "indonesia"
    assert sorted(Activity.objects.values_list("identifier", flat=True)) == ["ID-1", "TX-1"]
    assert (run.activities_seen, run.created_count, run.out_of_scope_count) == (4, 2, 2)
    assert run.skipped_count == 0
    kept = Activity.objects.get(identifier="ID-1")
    assert kept.in_indonesia
    assert kept.indonesia_share == Decimal("60")
    assert kept.raw_xml == INDONESIAN
    assert kept.transactions.count() == 1
    assert kept.sectors.count() == 1
    on_transaction = Activity.objects.get(identifier="TX-1")
    assert on_transaction.indonesia_share == Decimal("30")
    assert on_transaction.transactions.count() == 2
    summary = AuditEvent.objects.get(event="iati_import.finished").data["new"]
    assert (summary["scope"], summary["not_indonesia"]) == ("indonesia", 2)
    # exactly what scope "all" stores for the same activities
    kept_rows = _rows()
    Activity.objects.all().delete()
    _scope(settings, "all")
    _import(*FILE)
    everything = _rows()
    assert {k: everything[k] for k in kept_rows} == kept_rows


def test_scope_all_keeps_everything(settings):
    _scope(settings, "all")
    run = _import(*FILE)
    assert (run.scope, run.created_count, run.out_of_scope_count) == ("all", 4, 0)
    assert dict(Activity.objects.values_list("identifier", "in_indonesia")) == {
        "ID-1": True,
        "TL-1": False,
        "TX-1": True,
        "NONE-1": False,
    }


@pytest.mark.parametrize("scope", ["indonesia", "all"])
def test_reimport_is_idempotent_in_both_scopes(settings, scope):
    _scope(settings, scope)
    first = _import(*FILE)
    stored = _rows()
    second = _import(*FILE)
    assert second.created_count == second.updated_count == 0
    assert second.unchanged_count == first.created_count
    assert second.out_of_scope_count == first.out_of_scope_count
    assert _rows() == stored
    assert set(Activity.objects.values_list("import_run", flat=True)) == {first.pk}


def test_an_activity_that_no_longer_concerns_indonesia_is_updated_as_scope_all_would(settings):
    """It stays (its findings and matches point to it), updated with its new rows and
    `in_indonesia` false, so the cross-check (which reads only Indonesian activities) drops it."""
    _scope(settings, None)
    _import(INDONESIAN)
    stored = Activity.objects.get()
    finding = Finding.objects.create(kind=Finding.Kind.NO_AGREEMENT, key="k", activity=stored)
    moved = INDONESIAN.replace('code="ID" percentage="60"', 'code="TL"')
    run = _import(moved, ELSEWHERE)
    assert (run.updated_count, run.out_of_scope_count, run.created_count) == (1, 1, 0)
    again = Activity.objects.get()
    assert again.pk == stored.pk
    assert not again.in_indonesia
    assert again.indonesia_share is None
    assert again.raw_xml == moved
    assert list(Recipient.objects.values_list("code", flat=True)) == ["TL"]
    assert Finding.objects.get().activity_id == stored.pk
    assert finding.pk == Finding.objects.get().pk
    left = _rows()
    # the same rows as scope "all" leaves after the same two imports
    Activity.objects.all().delete()
    _scope(settings, "all")
    _import(INDONESIAN)
    _import(moved)
    assert _rows() == left
    # unchanged: not counted as outside the scope; back in Indonesia: updated again
    _scope(settings, None)
    third = _import(moved)
    assert (third.unchanged_count, third.out_of_scope_count) == (1, 0)
    fourth = _import(INDONESIAN)
    assert fourth.updated_count == 1
    assert Activity.objects.get().in_indonesia


def test_activities_stored_by_an_all_import_are_kept_current(settings):
    _scope(settings, "all")
    _import(*FILE)
    _scope(settings, None)
    changed = ELSEWHERE.replace("<value>10</value>", "<value>11</value>")
    run = _import(INDONESIAN, changed, NOWHERE)
    assert (run.unchanged_count, run.updated_count, run.out_of_scope_count) == (2, 1, 0)
    assert Transaction.objects.get(activity__identifier="TL-1").value == Decimal("11")


def test_a_stored_activity_using_the_roots_namespace_prefix_is_read_again(settings):
    """An activity outside the scope is read again from its bytes: a prefix declared on the
    file's root (here D-Portal's version attribute) still resolves."""
    root = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" '
        'xmlns:dp="http://d-portal.org/xmlns/iati-activities">{}</iati-activities>'
    )
    old = activity("NS-1", '<recipient-country code="ID"/>', attrs='dp:version="2.02"')
    new = activity("NS-1", '<recipient-country code="TL"/>', attrs='dp:version="2.02"')
    _scope(settings, None)
    iati_import(sources=[("a.xml", io.BytesIO(root.format(old).encode()))], actor=None)
    run = iati_import(sources=[("b.xml", io.BytesIO(root.format(new).encode()))], actor=None)
    assert run.updated_count == 1, run.problems
    stored = Activity.objects.get()
    assert (stored.iati_version, stored.in_indonesia, stored.raw_xml) == ("2.02", False, new)


def test_repeated_identifiers_the_later_version_wins_as_in_scope_all(settings):
    later_elsewhere = INDONESIAN.replace('code="ID" percentage="60"', 'code="TL"')
    for scope in ("all", None):
        _scope(settings, scope)
        _import(INDONESIAN, later_elsewhere)
        rows = _rows()
        Activity.objects.all().delete()
        if scope == "all":
            expected = rows
    assert rows == expected
    assert rows["ID-1"][0]["in_indonesia"] is False


@pytest.mark.parametrize("small", [False, True])
def test_batches_and_lookups_of_any_size_give_the_same(settings, monkeypatch, small):
    _scope(settings, "all")
    iati_import_paths(paths=[shared("dportal-covid19-2021-06/dportal_23.xml")], actor=None)
    some = list(Activity.objects.order_by("pk").values_list("pk", flat=True)[:5])
    Activity.objects.exclude(pk__in=some).delete()  # five stored before, the rest never
    if small:
        monkeypatch.setattr(services, "OUTSIDE", 3)
        monkeypatch.setattr(services, "OUTSIDE_BYTES", 5000)
        monkeypatch.setattr(services, "BATCH", 2)
        monkeypatch.setattr(services, "COMMIT_BYTES", 10_000)
    _scope(settings, None)
    run = iati_import_paths(paths=[shared("dportal-covid19-2021-06/dportal_23.xml")], actor=None)
    indonesian = Activity.objects.filter(in_indonesia=True).exclude(pk__in=some).count()
    assert run.unchanged_count == 5
    assert run.created_count == indonesian
    assert run.activities_seen == 5 + indonesian + run.out_of_scope_count + run.skipped_count
    assert Activity.objects.count() == 5 + indonesian


def test_the_scope_rule_is_the_one_in_indonesia_uses():
    """`concerns_indonesia` (read before any value) says what `in_indonesia` would say."""
    cases = [
        '<recipient-country code="id"/>',
        '<recipient-country code=" ID "/><recipient-country code="TL"/>',
        '<recipient-country code="TL"/>' + _tx("ID"),
        _tx("IDN"),
        _tx("id"),
        _tx("TL") + _tx(""),
        '<transaction><value>1</value><recipient-country code="ID"/>'
        '<recipient-country code="TL"/></transaction>',
        '<transaction><value>1</value><recipient-country code="TL"/>'
        '<recipient-country code="ID"/></transaction>',
        '<recipient-country code="IDN"/>',
        "",
    ]
    elements = [etree.fromstring(activity(f"C{i}", inner)) for i, inner in enumerate(cases)]
    for path in [
        *sorted(shared("single-activity-fixtures").glob("*.xml")),
        shared("publisher-files/ES-DIR3-E04585801_MAEC_IATI_INDONESIA_2015.xml"),
        shared("dportal-covid19-2021-06/dportal_23.xml"),
    ]:
        elements += etree.parse(str(path)).getroot().iterchildren("iati-activity")
    seen = {True: 0, False: 0}
    for el in elements:
        try:
            expected = activity_from_element(el, "2.03").fields["in_indonesia"]
        except ValueError:
            continue
        assert concerns_indonesia(el) is expected, etree.tostring(el)[:300]
        seen[expected] += 1
    assert seen[True] > 80
    assert seen[False] > 20


def test_outside_the_scope_no_value_is_read():
    """Only the identifier: a value that is not one (which would make it a Problem) is not
    seen; an activity without an identifier is still reported with its line."""
    bad_value = activity("TL-BAD", '<recipient-country code="TL"/>' + _tx("", "x"))
    items = list(
        iter_activities(
            xml(bad_value, "\n<iati-activity><title/></iati-activity>"), indonesia_only=True
        )
    )
    assert isinstance(items[0], OutOfScope)
    assert items[0].identifier == "TL-BAD"
    assert items[0].raw == bad_value.encode()
    assert isinstance(items[1], Problem)
    assert items[1].line == 3
    assert "iati-identifier" in items[1].message
    assert not any(isinstance(i, ParsedActivity) for i in items)


def test_malformed_indonesian_activities_are_reported_with_their_line(settings):
    _scope(settings, None)
    here = '<recipient-country code="ID"/>'
    run = _import(
        activity("GOOD-1", here),
        "\n" + activity("BAD-DATE", here + _tx().replace("2024-01-02", "0")),
        "\n" + activity("BAD-PCT", '<recipient-country code="ID" percentage="140"/>'),
        activity("GOOD-2", here),
    )
    assert sorted(Activity.objects.values_list("identifier", flat=True)) == ["GOOD-1", "GOOD-2"]
    assert [p["line"] for p in run.problems] == [3, 4]
    assert "not a date" in run.problems[0]["message"]
    assert "percentage" in run.problems[1]["message"]


@pytest.mark.parametrize("scope", ["indonesia", "all"])
def test_hostile_and_truncated_files_as_before_in_both_scopes(settings, scope):
    _scope(settings, scope)
    evil = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "e">]><iati-activities/>'
    with pytest.raises(ApplicationError, match="DTD or entities"):
        iati_import(sources=[("evil.xml", io.BytesIO(evil))], actor=None)
    cut = xml(INDONESIAN, "\n" + ELSEWHERE, "\n" + INDONESIAN.replace("ID-1", "ID-2"))
    run = iati_import(sources=[("cut.xml", io.BytesIO(cut.getvalue()[:-40]))], actor=None)
    assert "ID-1" in Activity.objects.values_list("identifier", flat=True)
    assert run.problems[-1]["line"] == 4
    assert "not well-formed" in run.problems[-1]["message"]


def test_an_unknown_scope_is_a_configuration_error(settings):
    _scope(settings, "everything")
    with pytest.raises(ImproperlyConfigured, match="IATI_IMPORT_SCOPE"):
        _import(INDONESIAN)
    assert not ImportRun.objects.exists()


def test_the_command_says_how_many_were_skipped(settings, tmp_path):
    _scope(settings, None)
    path = tmp_path / "t.xml"
    path.write_bytes(xml(*FILE).getvalue())
    out, err = io.StringIO(), io.StringIO()
    call_command("iati_import", str(path), "--no-check", stdout=out, stderr=err)
    assert "2 activities not about Indonesia skipped" in err.getvalue()
    assert '"not_indonesia": 2' in out.getvalue()


def test_the_job_result_and_the_upload_page_show_the_count(
    client, settings, django_capture_on_commit_callbacks
):
    _scope(settings, None)
    world = build_world()
    client.force_login(world.users["operator"])
    upload = SimpleUploadedFile("t.xml", xml(*FILE).getvalue(), "application/xml")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("iati:upload"), {"file": upload})
    job = Job.objects.get(kind="iati.import")
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.result["not_indonesia"] == 2
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'id="iati-not-indonesia">2 ' in page
    upload_page = client.get(reverse("iati:upload")).content.decode()
    assert 'id="iati-scope-note"' in upload_page
    assert '<td class="iati-run-not-indonesia">2</td>' in upload_page
