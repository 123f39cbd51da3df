"""Phrase-family unit tests of the pure extractor (sentences written for the tests)."""

from datetime import date

from mitra.intake.extraction import KnownOrganization, extract
from mitra.intake.extraction.agreements import document_types, durations, periods
from mitra.intake.extraction.dates import find_event_date, find_published
from mitra.intake.extraction.document import parse_document


def published(text: str) -> date | None:
    doc = parse_document(text)
    found, _ = find_published(text, doc.header_lines, doc.body_start)
    return found.value if found else None


def test_date_lines_in_several_formats():
    assert published("Judul berita kerja sama\n12-Mar-2023\nIsi berita.") == date(2023, 3, 12)
    assert published("Judul berita kerja sama\nSenin, 6 Maret 2023 - 10:15 WIB\nIsi.") == date(
        2023, 3, 6
    )
    assert published("Judul berita kerja sama\n06/03/2023\nIsi.") == date(2023, 3, 6)
    assert published("Judul berita kerja sama\nMarch 6, 2023\nIsi.") == date(2023, 3, 6)
    assert published("Judul berita kerja sama\n21 Nopember 2019 08:00 WIB\nIsi.") == date(
        2019, 11, 21
    )


def test_date_line_without_year_takes_year_from_text():
    text = "Judul kerja sama daerah\n- 12 Jan\nAcara digelar Rabu (11/1/2023) di Semarang."
    assert published(text) == date(2023, 1, 12)


def test_event_date_weekday_and_day_month_uses_publication_year():
    text = "Pertemuan dilaksanakan pada Selasa (07/03) di Jakarta."
    found = find_event_date(text, 0, date(2023, 3, 9), [])
    assert found
    assert found.value == date(2023, 3, 7)


def test_event_date_weekday_picks_previous_year_in_january():
    text = "Rapat digelar Jumat (30/12) lalu."
    found = find_event_date(text, 0, date(2023, 1, 5), [])
    assert found
    assert found.value == date(2022, 12, 30)


def test_event_date_range_uses_first_day_and_english_months():
    found = find_event_date("Lokakarya berlangsung Senin, 5-7 June 2023.", 0, None, [])
    assert found
    assert found.value == date(2023, 6, 5)


def test_periods_and_past_periods():
    text = "Kerja sama periode 2021-2024 dilanjutkan untuk 2025 s.d. 2027."
    assert [p.value for p in periods(text, 0, len(text))] == [(2021, 2024), (2025, 2027)]
    past = "Kerja sama periode sebelumnya 2011-2015 telah selesai."
    assert periods(past, 0, len(past)) == []


def test_durations_families():
    def first(text: str):
        found = durations(text, 0, len(text))
        return found[0].value if found else None

    assert first("berlaku selama 4 tahun") == 4
    assert first("untuk dua tahun ke depan") == 2
    assert first("jangka waktu tiga (3) tahun") == 3
    assert first("hubungan yang telah terjalin selama 12 tahun") is None
    assert first("pada tahun 2024") is None


def test_document_types():
    def kinds(text: str) -> list[str]:
        return [str(f.value) for f in document_types(text)]

    assert kinds("penandatanganan nota kesepahaman") == ["MoU"]
    assert kinds("memorandum saling pengertian baru") == ["MSP"]
    assert kinds("perjanjian kerjasama dengan yayasan") == ["PKS"]
    assert kinds("mengirim letter of intent") == ["LoI"]
    assert kinds("menandatangani MoC dan grant agreement") == ["other", "other"]
    assert kinds("kesepakatan bersama kedua pihak") == ["MoU"]


ITEM = """https://example.go.id/berita/1
Kementerian Kesehatan Jalin Kerja Sama dengan Helen Keller International
Rabu, 8 Februari 2023

Kementerian Kesehatan (Kemenkes) dan Helen Keller International (HKI) menandatangani nota \
kesepahaman di Ruang Rapat Sasana Bhakti, Jakarta, Selasa (7/2). Kerja sama berlaku selama \
tiga tahun, periode 2023 s.d. 2026. Dokumen ditandatangani oleh Sekretaris Jenderal \
Kemenkes dan Country Director Helen Keller International. Pertemuan ini turut dihadiri \
perwakilan Kementerian Luar Negeri dan Badan Pusat Statistik.
"""


def test_whole_item():
    record = extract(ITEM).to_record(id="x")
    assert record["url"] == "https://example.go.id/berita/1"
    assert record["published"] == "2023-02-08"
    assert record["event_date"] == "2023-02-07"
    assert record["government_parties"] == ["Kementerian Kesehatan"]
    assert record["attending_agencies"] == ["Kementerian Luar Negeri", "Badan Pusat Statistik"]
    assert len(record["foreign_parties"]) == 1
    assert "Helen Keller International" in record["foreign_parties"][0]
    [agreement] = record["agreements"]
    assert (agreement["start_year"], agreement["end_year"], agreement["duration_years"]) == (
        2023,
        2026,
        3,
    )
    assert agreement["document_type"] == "MoU"
    assert {"title": "Sekretaris Jenderal", "organization": "Kementerian Kesehatan"} in record[
        "signatories"
    ]
    assert "signing" in record["event_types"]
    assert "meeting" in record["event_types"]
    assert record["meeting_mode"] == "offline"


def test_meeting_modes():
    assert extract("Rapat koordinasi digelar secara daring melalui zoom.").meeting_mode == (
        "online"
    )
    assert extract("Rapat dilaksanakan secara fisik dan virtual.").meeting_mode == "hybrid"
    assert extract("Pertemuan berlangsung di Kota Medan.").meeting_mode is None


def test_extension_of_agreement_not_of_permit():
    assert "extension" in extract("Rapat perpanjangan kerja sama dengan mitra.").event_types
    assert "extension" not in extract("Rapat membahas perpanjangan masa izin.").event_types


def test_registry_match_with_spelling_variant():
    text = "Kementerian Sosial menjalin kerja sama dengan Greenleaf Releif Foundation."
    proposed = extract(text).foreign_parties
    assert [p.name for p in proposed] == ["Greenleaf Releif Foundation"]
    assert proposed[0].is_new
    registry = [KnownOrganization("Greenleaf Relief Foundation", "GRF", (), pk=7)]
    matched = extract(text, registry=registry).foreign_parties
    assert [p.known.pk for p in matched if p.known] == [7]
    by_acronym = extract("Kementerian Sosial bermitra dengan GRF.", registry=registry)
    assert [p.known.pk for p in by_acronym.foreign_parties if p.known] == [7]


def test_body_name_at_event_date_and_units():
    text = "Biro KTLN dan Kemenkumham menggelar rapat kerja sama, Senin (6/3/2023)."
    result = extract(text)
    assert "Kementerian Sekretariat Negara" in result.government_parties
    assert "Kementerian Hukum dan Hak Asasi Manusia" in result.government_parties


def test_foreign_ministry_is_not_kemlu():
    text = "BNPB dan Kementerian Luar Negeri Jepang menandatangani MoU di Graha BNPB."
    result = extract(text)
    assert "Kementerian Luar Negeri" not in result.government_parties + result.attending_agencies


def test_evidence_spans_point_into_text():
    result = extract(ITEM)
    for ev in result.evidence:
        assert 0 <= ev.start <= ev.end <= len(ITEM)
        assert 0.0 <= ev.confidence <= 1.0
