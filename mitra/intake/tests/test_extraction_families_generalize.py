"""More variants of the issue 12 phrase families, written for these tests (none from a dev item).

Each family is a rule that must hold for sentences the dev set never showed: attendance
lists that end in "dan G", UN bodies named in Indonesian around "PBB", foreign government
agencies named in Indonesian, countries in their long or less common Indonesian forms, and
work plans as documents.
"""

import csv
import re
from pathlib import Path

import pytest

from mitra.intake.extraction import extract
from mitra.intake.extraction.agreements import document_types, durations
from mitra.intake.extraction.bodies import COUNTRY_RE
from mitra.intake.extraction.countries import (
    CLDR_NAMES,
    NOT_ISO_3166,
    NOT_LOOKED_FOR,
    PRESS_NAMES,
)
from mitra.intake.extraction.iati_publishers import iati_publishers
from mitra.intake.extraction.iati_rules import publisher_entries


def foreign(text: str) -> list[str]:
    return [p.name for p in extract(text).foreign_parties]


# -- the last body of an attendance list is not linked to the partner by its "dan" ------------
@pytest.mark.parametrize(
    ("text", "attending"),
    [
        ("Kemenkes menandatangani MoU dengan WHO, dihadiri oleh Kementerian Luar Negeri dan "
         "Bappenas.", {"Kementerian Luar Negeri", "Badan Perencanaan Pembangunan Nasional"}),
        ("Kemenlu menggelar rapat dengan UNDP yang dihadiri Kementerian Keuangan, Kementerian "
         "Sosial dan BNPB.",
         {"Kementerian Keuangan", "Kementerian Sosial", "Badan Nasional Penanggulangan Bencana"}),
        ("Pertemuan Kemendagri dengan The Asia Foundation turut dihadiri perwakilan dari "
         "Kementerian Keuangan serta Kementerian BUMN.",
         {"Kementerian Keuangan", "Kementerian Badan Usaha Milik Negara"}),
        ("Rapat Kemenkes bersama UNICEF juga diikuti perwakilan dari Kementerian Sosial dan "
         "Kementerian Agama.", {"Kementerian Sosial", "Kementerian Agama"}),
    ],
)  # fmt: skip
def test_attendance_list_tail_is_not_a_party(text, attending):
    result = extract(text)
    got = set(result.attending_agencies)
    for name in attending:
        assert any(name in g for g in got), (name, got)
        assert not any(name in g for g in result.government_parties), result.government_parties


def test_a_signing_pair_is_still_linked():
    result = extract("Kemenkes dan WHO menandatangani nota kesepahaman, turut hadir Kemenlu.")
    assert result.government_parties == ["Kementerian Kesehatan"]
    assert result.attending_agencies == ["Kementerian Luar Negeri"]


# -- UN bodies written in Indonesian around "PBB" ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kemendikbud menjalin kerja sama dengan Organisasi Pendidikan, Keilmuan, dan "
         "Kebudayaan PBB di bidang warisan budaya.",
         "Organisasi Pendidikan, Keilmuan, dan Kebudayaan PBB"),
        ("Bappenas bekerja sama dengan Kantor Komisaris Tinggi PBB untuk Hak Asasi Manusia.",
         "Kantor Komisaris Tinggi PBB untuk Hak Asasi Manusia"),
        ("KLHK bekerja sama dengan Program Lingkungan Perserikatan Bangsa-Bangsa (UNEP).",
         "Program Lingkungan Perserikatan Bangsa-Bangsa"),
        ("Kemenkes menandatangani MoU dengan Dana Darurat Anak PBB tentang imunisasi.",
         "Dana Darurat Anak PBB"),
        ("BNPB bermitra dengan Kantor PBB untuk Pengurangan Risiko Bencana.",
         "Kantor PBB untuk Pengurangan Risiko Bencana"),
    ],
)  # fmt: skip
def test_un_bodies_named_in_indonesian(text, name):
    names = foreign(text)
    assert names, text
    assert names[0].startswith(name), names


def test_the_un_itself_stays_the_un():
    assert foreign("Indonesia bekerja sama dengan PBB dalam misi perdamaian.") == ["PBB"]


# -- foreign government agencies named in Indonesian --------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pemprov NTT menerima kunjungan Badan Pembangunan Internasional Amerika Serikat.",
         "Badan Pembangunan Internasional Amerika Serikat"),
        ("BNPB menerima bantuan dari Badan Kerja Sama Internasional Jepang.",
         "Badan Kerja Sama Internasional Jepang"),
        ("Kemenkes bekerja sama dengan Badan Kerja Sama Internasional Korea di bidang gizi.",
         "Badan Kerja Sama Internasional Korea"),
        ("Kementan menjalin kerja sama dengan Lembaga Penelitian Pertanian Prancis.",
         "Lembaga Penelitian Pertanian Prancis"),
    ],
)  # fmt: skip
def test_foreign_agencies_named_in_indonesian(text, name):
    assert foreign(text) == [name], foreign(text)


def test_an_indonesian_agency_is_not_foreign():
    assert foreign("Badan Karantina Indonesia bekerja sama dengan Pemkab Bogor.") == []


# -- countries in their CLDR Indonesian names ---------------------------------------------------
@pytest.mark.parametrize(
    "country",
    ["Yordania", "Azerbaijan", "Ekuador", "Estonia", "Republik Rakyat Tiongkok", "Kosta Rika",
     "Mauritius", "Seychelles"],
)  # fmt: skip
def test_country_names_cover_the_cldr_list(country):
    assert COUNTRY_RE.fullmatch(country)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pemprov Sumbar menjalin kerja sama dengan Provinsi Yunnan, Republik Rakyat Tiongkok.",
         "Provinsi Yunnan"),
        ("Indonesia dan Ekuador menandatangani nota kesepahaman di bidang perikanan.", "Ekuador"),
        ("Kementerian Pertanian menandatangani MoU dengan Kementerian Pertanian Azerbaijan.",
         "Kementerian Pertanian Azerbaijan"),
    ],
)  # fmt: skip
def test_counterparts_with_less_common_countries(text, name):
    names = foreign(text)
    assert names, text
    assert names[0].startswith(name), names


# -- work plans are documents -------------------------------------------------------------------
@pytest.mark.parametrize(
    "phrase",
    ["menandatangani rencana kerja 2025", "Rencana Kerja Bersama kedua pihak",
     "menyepakati rencana kerja tahunan", "annual work plan 2025", "Joint Work Plan"],
)  # fmt: skip
def test_work_plans_are_other_documents(phrase):
    assert [f.value for f in document_types(phrase)] == ["other"]


def test_rencana_kerja_agreement_has_its_type_and_years():
    record = extract(
        "Bappenas dan UNDP menandatangani rencana kerja tahun 2025 hingga 2026."
    ).to_record(id="x")
    assert [(a["document_type"], a["start_year"], a["end_year"]) for a in record["agreements"]] == [
        ("other", 2025, 2026)
    ]


# -- signed records of a negotiation are documents of type "other" ------------------------------
@pytest.mark.parametrize(
    "phrase",
    ["meneken Minutes of Meeting tentang survei", "menandatangani MoM proyek air bersih",
     "penandatanganan Record of Discussions proyek pelabuhan", "menandatangani R/D proyek",
     "Summary Record pertemuan komite bersama", "berita acara kesepakatan kedua pihak"],
)  # fmt: skip
def test_signed_records_are_other_documents(phrase):
    assert [f.value for f in document_types(phrase)] == ["other"]


def test_record_of_discussion_agreement():
    record = extract(
        "Kementerian Perhubungan dan JICA menandatangani Record of Discussion proyek "
        "pengembangan kapasitas pelabuhan di Jakarta."
    ).to_record(id="x")
    assert [(a["partner"], a["document_type"]) for a in record["agreements"]] == [("JICA", "other")]


# -- "RI-X": a partner joined to Indonesia by a hyphen -----------------------------------------
@pytest.mark.parametrize(
    ("text", "partner", "years"),
    [
        ("Kemendagri menggelar monitoring program Kerja Sama Pemerintah RI-UNICEF Periode "
         "2021-2025 di Kupang.", "UNICEF", (2021, 2025)),
        ("Evaluasi Program Kerja Sama Indonesia-UNFPA 2021-2025 digelar Kemenkes di Jakarta.",
         "UNFPA", (2021, 2025)),
        ("Bappenas membuka rapat kerja sama RI-FAO periode 2022-2026.", "FAO", (2022, 2026)),
    ],
)  # fmt: skip
def test_partner_joined_to_indonesia_by_a_hyphen(text, partner, years):
    record = extract(text).to_record(id="x")
    assert [(a["partner"], a["start_year"], a["end_year"]) for a in record["agreements"]] == [
        (partner, *years)
    ]


def test_a_hyphenated_word_is_not_an_acronym():
    assert foreign("Program pra-WHO ini dibahas Kemenkes bersama mitra lokal.") == []


# -- a bare country after "bekerja sama dengan" / "berkolaborasi dengan" ------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kementerian Kelautan dan Perikanan bekerja sama dengan Norwegia dalam program "
         "perikanan.", "Norwegia"),
        ("Kemenperin bekerjasama dengan Jerman di bidang pendidikan vokasi.", "Jerman"),
        ("BRIN berkolaborasi dengan Finlandia dalam riset baterai.", "Finlandia"),
    ],
)  # fmt: skip
def test_bare_country_after_a_cooperation_verb(text, name):
    assert foreign(text) == [name]


# -- foreign ministries whose name lists several fields with commas ----------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kementerian Pertanian menjalin kerja sama dengan Kementerian Pertanian, Kehutanan dan "
         "Perikanan Jepang (MAFF).", "Kementerian Pertanian, Kehutanan dan Perikanan Jepang"),
        ("KLHK bekerja sama dengan Kementerian Lingkungan, Pangan dan Urusan Pedesaan Inggris.",
         "Kementerian Lingkungan, Pangan dan Urusan Pedesaan Inggris"),
        ("Kemenkes menerima kunjungan Kementerian Kesehatan, Tenaga Kerja dan Kesejahteraan "
         "Jepang.", "Kementerian Kesehatan, Tenaga Kerja dan Kesejahteraan Jepang"),
    ],
)  # fmt: skip
def test_foreign_ministries_with_several_fields(text, name):
    names = foreign(text)
    assert names, text
    assert names[0].startswith(name), names


def test_a_list_of_bodies_ending_in_an_embassy_keeps_the_ministry():
    result = extract(
        "Rapat kerja sama dengan JICA dihadiri Kementerian Luar Negeri, Kedutaan Besar Jepang."
    )
    assert "Kementerian Luar Negeri" in result.attending_agencies


# -- a foreign city or province the gazetteer does not know, named as the partner -------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pemkot Surabaya bekerja sama dengan Kota Kitakyushu di bidang pengelolaan sampah.",
         "Kota Kitakyushu"),
        ("Pemprov Jawa Tengah menandatangani nota kesepahaman dengan Provinsi Chungcheong "
         "Selatan.", "Provinsi Chungcheong Selatan"),
        ("Pemkot Denpasar menjalin kemitraan dengan Kota Mossel Bay.", "Kota Mossel Bay"),
    ],
)  # fmt: skip
def test_unknown_city_as_partner_is_foreign(text, name):
    assert foreign(text) == [name], foreign(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pemkot Solo bekerja sama dengan Kota Layak Anak Forum untuk kampanye.",
        "Pemkab Sleman menggelar festival di Kota Tua bersama komunitas.",
        "Pemprov Jabar bekerja sama dengan Kota Bandung dalam penataan pasar.",
    ],
)
def test_indonesian_cities_and_programmes_are_not_foreign(text):
    assert foreign(text) == []


# -- publication date: bylines before the date, abbreviations, bracketed datelines -------------
BODY = "\n\nKemenkes menandatangani MoU dengan WHO di Jakarta, Senin (4/3/2024)."


@pytest.mark.parametrize(
    "header",
    ["Oleh Humas | 4 Mar 2024", "By Admin on 4 March 2024",
     "Ditulis oleh Redaksi pada Senin, 4 Maret 2024", "Humas Kemenkes - 4 Maret 2024",
     "Penulis: Tim Humas, 04/03/2024 10:15 WIB", "4 Mrt 2024", "Sen, 04 Mar 2024",
     "Mon, 4 March 2024 08:00"],
)  # fmt: skip
def test_header_date_lines_with_a_byline_or_abbreviations(header):
    record = extract("Kemenkes dan WHO Teken MoU\n" + header + BODY).to_record(id="x")
    assert record["published"] == "2024-03-04"


@pytest.mark.parametrize(
    "opening",
    ["Jakarta (4/3/2024) – Kemenkes menandatangani MoU dengan WHO.",
     "JAKARTA (4/3/2024) | Kemenkes menandatangani MoU dengan WHO.",
     "Kota Kupang (Senin, 4/3/2024) - Pemprov NTT menandatangani MoU dengan WHO."],
)  # fmt: skip
def test_bracketed_dateline_is_the_publication_date(opening):
    record = extract("Kerja Sama dengan WHO\n\n" + opening).to_record(id="x")
    assert record["published"] == "2024-03-04"


def test_a_byline_without_a_year_gives_no_date():
    record = extract("Kemenkes dan WHO Teken MoU\nOleh Humas | 4 Mar\n\nIsi berita.").to_record(
        id="x"
    )
    assert record["published"] is None


# -- IATI publishers: foreign organizations known by their exact name or acronym ---------------
CODELISTS = Path(__file__).resolve().parents[3].parent / "shared/data/iati/codelists/csv"


def test_iati_publisher_table_is_what_the_codelist_gives():
    # shared/ lies beside the repository; without it this check must fail, not pass silently.
    publishers, countries = CODELISTS / "ReportingOrganisation.csv", CODELISTS / "Country.csv"
    assert publishers.exists(), publishers
    assert countries.exists(), countries
    with publishers.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with countries.open(encoding="utf-8") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    # data/iati_publishers.csv is regenerated by scripts/iati_publishers.py
    assert tuple(publisher_entries(rows, names)) == iati_publishers()
    assert len(iati_publishers()) > 500
    assert all("indonesia" not in name.lower() for name, _ in iati_publishers())


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Direktorat Jenderal Pajak bekerja sama dengan OECD dalam pertukaran data.", "OECD"),
        ("Pemkab Wonosobo bermitra dengan Hivos dalam program energi terbarukan.", "Hivos"),
        ("Bupati Sleman menerima kunjungan Helvetas Swiss Intercooperation di kantornya.",
         "Helvetas Swiss Intercooperation"),
        ("Kemenkes menandatangani MoU dengan Cordaid tentang layanan kesehatan ibu.", "Cordaid"),
    ],
)  # fmt: skip
def test_iati_publishers_named_as_partners(text, name):
    assert foreign(text) == [name]


def test_an_iati_name_merely_mentioned_is_not_a_partner():
    text = (
        "Kemenkeu Gelar Rapat dengan JICA\n\nKemenkeu menggelar rapat kerja sama dengan JICA. "
        "Laporan OECD menyebut ekonomi kawasan tumbuh 5 persen."
    )
    assert foreign(text) == ["JICA"]


def test_country_names_are_the_cldr_ones_for_every_iso_country():
    """Babel's CLDR names of every ISO 3166-1 country django-countries knows, less the few
    left out on purpose; a Babel upgrade that adds a CLDR-only code fails here."""
    from babel import Locale
    from django_countries.data import COUNTRIES

    territories = Locale("id").territories
    iso = {c for c in territories if len(c) == 2 and c.isalpha()} - NOT_ISO_3166
    assert iso == set(COUNTRIES)
    wanted = {re.sub(r"\s*\(.*?\)", "", territories[c]) for c in iso - NOT_LOOKED_FOR}
    assert set(CLDR_NAMES) == wanted
    assert len(CLDR_NAMES) > 200
    for name in ("Indonesia", "Pulau Natal", "Antarktika", "Wilayah Palestina"):
        assert name not in CLDR_NAMES
    for name in ("Amerika Serikat", "Myanmar", "Tiongkok", "Korea Selatan", "Jerman"):
        assert name in CLDR_NAMES
    for name in ("Palestina", "Hong Kong", "Makau", "Kosovo", "Uni Eropa"):
        assert name in PRESS_NAMES
        assert COUNTRY_RE.fullmatch(name)


# -- durations: a number written twice, "periode", "berjangka waktu" ---------------------------
@pytest.mark.parametrize(
    ("phrase", "years"),
    [
        ("nota kesepahaman ini berlaku 5 (lima) tahun", 5),
        ("kerja sama ini 3 (tiga) tahun sejak ditandatangani", 3),
        ("MoU untuk periode tiga tahun", 3),
        ("perjanjian berjangka waktu dua tahun", 2),
        ("dengan masa empat (4) tahun", 4),
    ],
)  # fmt: skip
def test_more_duration_phrasings(phrase, years):
    assert [d.value for d in durations(phrase, 0, len(phrase))] == [years]


@pytest.mark.parametrize(
    "phrase",
    ["program untuk anak usia 5 (lima) tahun", "sudah 3 (tiga) tahun yang lalu",
     "program tiga tahun terakhir", "anak berusia 2 (dua) tahun"],
)  # fmt: skip
def test_ages_and_past_spans_are_not_durations(phrase):
    assert durations(phrase, 0, len(phrase)) == []
