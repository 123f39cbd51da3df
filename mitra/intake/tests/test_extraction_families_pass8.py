"""Phrase families of the eighth pass (issue 12): two parties joined as the subject of a
signing ("Bank Indonesia dan Bank Dunia menandatangani ..."); Indonesian state institutions that
are not ministries (Bank Indonesia, OJK, LPS, DPR, Mahkamah Agung, KPU, ...; state Islamic
universities for Kementerian Agama) from `extraction/data/state_institutions.yaml`; a ministry
by its first field ("Kementerian Desa"); partners told after the agreement (a passive extension,
"antara Pemerintah Indonesia dan F", an extension up to a year); foreign bodies named in
Indonesian with "dan" in the name or "Departemen", and in English after a country or demonym
("Japan Coast Guard", "Australian Federal Police"); a dateline without its year; an evaluation
that opens its sentence.

Every sentence here was written for these tests; none is copied from a dev item.
"""

from datetime import date

import pytest
import yaml

from mitra.bodies.gazetteer import all_bodies
from mitra.intake.extraction import extract
from mitra.intake.extraction.bodies import (
    STATE_INSTITUTIONS_FILE,
    default_gazetteer,
    state_institutions,
)
from mitra.intake.extraction.names import english_name_of_a_country

from .family_items import agreements, attending, event_types, foreign, government, record


# -- 1. two parties joined as the subject of a signing -------------------------------------
@pytest.mark.parametrize(
    ("body", "body_name", "partner"),
    [
        ("Bank Indonesia dan Bank Dunia menandatangani nota kesepahaman tentang sistem "
         "pembayaran.", "Bank Indonesia", "Bank Dunia"),
        ("Otoritas Jasa Keuangan dan Asian Development Bank menandatangani memorandum saling "
         "pengertian di Jakarta.", "Otoritas Jasa Keuangan", "Asian Development Bank"),
        ("Badan Pusat Statistik bersama UNFPA menandatangani perjanjian kerja sama sensus "
         "penduduk.", "Badan Pusat Statistik", "UNFPA"),
        ("Badan Gizi Nasional serta WFP menandatangani nota kesepahaman.",
         "Badan Gizi Nasional", "WFP"),
        ("Lembaga Penjamin Simpanan dan Korea Deposit Insurance Corporation menandatangani "
         "nota kesepahaman.", "Lembaga Penjamin Simpanan", "Korea Deposit Insurance Corporation"),
        ("OJK bersama dengan International Finance Corporation (IFC) meneken nota kesepahaman "
         "keuangan hijau.", "Otoritas Jasa Keuangan", "International Finance Corporation"),
        ("Basarnas dan Japan Coast Guard menandatangani nota kesepahaman pencarian dan "
         "pertolongan.", "Badan Nasional Pencarian dan Pertolongan", "Japan Coast Guard"),
    ],
)  # fmt: skip
def test_two_parties_joined_as_the_subject_of_a_signing(body, body_name, partner):
    result = record(body)
    assert result["government_parties"] == [body_name]
    assert [a["partner"].split(" (")[0] for a in result["agreements"]] == [partner]
    assert result["agreements"][0]["government_party"] == body_name
    assert "signing" in result["event_types"]


@pytest.mark.parametrize(
    ("body", "body_name", "partner"),
    [
        # the first word of the body opens the second one: both sides, not one foreign name
        ("Kejaksaan Agung dan Kejaksaan Agung Tiongkok menandatangani nota kesepahaman.",
         "Kejaksaan Agung Republik Indonesia", "Kejaksaan Agung Tiongkok"),
        ("Mahkamah Agung RI dan Mahkamah Agung Belanda meneken nota kesepahaman kerja sama "
         "peradilan.", "Mahkamah Agung", "Mahkamah Agung Belanda"),
        # more words after "dan" than the fields of one ministry: a second body
        ("Komisi Pemberantasan Korupsi dan Corrupt Practices Investigation Bureau Singapura "
         "menandatangani nota kesepahaman.", "Komisi Pemberantasan Korupsi",
         "Corrupt Practices Investigation Bureau Singapura"),
        ("BPK dan Badan Pemeriksa Keuangan Korea Selatan menandatangani MoU.",
         "Badan Pemeriksa Keuangan", "Badan Pemeriksa Keuangan Korea Selatan"),
    ],
)  # fmt: skip
def test_an_indonesian_body_and_its_foreign_namesake(body, body_name, partner):
    result = record(body)
    assert result["government_parties"] == [body_name]
    assert result["foreign_parties"] == [partner]


def test_the_fields_of_one_foreign_ministry_still_join():
    body = "BNPB bekerja sama dengan Kementerian Luar Negeri dan Perdagangan Selandia Baru."
    assert government(body) == ["Badan Nasional Penanggulangan Bencana"]
    assert foreign(body) == ["Kementerian Luar Negeri dan Perdagangan Selandia Baru"]


# -- 2. state institutions that are not ministries --------------------------------------------
@pytest.mark.parametrize(
    ("body", "body_name"),
    [
        ("Otoritas Jasa Keuangan (OJK) menjalin kerja sama dengan Bank Dunia dalam keuangan "
         "berkelanjutan.", "Otoritas Jasa Keuangan"),
        ("Lembaga Penjamin Simpanan bekerja sama dengan Korea Deposit Insurance Corporation.",
         "Lembaga Penjamin Simpanan"),
        ("Dewan Perwakilan Rakyat menerima delegasi Parlemen Jepang.", "Dewan Perwakilan Rakyat"),
        ("BKSAP DPR RI menerima kunjungan Inter-Parliamentary Union (IPU).",
         "Dewan Perwakilan Rakyat"),
        ("Komisi Pemilihan Umum menerima kunjungan delegasi International IDEA.",
         "Komisi Pemilihan Umum"),
        ("Bawaslu bekerja sama dengan International IDEA dalam pengawasan pemilu.",
         "Badan Pengawas Pemilihan Umum"),
        ("Mahkamah Konstitusi RI menerima kunjungan Venice Commission.", "Mahkamah Konstitusi"),
        ("KPPU menandatangani nota kesepahaman dengan Japan Fair Trade Commission.",
         "Komisi Pengawas Persaingan Usaha"),
        ("Baznas bekerja sama dengan UNHCR dalam bantuan pengungsi.",
         "Badan Amil Zakat Nasional"),
        ("BRGM bekerja sama dengan Wetlands International dalam rehabilitasi mangrove.",
         "Badan Restorasi Gambut dan Mangrove"),
    ],
)  # fmt: skip
def test_a_state_institution_is_a_government_party(body, body_name):
    assert government(body) == [body_name]


def test_state_institutions_attend_by_name_and_acronym():
    body = (
        "Kegiatan yang digelar Kementerian Keuangan bersama Bank Dunia turut dihadiri Badan "
        "Pemeriksa Keuangan, Bank Indonesia, OJK dan Lembaga Penjamin Simpanan."
    )
    assert government(body) == ["Kementerian Keuangan"]
    assert attending(body) == [
        "Badan Pemeriksa Keuangan",
        "Bank Indonesia",
        "Otoritas Jasa Keuangan",
        "Lembaga Penjamin Simpanan",
    ]


@pytest.mark.parametrize(
    ("day", "body_name"),
    [
        ("4/3/2019", "Lembaga Ilmu Pengetahuan Indonesia"),
        # integrated into BRIN in 2021: a later mention stands for its successor
        ("4/3/2023", "Badan Riset dan Inovasi Nasional"),
    ],
)
def test_an_integrated_research_agency_by_the_date(day, body_name):
    body = f"LIPI menandatangani nota kesepahaman dengan CSIRO pada Senin ({day})."
    assert government(body) == [body_name]


@pytest.mark.parametrize(
    "body",
    [
        "Standard Chartered Bank Indonesia bekerja sama dengan UNICEF dalam literasi keuangan.",
        "HSBC Bank Indonesia bekerja sama dengan UNICEF dalam literasi keuangan.",
    ],
)
def test_a_company_named_bank_indonesia_is_not_the_central_bank(body):
    assert "Bank Indonesia" not in government(body)


@pytest.mark.parametrize(
    "body",
    [
        "Deputi Gubernur Bank Indonesia menerima kunjungan Bank Dunia.",
        "Kepala Departemen Komunikasi Bank Indonesia bertemu dengan Bank Dunia.",
        "Bank Indonesia menerima kunjungan Bank Dunia di Jakarta.",
    ],
)
def test_the_central_bank_under_its_officials(body):
    assert government(body) == ["Bank Indonesia"]


@pytest.mark.parametrize(
    "body",
    [
        "UIN Sunan Kalijaga Yogyakarta menandatangani nota kesepahaman dengan Leiden University.",
        "Universitas Islam Negeri Syarif Hidayatullah menjalin kerja sama dengan Al-Azhar "
        "University.",
        "IAIN Ambon menerima kunjungan delegasi Nanyang Technological University.",
    ],
)
def test_a_state_islamic_university_stands_for_the_ministry_of_religious_affairs(body):
    assert government(body) == ["Kementerian Agama"]


def test_every_state_institution_names_its_legal_basis_and_is_new_to_the_registry():
    rows = yaml.safe_load(STATE_INSTITUTIONS_FILE.read_text(encoding="utf-8"))
    assert all(row.get("basis") for row in rows)
    codes = [row["code"] for row in rows]
    assert len(codes) == len(set(codes))
    registry = {entry.key for entry in all_bodies()}
    assert not set(codes) & registry  # moved into the registry: deleted from the file
    loaded = {entry.key for entry in state_institutions()}
    assert loaded == set(codes)
    gazetteer = default_gazetteer()
    for entry in state_institutions():
        if entry.parent:
            assert gazetteer.get(entry.parent) is not None, entry.key


def test_the_short_forms_that_are_other_things_do_not_match_alone():
    # "DPD" of a party, "KPI" as an indicator, "KIP" as a student card
    found = default_gazetteer().find("DPD Partai Golkar meninjau KPI dan penyaluran KIP.")
    assert found == []


# -- a ministry by its first field -----------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "body_name"),
    [
        ("Kementerian Desa menandatangani nota kesepahaman dengan IFAD pada Senin (4/3/2019).",
         "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi"),
        ("Kementerian Kelautan bekerja sama dengan FAO dalam perikanan berkelanjutan.",
         "Kementerian Kelautan dan Perikanan"),
        ("Kementerian Energi menjalin kerja sama dengan IRENA.",
         "Kementerian Energi dan Sumber Daya Mineral"),
        ("Pada Selasa (5/3/2019) Kementerian Lingkungan Hidup bekerja sama dengan UNEP.",
         "Kementerian Lingkungan Hidup dan Kehutanan"),
    ],
)  # fmt: skip
def test_a_ministry_by_its_first_field(body, body_name):
    assert government(body) == [body_name]


def test_a_foreign_ministry_by_its_first_field_stays_foreign():
    body = "Kemendikbud bekerja sama dengan Kementerian Pendidikan Jepang dalam beasiswa."
    assert government(body) == ["Kementerian Pendidikan dan Kebudayaan"]
    assert foreign(body) == ["Kementerian Pendidikan Jepang"]


# -- 3. partners told with or after the agreement --------------------------------------------
@pytest.mark.parametrize(
    ("body", "partner", "end_year"),
    [
        ("Kerja sama antara Bappenas dan GIZ diperpanjang hingga tahun 2027.", "GIZ", 2027),
        ("Nota kesepahaman antara Pemkot Bandung dan Kota Braunschweig diperbarui untuk lima "
         "tahun.", "Kota Braunschweig", None),
        ("Kemitraan Kemenkes dengan WHO resmi diperpanjang sampai 2026.", "WHO", 2026),
        ("Pemerintah Kota Bandung memperpanjang kerja sama dengan Kota Hamamatsu hingga 2028.",
         "Kota Hamamatsu", 2028),
    ],
)  # fmt: skip
def test_an_extension_told_in_the_passive_or_up_to_a_year(body, partner, end_year):
    result = record(body)
    assert "extension" in result["event_types"]
    assert [a["partner"] for a in result["agreements"]] == [partner]
    assert result["agreements"][0]["end_year"] == end_year


@pytest.mark.parametrize(
    "body",
    [
        "Pembahasan kerja sama dengan UNICEF dilanjutkan dengan kunjungan lapangan.",
        "Kerja sama dengan JICA akan diperpanjang tahun depan.",
    ],
)
def test_a_follow_up_or_a_planned_extension_is_no_extension(body):
    assert "extension" not in record(body)["event_types"]


@pytest.mark.parametrize(
    ("body", "partner", "document_type"),
    [
        ("Pertemuan membahas implementasi Country Programme Action Plan (CPAP) antara "
         "Pemerintah Indonesia dan UNDP 2021-2025.", "UNDP", "other"),
        ("Pemerintah Indonesia dan UNICEF menandatangani rencana kerja tahunan.", "UNICEF",
         "other"),
        ("Indonesia dan FAO menandatangani Letter of Intent di Roma.", "FAO", "LoI"),
        ("Nota kesepahaman antara Pemerintah RI dengan WFP ditandatangani di Jakarta.", "WFP",
         "MoU"),
    ],
)  # fmt: skip
def test_the_other_side_of_indonesia_in_an_agreement(body, partner, document_type):
    found = agreements(body)
    assert [a["partner"] for a in found] == [partner]
    assert found[0]["document_type"] == document_type


@pytest.mark.parametrize(
    "body",
    [
        # two partners listed, neither of them Indonesia
        "UNICEF Indonesia dan UNDP menandatangani rencana kerja bersama.",
        # Indonesia paired with a partner, but no agreement in the sentence
        "Pemerintah Indonesia dan UNICEF terus memperhatikan gizi anak.",
    ],
)
def test_no_partner_of_indonesia_without_an_agreement_or_with_a_named_side(body):
    result = record(body)
    assert "UNDP" not in [a["partner"] for a in result["agreements"]]
    if "memperhatikan" in body:
        assert result["foreign_parties"] == []


# -- 4. foreign bodies named in Indonesian or in English after their country ----------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Kemenlu menandatangani nota kesepahaman dengan Kementerian Luar Negeri dan "
         "Perdagangan Australia.", "Kementerian Luar Negeri dan Perdagangan Australia"),
        ("Kementerian Pertanian bekerja sama dengan Departemen Pertanian Amerika Serikat.",
         "Departemen Pertanian Amerika Serikat"),
        ("Polri bekerja sama dengan Australian Federal Police dalam penanggulangan terorisme.",
         "Australian Federal Police"),
        ("Bakamla bersama Australian Border Force menandatangani letter of intent.",
         "Australian Border Force"),
        ("Badan Pangan Nasional menerima kunjungan delegasi US Department of Agriculture.",
         "US Department of Agriculture"),
        ("KLHK bekerja sama dengan Korea Forest Service dalam restorasi hutan.",
         "Korea Forest Service"),
        ("Basarnas menerima kunjungan Japan Coast Guard di Jakarta.", "Japan Coast Guard"),
        ("Kemenkes bekerja sama dengan Swiss Tropical and Public Health Institute.",
         "Swiss Tropical and Public Health Institute"),
    ],
)  # fmt: skip
def test_a_foreign_body_named_after_its_country(body, name):
    assert foreign(body) == [name]


@pytest.mark.parametrize(
    "name",
    [
        "Japanese Ambassador",  # a title, not an organization
        "Brunei Darussalam",  # a country (the country rule reads it)
        "Korea Selatan",
        "Singapore Bahas",  # a headline verb after the country
        "Australian",
        "Japan Indonesia Friendship Association",  # "Indonesia" keeps it out
    ],
)
def test_a_country_lead_does_not_make_every_run_an_organization(name):
    assert not english_name_of_a_country(name)


def test_a_country_lead_makes_an_english_name_foreign():
    assert english_name_of_a_country("New Zealand Customs Service")
    assert english_name_of_a_country("Singapore Police Force")


# -- 5. a dateline without its year ----------------------------------------------------------
HEAD = "https://contoh.go.id/berita/8\nKementerian Kesehatan dan UNICEF Perkuat Kerja Sama\n"
BODY = "Kementerian Kesehatan bekerja sama dengan UNICEF dalam program imunisasi nasional."


@pytest.mark.parametrize(
    "dateline",
    ["JAKARTA (4/3) — ", "Jakarta, Senin (4/3) – ", "Jakarta, 4 Maret - ", "Kupang (4/3) | "],
)
def test_a_dateline_without_year_takes_the_year_of_a_full_date(dateline):
    result = extract(HEAD + dateline + BODY + " Program dimulai pada 1 Januari 2024.")
    assert result.published == date(2024, 3, 4)


@pytest.mark.parametrize(
    ("dateline", "tail"),
    [
        # the weekday does not fit 4 March 2024 (a Monday)
        ("Jakarta, Selasa (4/3) – ", " Program dimulai pada 1 Januari 2024."),
        # no full date in the text: no year to take
        ("JAKARTA (4/3) — ", ""),
    ],
)
def test_a_dateline_without_year_needs_a_year_that_fits(dateline, tail):
    assert extract(HEAD + dateline + BODY + tail).published is None


# -- 6. an evaluation that opens its sentence ---------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Monitoring dan evaluasi kerja sama Kemenko PMK dengan Friedrich-Ebert-Stiftung digelar "
        "di Jakarta.",
        "Pemantauan dan evaluasi pelaksanaan kerja sama Bappenas dengan GIZ berlangsung selama "
        "dua hari.",
        "Evaluasi program kerja sama Pemprov NTT dengan UNICEF dilaksanakan di Kupang.",
    ],
)
def test_an_evaluation_as_the_subject_of_an_event_verb(body):
    assert "evaluation" in event_types(body)


@pytest.mark.parametrize(
    "body",
    [
        "Evaluasi menunjukkan bahwa kerja sama Bappenas dengan GIZ berlangsung baik.",
        "Program kerja sama Bappenas dengan GIZ dilaksanakan dengan evaluasi berkala.",
    ],
)
def test_an_evaluation_that_is_not_the_event(body):
    assert "evaluation" not in event_types(body)


# -- 5b. a date line with its place, a breadcrumb, the site as byline -------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Jakarta, 4 Maret 2024",
        "JAKARTA - Senin (4/3/2024)",
        "Kupang, Senin, 4 Maret 2024",
        "Beranda / Berita / 4 Maret 2024",
        "Home » Berita » Senin, 4 Maret 2024",
        "Kemenkes.go.id - 4 Maret 2024",
    ],
)
def test_a_date_line_with_its_place_or_in_a_breadcrumb(line):
    result = extract(HEAD + line + "\n" + BODY)
    assert result.published == date(2024, 3, 4)


def test_a_place_line_without_a_date_gives_no_publication_date():
    assert extract(HEAD + "Jakarta, Kemenkes\n" + BODY).published is None


# -- 7. the office of a national body in a region is not the region's government -------------
@pytest.mark.parametrize(
    ("body", "body_name", "not_a_party"),
    [
        ("Kepala Kantor Perwakilan Bank Indonesia Provinsi Bali bertemu dengan UNDP.",
         "Bank Indonesia", "Pemerintah Provinsi Bali"),
        ("Kanwil Kemenag Provinsi Nusa Tenggara Barat bekerja sama dengan UNICEF.",
         "Kementerian Agama", "Pemerintah Provinsi Nusa Tenggara Barat"),
    ],
)  # fmt: skip
def test_the_regional_office_of_a_national_body(body, body_name, not_a_party):
    result = record(body)
    assert result["government_parties"] == [body_name]
    assert not_a_party not in result["attending_agencies"]


def test_a_regional_unit_after_a_field_ministry_still_names_the_region():
    # "Dinas PUPR NTB": the province's office named after the ministry's field
    assert government("Kepala Dinas PUPR NTB bertemu dengan perwakilan JICA.") == [
        "Pemerintah Provinsi Nusa Tenggara Barat"
    ]


# -- 8. the organiser told in the passive, and its partner ---------------------------------
@pytest.mark.parametrize(
    ("body", "body_name", "partner"),
    [
        ("Acara yang diselenggarakan BNPB bersama USAID ini menghadirkan narasumber dari "
         "Basarnas.", "Badan Nasional Penanggulangan Bencana", "USAID"),
        ("Kegiatan yang digelar Kementerian Keuangan bersama Bank Dunia turut dihadiri BPK.",
         "Kementerian Keuangan", "Bank Dunia"),
        ("Lokakarya ini dilaksanakan oleh Pemerintah Provinsi Bali dengan UNDP di Denpasar.",
         "Pemerintah Provinsi Bali", "UNDP"),
        # a demonstrative after the joint subject is no predicate
        ("Kegiatan Pemprov Bali bersama UNDP tersebut turut mengundang BRIN.",
         "Pemerintah Provinsi Bali", "UNDP"),
    ],
)  # fmt: skip
def test_the_organiser_in_the_passive_and_its_partner(body, body_name, partner):
    result = record(body)
    assert result["government_parties"] == [body_name]
    assert result["foreign_parties"] == [partner]


# -- 9. a foreign government paired with Indonesia in one word -------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Program SKALA merupakan kemitraan Pemerintah Australia-Indonesia yang mendukung "
         "tata kelola daerah.", "Pemerintah Australia"),
        ("Kemenkes bekerja sama dengan Kedutaan Besar Jepang-RI dalam pelatihan perawat.",
         "Kedutaan Besar Jepang"),
    ],
)  # fmt: skip
def test_a_foreign_government_paired_with_indonesia_drops_the_pair(body, name):
    assert foreign(body) == [name]


# -- 10. meeting in person at an embassy, a command centre, in the field ---------------------
@pytest.mark.parametrize(
    "body",
    [
        "Penandatanganan berlangsung di Kedutaan Besar Jepang di Jakarta.",
        "Pertemuan dengan UNDP dilaksanakan di KBRI Tokyo.",
        "Acara dilaksanakan di Command Center Pemkot Semarang.",
        "Delegasi JICA meninjau lokasi proyek di Desa Sukamaju.",
        "Tim UNICEF melakukan site visit ke puskesmas di Kabupaten Sumba Timur.",
    ],
)
def test_meeting_in_person_at_an_embassy_or_in_the_field(body):
    assert record(body)["meeting_mode"] == "offline"
