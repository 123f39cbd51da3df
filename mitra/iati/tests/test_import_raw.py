"""The raw XML the import keeps (the activity's bytes as published, cut out of the stream
without a second parse), and the import's batches and commits (issue 17 §1, §5)."""

import hashlib
import io

import pytest

from mitra.iati import services
from mitra.iati.models import Activity, ImportRun, Transaction
from mitra.iati.parse import ParsedActivity, Problem, iter_activities
from mitra.iati.services import iati_import, iati_import_paths

from .helpers import activity, shared, xml


@pytest.fixture(autouse=True)
def _scope_all(settings):
    """These tests read every field of activities published anywhere: scope "all" (the scope
    "indonesia", the default, is tested in test_import_scope.py)."""
    settings.MITRA = {**settings.MITRA, "IATI_IMPORT_SCOPE": "all"}


TRANSACTION = (
    '<transaction><transaction-type code="3"/><transaction-date iso-date="2024-01-02"/>'
    "<value>10</value></transaction>"
)


def _parsed(data: bytes) -> list[ParsedActivity]:
    items = list(iter_activities(io.BytesIO(data)))
    assert all(isinstance(i, ParsedActivity) for i in items), items
    return [i for i in items if isinstance(i, ParsedActivity)]


def test_raw_xml_is_each_activity_as_published():
    path = shared("dportal-covid19-2021-06/dportal_0.xml")
    data = path.read_bytes()
    parsed = [i for i in iter_activities(io.BytesIO(data)) if isinstance(i, ParsedActivity)]
    assert len(parsed) > 50
    position = 0
    for p in parsed:
        found = data.index(p.raw, position)  # the exact bytes, in order, none left out
        assert p.raw.startswith(b"<iati-activity")
        assert p.raw.endswith(b"</iati-activity>")
        assert p.hash == hashlib.sha256(p.raw).hexdigest()
        assert p.identifier.encode() in p.raw
        position = found + len(p.raw)


def test_comments_cdata_and_instructions_do_not_fool_the_cut():
    first = activity(
        "A",
        "<!-- </iati-activity> <iati-activity> -->"
        "<title><narrative><![CDATA[a </iati-activity> b]]></narrative></title>",
    )
    second = activity("B", "<?pi <iati-activity>?>" + TRANSACTION)
    between = "\n<!-- <iati-activity><iati-identifier>X</iati-identifier></iati-activity> -->\n"
    data = xml(first, between, second).getvalue()
    a, b = _parsed(data)
    assert (a.identifier, b.identifier) == ("A", "B")
    assert a.raw == first.encode()
    assert b.raw == second.encode()
    assert len(b.transactions) == 1


def test_an_empty_activity_element_is_reported_and_the_next_one_cut_right():
    second = activity("B")
    items = list(iter_activities(xml("<iati-activity/>", "\n", second)))
    assert isinstance(items[0], Problem)
    assert isinstance(items[1], ParsedActivity)
    assert items[1].raw == second.encode()


def test_a_foreign_element_between_activities_falls_back_to_serialising():
    # Not IATI, but well-formed: an activity in another namespace is not an activity, and
    # the cut would take its bytes for the next one's; the elements are serialised instead.
    foreign = '<x:wrap xmlns:x="urn:x"><iati-activity xmlns="urn:y">no</iati-activity></x:wrap>'
    second = activity("B", TRANSACTION)
    a, b = _parsed(xml(activity("A"), foreign, second).getvalue())
    assert a.raw == activity("A").encode()
    assert b.identifier == "B"
    assert b"urn:y" not in b.raw
    assert b.raw.startswith(b"<iati-activity")
    assert b"<iati-identifier>B<" in b.raw
    assert b.raw == _parsed(xml(activity("A"), foreign, second).getvalue())[1].raw  # stable


def test_a_file_not_in_utf8_is_serialised_and_read_right():
    body = activity("Ä-1", "<title><narrative>Kerjasama Ü</narrative></title>")
    data = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<iati-activities version="2.03">'
        f"{body}</iati-activities>"
    ).encode("latin-1")
    (parsed,) = _parsed(data)
    assert parsed.identifier == "Ä-1"
    assert parsed.raw.decode("utf-8").startswith("<iati-activity")
    assert "Kerjasama Ü" in parsed.raw.decode("utf-8")
    assert parsed.hash == _parsed(data)[0].hash


@pytest.mark.django_db
def test_stored_raw_xml_is_the_published_text():
    body = activity("A", "<title><narrative>Kerjasama – «Ü»</narrative></title>")
    iati_import(sources=[("t.xml", xml(body))], actor=None)
    stored = Activity.objects.get()
    assert stored.raw_xml == body
    assert stored.content_hash == hashlib.sha256(body.encode()).hexdigest()


@pytest.mark.django_db
def test_small_batches_and_commits_store_the_same(monkeypatch):
    path = shared("publisher-files/ES-DIR3-E04585801_MAEC_IATI_INDONESIA_2015.xml")
    first = iati_import_paths(paths=[path], actor=None)
    expected = {
        "activities": dict(Activity.objects.values_list("identifier", "content_hash")),
        "transactions": Transaction.objects.count(),
    }
    Activity.objects.all().delete()
    monkeypatch.setattr(services, "BATCH", 7)
    monkeypatch.setattr(services, "BATCH_BYTES", 4096)
    monkeypatch.setattr(services, "COMMIT_BYTES", 20_000)
    second = iati_import_paths(paths=[path], actor=None)
    assert second.created_count == first.created_count == 83
    assert (
        dict(Activity.objects.values_list("identifier", "content_hash")) == (expected["activities"])
    )
    assert Transaction.objects.count() == expected["transactions"]
    third = iati_import_paths(paths=[path], actor=None)
    assert (third.created_count, third.updated_count, third.unchanged_count) == (0, 0, 83)
    assert third.status == ImportRun.Status.SUCCEEDED


@pytest.mark.django_db
def test_a_refused_file_keeps_what_earlier_commits_stored(monkeypatch):
    monkeypatch.setattr(services, "BATCH", 1)
    monkeypatch.setattr(services, "COMMIT_BYTES", 1)
    good = xml(activity("A"), activity("B"))
    evil = io.BytesIO(b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e "e">]><iati-activities/>')
    with pytest.raises(services.ApplicationError):
        iati_import(sources=[("good.xml", good), ("evil.xml", evil)], actor=None)
    assert sorted(Activity.objects.values_list("identifier", flat=True)) == ["A", "B"]
    assert ImportRun.objects.get().status == ImportRun.Status.FAILED
