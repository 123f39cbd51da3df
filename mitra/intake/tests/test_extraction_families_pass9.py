"""Phrase families of the ninth pass (issue 12), found on text no one tuned on: an agreement's
years told in the sentence after it; one-year work plans; documents told as history or as a
plan (and verbs that only look like events); a document's name taken for a partner; the
foreign side's English titles and a unit head whose ministry is named before; person names,
headline verbs and governments written twice in foreign names; the meeting mode of the event
and not of something beside it; a dateline's city; regional offices listed with their regions.

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from .family_items import (
    agreements,
    attending,
    event_types,
    foreign,
    government,
    headed,
    record,
    signatories,
)

HEADLINE = "Kerja Sama Baru Diteken di Jakarta Hari Ini"


def _terms(body: str) -> list[tuple]:
    return [
        (a["partner"], a["document_type"], a["start_year"], a["end_year"], a["duration_years"])
        for a in agreements(body)
    ]


# -- 1. the years of an agreement told in the sentence after it ------------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Pembaruan nota kesepahaman antara Pemerintah Kota Surabaya dan Kota Kitakyushu "
         "ditandatangani di Balai Kota. Dengan pembaruan tersebut, kerja sama diperpanjang untuk "
         "periode 2024 hingga 2027.", ("Kota Kitakyushu", "MoU", 2024, 2027, None)),
        ("Perjanjian hibah antara Kementerian Kesehatan dan UNICEF ditandatangani di Jakarta. "
         "Hibah berlaku selama dua tahun, 2022-2024.", ("UNICEF", "other", 2022, 2024, 2)),
        ("Kementerian Pertanian dan FAO menandatangani perjanjian kerja sama di Bogor. Masa "
         "berlakunya lima tahun, dari 2023 sampai 2028.", ("FAO", "PKS", 2023, 2028, 5)),
        ("BNPB dan JICA menandatangani perjanjian hibah peralatan. Grant tersebut berlaku untuk "
         "periode 2025-2027.", ("JICA", "other", 2025, 2027, None)),
    ],
)  # fmt: skip
def test_the_term_in_the_sentence_after_the_document(body, expected):
    assert _terms(body) == [expected]


def test_with_several_partners_the_sentence_that_names_one_document_gives_its_term():
    body = (
        "BNPB menandatangani perjanjian hibah dengan USAID serta nota kesepahaman dengan UNDP. "
        "Hibah itu berlaku selama tiga tahun, 2022-2025."
    )
    assert _terms(body) == [("USAID", "other", 2022, 2025, 3), ("UNDP", "MoU", None, None, None)]


def test_with_several_partners_a_term_of_no_named_document_is_given_to_none():
    body = (
        "BNPB menandatangani perjanjian hibah dengan USAID serta nota kesepahaman dengan UNDP. "
        "Kerja sama berlaku untuk periode 2022-2025."
    )
    assert [(a["start_year"], a["end_year"]) for a in agreements(body)] == [(None, None)] * 2


def test_a_witness_list_is_not_the_other_side():
    body = (
        "BNPB dan USAID menandatangani perjanjian hibah, disaksikan oleh UNDP dan WFP. Hibah itu "
        "berlaku selama tiga tahun, 2022-2025."
    )
    assert foreign(body) == ["USAID"]
    assert _terms(body) == [("USAID", "other", 2022, 2025, 3)]


# -- 2. one-year work plans -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "year"),
    [
        ("Kementerian Pertanian dan FAO menandatangani Rencana Kerja Tahun 2025 di Jakarta.", 2025),
        ("Bappenas dan UNDP menyepakati Annual Work Plan 2023 untuk program tata kelola.", 2023),
        ("Kementerian Kesehatan dan WHO menandatangani rencana kerja tahunan 2024.", 2024),
        ("Kemendagri dan UNICEF menandatangani Rencana Kerja Tahunan (RKT) 2026.", 2026),
        ("BKKBN dan UNFPA menandatangani work plan for 2022 di Jakarta.", 2022),
    ],
)  # fmt: skip
def test_a_one_year_work_plan_runs_that_year(body, year):
    [found] = agreements(body)
    assert (found["document_type"], found["start_year"], found["end_year"]) == (
        "other",
        year,
        year,
    )
    assert found["duration_years"] is None


@pytest.mark.parametrize(
    ("body", "years"),
    [
        ("Kementerian Kesehatan dan WHO menandatangani Rencana Kerja 2024-2025.", (2024, 2025)),
        # the government's own plan is no work plan of the partners
        ("Kementerian Kesehatan dan WHO menandatangani nota kesepahaman yang selaras dengan "
         "Rencana Kerja Pemerintah 2025.", (None, None)),
    ],
)  # fmt: skip
def test_a_work_plan_over_years_and_the_governments_plan(body, years):
    [found] = agreements(body)
    assert (found["start_year"], found["end_year"]) == years


# -- 3. documents told as history or as a plan -------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Kesehatan menerima kunjungan UNICEF di Jakarta. Kerja sama kedua pihak "
        "dilandasi MoU yang ditandatangani pada 2015 dan diperpanjang pada 2019.",
        "Bupati Sleman menerima kunjungan JICA. Nota kesepahaman keduanya telah diperpanjang dua "
        "tahun lalu.",
        "Gubernur Bali menerima delegasi UNDP. MoU kedua pihak yang sudah diperbarui pada tahun "
        "2020 menjadi dasar pertemuan.",
    ],
)
def test_an_extension_told_as_history_is_no_event_and_no_agreement(body):
    result = record(body)
    assert "extension" not in result["event_types"]
    assert result["agreements"] == []


@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Pertanian menerima delegasi FAO di Jakarta. MoU direncanakan ditandatangani "
        "pada awal 2026.",
        "Pemerintah Provinsi Bali bertemu dengan UNDP. Kedua pihak menargetkan MoU dapat "
        "ditandatangani tahun depan.",
        "BNPB bertemu dengan USAID di Jakarta. Nota kesepahaman akan ditandatangani pada bulan "
        "Juni untuk periode 2026-2030.",
        "Kemenkes menerima kunjungan WHO. Perjanjian kerja sama dijadwalkan ditandatangani bulan "
        "depan.",
    ],
)
def test_a_document_planned_is_no_agreement_of_the_event(body):
    result = record(body)
    assert "signing" not in result["event_types"]
    assert result["agreements"] == []


@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Kesehatan dan WHO menandatangani nota kesepahaman. Kerja sama ini dapat "
        "diperpanjang atas kesepakatan kedua pihak.",
        "Pemkab Sleman dan JICA menandatangani perjanjian kerja sama yang bisa diperbarui setiap "
        "tiga tahun.",
    ],
)
def test_a_clause_that_allows_an_extension_is_no_extension(body):
    result = record(body)
    assert result["event_types"] == ["signing"]
    assert len(result["agreements"]) == 1


def test_the_term_in_a_clause_sentence_is_kept():
    body = (
        "Kementerian Pertanian dan FAO menandatangani nota kesepahaman. Kerja sama berlaku "
        "selama tiga tahun dan dapat diperpanjang."
    )
    assert _terms(body) == [("FAO", "MoU", None, None, 3)]


@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Luar Negeri dan Pemerintah Jepang melanjutkan perundingan perjanjian "
        "kemitraan ekonomi.",
        "Kemendag dan Kementerian Perdagangan Korea Selatan melanjutkan negosiasi perjanjian "
        "dagang.",
    ],
)
def test_carrying_on_a_negotiation_is_no_extension(body):
    types = event_types(body)
    assert "extension" not in types
    assert "negotiation" in types


def test_the_document_negotiated_is_the_partners_agreement():
    body = (
        "Kementerian Luar Negeri dan Pemerintah Jepang melanjutkan perundingan perjanjian "
        "kemitraan ekonomi."
    )
    assert _terms(body) == [("Pemerintah Jepang", None, None, None, None)]


def test_a_tally_of_past_signings_is_no_signing():
    body = (
        "Gubernur Jawa Timur menerima Duta Besar Australia. Jawa Timur sudah menandatangani 14 "
        "kesepakatan bersama dengan mitra luar negeri."
    )
    result = record(body)
    assert result["event_types"] == ["meeting"]
    assert result["agreements"] == []


def test_a_project_that_ended_gives_no_term():
    body = (
        "Bappenas dan JICA menandatangani nota kesepahaman baru, melanjutkan proyek 2017-2020 "
        "yang telah selesai."
    )
    assert _terms(body) == [("JICA", "MoU", None, None, None)]


@pytest.mark.parametrize(
    ("body", "types"),
    [
        # the extension of now, with its earlier end told after it
        ("Kemenkes dan UNICEF memperpanjang MoU yang berakhir pada 2023.", ["extension"]),
        ("Perpanjangan nota kesepahaman antara Kemenkes dan UNICEF, yang sebelumnya berakhir "
         "pada 2023, ditandatangani di Jakarta.", ["extension", "signing"]),
        # two documents signed at the event
        ("Kemenkes menandatangani dua nota kesepahaman dengan WHO di Jenewa.", ["signing"]),
    ],
)  # fmt: skip
def test_what_happens_now_still_counts(body, types):
    assert event_types(body) == types


# -- 4. a document's name is no partner -------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "partner"),
    [
        ("BMKG dan Korea Meteorological Administration menandatangani Memorandum of Cooperation "
         "on Meteorology.", "Korea Meteorological Administration"),
        ("Kementerian Perhubungan menandatangani Memorandum of Cooperation (MoC) dengan "
         "Kementerian Pertanahan, Infrastruktur, Transportasi dan Pariwisata Jepang.",
         "Kementerian Pertanahan, Infrastruktur, Transportasi dan Pariwisata Jepang"),
        ("Kementerian PUPR dan JICA menandatangani Record of Discussion (RoD) proyek bendungan.",
         "JICA"),
        ("Pemerintah Provinsi Bali menandatangani Letter of Intent (LoI) bersama Queensland "
         "University of Technology.", "Queensland University of Technology"),
    ],
)  # fmt: skip
def test_a_documents_name_is_never_a_party(body, partner):
    result = record(body)
    assert result["foreign_parties"] == [partner]
    assert [a["partner"] for a in result["agreements"]] == [partner]


def test_a_document_named_in_the_headline_is_no_party():
    result = headed(
        "Record of Discussion Proyek Bendungan Diteken",
        "Kementerian PUPR dan JICA menandatangani Record of Discussion proyek bendungan.",
    )
    assert result["foreign_parties"] == ["JICA"]


def test_a_foreign_ministry_with_commas_after_an_indonesian_one():
    body = (
        "Kementerian Perhubungan dan Kementerian Pertanahan, Infrastruktur, Transportasi dan "
        "Pariwisata Jepang menandatangani nota kerja sama di Tokyo."
    )
    assert foreign(body) == [
        "Kementerian Pertanahan, Infrastruktur, Transportasi dan Pariwisata Jepang"
    ]


# -- 5. signatories ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Nota kesepahaman antara Kementerian Keuangan dan KfW ditandatangani oleh Sekretaris "
         "Jenderal Kementerian Keuangan dan Director, KfW Office Jakarta.", ("Director", "KfW")),
        ("BRIN dan CSIRO menandatangani nota kesepahaman. Dokumen itu ditandatangani oleh "
         "Kepala BRIN dan Chief Executive CSIRO.", ("Chief Executive", "CSIRO")),
        ("OJK dan Japan Financial Services Agency (JFSA) meneken MoC yang ditandatangani oleh "
         "Ketua Dewan Komisioner OJK dan Commissioner JFSA.",
         ("Commissioner", "Japan Financial Services Agency (JFSA)")),
        ("Pemerintah Provinsi Jawa Tengah dan Pemerintah Negara Bagian South Australia "
         "menandatangani MoU yang ditandatangani oleh Gubernur Jawa Tengah dan Minister for Trade "
         "and Investment South Australia.",
         ("Minister for Trade and Investment", "Pemerintah Negara Bagian South Australia")),
        ("Bappenas dan UNDP menandatangani perjanjian yang ditandatangani oleh Deputi Bidang "
         "Ekonomi Bappenas dan Country Director UNDP Indonesia.", ("Country Director", "UNDP")),
        ("Kementerian Keuangan dan Asian Development Bank (ADB) menandatangani perjanjian "
         "pinjaman, ditandatangani oleh Direktur Jenderal Pajak dan Resident Representative ADB.",
         ("Resident Representative", "Asian Development Bank (ADB)")),
    ],
)  # fmt: skip
def test_the_foreign_sides_english_title_before_its_organization(body, expected):
    assert expected in signatories(body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Kemendikbudristek melalui Direktorat Jenderal Pendidikan Tinggi menandatangani nota "
         "kesepahaman dengan British Council yang ditandatangani oleh Direktur Jenderal "
         "Pendidikan Tinggi dan Country Director British Council.",
         ("Direktur Jenderal Pendidikan Tinggi",
          "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi")),
        ("KLHK melalui Direktorat Jenderal Pengendalian Perubahan Iklim menandatangani "
         "perjanjian dengan UNDP, ditandatangani oleh Direktur Jenderal Pengendalian Perubahan "
         "Iklim dan UNDP Resident Representative.",
         ("Direktur Jenderal Pengendalian Perubahan Iklim",
          "Kementerian Lingkungan Hidup dan Kehutanan")),
    ],
)  # fmt: skip
def test_a_unit_head_signs_for_the_ministry_named_before_him(body, expected):
    assert expected in signatories(body)


def test_a_unit_head_with_two_ministries_before_him_is_left_out():
    body = (
        "Kemenkes dan Kemendagri menandatangani nota kesepahaman dengan UNICEF yang "
        "ditandatangani oleh Direktur Jenderal Pelayanan Dasar."
    )
    assert all(title != "Direktur Jenderal Pelayanan Dasar" for title, _ in signatories(body))


@pytest.mark.parametrize(
    "body",
    [
        "Pemerintah Kabupaten Sleman dan Universitas Gadjah Mada menandatangani nota "
        "kesepahaman yang ditandatangani oleh Bupati Sleman dan Rektor UGM.",
        "Pemprov Jawa Barat dan Kejaksaan Tinggi Jawa Barat menandatangani perjanjian kerja "
        "sama yang ditandatangani oleh Gubernur Jawa Barat.",
    ],
)
def test_a_domestic_signing_has_no_signatories(body):
    result = record(body)
    assert result["foreign_parties"] == []
    assert result["signatories"] == []


@pytest.mark.parametrize(
    "second",
    [
        "Menteri Kesehatan dalam sambutannya pada penandatanganan tersebut mengatakan kerja sama "
        "ini penting.",
        '"Kerja sama ini penting," kata Menteri Kesehatan usai penandatanganan.',
        "Dalam sambutannya pada acara penandatanganan, Kepala Perwakilan WHO menyampaikan "
        "apresiasi.",
        "Menteri Kesehatan menyampaikan apresiasi atas penandatanganan MoU tersebut.",
    ],
)
def test_someone_who_only_spoke_is_no_signatory(second):
    body = "Kementerian Kesehatan dan WHO menandatangani nota kesepahaman. " + second
    assert signatories(body) == []


def test_signers_who_also_speak_still_sign():
    body = (
        "Menteri Kesehatan dan Kepala Perwakilan WHO menandatangani nota kesepahaman dan "
        "menyampaikan harapan."
    )
    assert signatories(body) == [
        ("Menteri Kesehatan", "Kementerian Kesehatan"),
        ("Kepala Perwakilan", "WHO"),
    ]


# -- 6. foreign names --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Pemerintah Kota Surabaya menjalin kerja sama dengan Kota Kitakyushu Kenji Morimoto dalam "
        "pengelolaan sampah.",
        "Wali Kota Surabaya menerima kunjungan Wali Kota Kitakyushu Kenji Kitahashi untuk "
        "membahas kerja sama lingkungan. Kitahashi mengapresiasi Surabaya.",
        "Pemerintah Kota Surabaya dan Kota Kitakyushu memperbarui nota kesepahaman. Wali Kota "
        "Kitakyushu Kenji Kitahashi hadir di Surabaya.",
    ],
)
def test_a_persons_name_after_a_foreign_city_is_not_part_of_it(body):
    assert foreign(body) == ["Kota Kitakyushu"]


@pytest.mark.parametrize(
    "place",
    ["Negara Bagian New South Wales", "Kota Ho Chi Minh", "Provinsi Jeolla Selatan, Korea Selatan"],
)
def test_place_names_of_several_words_stay_whole(place):
    body = f"Pemerintah Kota Surabaya menjalin kerja sama dengan {place} dalam pengelolaan sampah."
    assert foreign(body) == [place.split(",")[0]]


@pytest.mark.parametrize(
    ("headline", "body", "partners"),
    [
        ("Menlu Terima Duta Besar Australia",
         "Menteri Luar Negeri menerima Duta Besar Australia untuk Indonesia di Jakarta. "
         "Keduanya membahas kerja sama maritim.", ["Australia"]),
        ("Gubernur Jatim Sambut Konsul Jenderal Jepang",
         "Gubernur Jawa Timur menerima kunjungan Konsul Jenderal Jepang di Surabaya.",
         ["Jepang"]),
        ("Kemenkes Gandeng UNICEF Perkuat Imunisasi",
         "Kementerian Kesehatan bekerja sama dengan UNICEF dalam program imunisasi.",
         ["UNICEF"]),
        ("Temui Wakil Presiden Bank Dunia, Menkeu Bahas Pembiayaan",
         "Menteri Keuangan bertemu Wakil Presiden Bank Dunia di Washington.", ["Bank Dunia"]),
        ("Kunjungi Jepang, Gubernur Jabar Jajaki Kerja Sama dengan Prefektur Shizuoka",
         "Gubernur Jawa Barat mengunjungi Prefektur Shizuoka, Jepang.", ["Prefektur Shizuoka"]),
        ("Kerja Sama Kelautan Indonesia dan Korea Diperkuat",
         "KKP menandatangani nota kesepahaman dengan Kementerian Kelautan dan Perikanan Republik "
         "Korea di Jakarta.", ["Kementerian Kelautan dan Perikanan Republik Korea"]),
        ("Kerja Sama Iklim Indonesia Norwegia Diperpanjang",
         "KLHK bekerja sama dengan Pemerintah Kerajaan Norwegia dalam pengurangan emisi.",
         ["Pemerintah Kerajaan Norwegia"]),
    ],
)  # fmt: skip
def test_a_headline_verb_is_never_part_of_a_foreign_name(headline, body, partners):
    assert headed(headline, body)["foreign_parties"] == partners


@pytest.mark.parametrize(
    ("body", "partner"),
    [
        ("Kementerian Ketenagakerjaan dan Kementerian Sumber Manusia Malaysia (KESUMA) "
         "menandatangani nota kesepahaman perlindungan pekerja migran.",
         "Kementerian Sumber Manusia Malaysia (KESUMA)"),
        ("Kementerian Kelautan dan Perikanan (KKP) dan Kementerian Kelautan dan Perikanan "
         "Republik Korea menandatangani nota kesepahaman.",
         "Kementerian Kelautan dan Perikanan Republik Korea"),
        ("Kemnaker menandatangani nota kesepahaman dengan Kementerian Sumber Manusia Malaysia.",
         "Kementerian Sumber Manusia Malaysia"),
    ],
)  # fmt: skip
def test_a_foreign_ministry_in_malay_or_indonesian_with_its_country(body, partner):
    result = record(body)
    assert result["foreign_parties"] == [partner]
    assert len(result["government_parties"]) == 1


@pytest.mark.parametrize(
    "body",
    [
        "KLHK menjalin kerja sama dengan Kedutaan Besar Norwegia. Pemerintah Kerajaan Norwegia "
        "mendukung program ini.",
        "Pemerintah Indonesia dan Pemerintah Kerajaan Norwegia memperpanjang kerja sama iklim. "
        "Kerja sama dengan Kedutaan Besar Norwegia juga mencakup kehutanan.",
        "KLHK bekerja sama dengan Pemerintah Kerajaan Norwegia. Duta Besar Norwegia untuk "
        "Indonesia bertemu Menteri LHK membahas kerja sama itu.",
    ],
)
def test_one_countrys_government_written_twice_is_one_party(body):
    assert foreign(body) == ["Pemerintah Kerajaan Norwegia"]


def test_two_countries_governments_stay_two():
    body = (
        "BNPB bekerja sama dengan Pemerintah Jepang dan Pemerintah Australia dalam kesiapsiagaan."
    )
    assert foreign(body) == ["Pemerintah Jepang", "Pemerintah Australia"]


# -- 7. meeting mode and meetings ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "mode"),
    [
        ("Kementerian Kesehatan dan UNICEF menggelar rapat koordinasi di Hotel Borobudur "
         "Jakarta. Program pelatihan kader akan berjalan secara daring mulai bulan depan.",
         "offline"),
        ("BNPB menerima kunjungan JICA di Graha BNPB. Sebelumnya, kedua pihak telah melakukan "
         "koordinasi secara daring.", "offline"),
        ("Kemenkes dan UNICEF menggelar rapat di Jakarta. Program pelatihan kader berjalan "
         "secara daring sejak tahun lalu.", None),
        ("Kemenkes dan WHO menggelar pertemuan di Jakarta. Selama pandemi, koordinasi dilakukan "
         "secara virtual.", None),
        # the event itself online: still online
        ("Kementerian Kesehatan dan UNICEF menggelar rapat secara daring pada Senin.", "online"),
    ],
)  # fmt: skip
def test_online_beside_the_event_is_not_its_mode(body, mode):
    assert record(body)["meeting_mode"] == mode


@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Perdagangan dan KOTRA menggelar pameran dagang di BEXCO, Busan.",
        "Kementerian Pariwisata bersama UNWTO menggelar forum di JCC Senayan.",
        "Kementerian Perindustrian dan JETRO menggelar temu bisnis di ICE BSD, Tangerang.",
        "Bappenas dan ADB menggelar forum di Jakarta International Expo Convention Center.",
        "Tim Kementerian Desa dan IFAD melakukan kunjungan ke desa-desa dampingan di Lombok.",
        "Kementan dan FAO turun langsung ke desa untuk melihat panen.",
        "Bappenas dan UNDP menggelar lokakarya di Hotel Santika Kupang.",
    ],
)
def test_named_halls_field_visits_and_hotels_are_in_person(body):
    assert record(body)["meeting_mode"] == "offline"


@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Kesehatan dan WHO menggelar lokakarya penguatan sistem surveilans.",
        "BNPB dan IFRC menggelar FGD tentang kesiapsiagaan bencana.",
        "Bappenas bersama UNDP menyelenggarakan workshop perencanaan pembangunan rendah karbon.",
        "Pemprov NTT dan UNICEF menggelar rapat koordinasi gizi.",
        "Menteri Luar Negeri menerima Duta Besar Australia di Jakarta.",
    ],
)
def test_a_workshop_or_a_received_envoy_is_a_meeting(body):
    assert "meeting" in event_types(body)


def test_a_visit_to_villages_does_not_make_the_regency_a_party():
    body = (
        "Tim Kementerian Desa dan IFAD melakukan kunjungan ke desa-desa dampingan di Kabupaten "
        "Lombok Timur."
    )
    assert government(body) == ["Kementerian Desa dan Pembangunan Daerah Tertinggal"]


# -- 8. a dateline's city, a national agency's provincial office --------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "KOTA BANDUNG -- Pemerintah Provinsi Jawa Barat dan GIZ menandatangani nota kesepahaman "
        "di Gedung Sate, Kota Bandung, Senin (4/3/2024).",
        "Kota Bandung, 4 Maret 2024 - Pemerintah Provinsi Jawa Barat dan GIZ menandatangani nota "
        "kesepahaman.",
        "Pemerintah Provinsi Jawa Barat dan GIZ menandatangani nota kesepahaman di Gedung Sate, "
        "Kota Bandung.",
    ],
)
def test_the_city_of_the_dateline_or_venue_is_not_a_party(body):
    assert government(body) == ["Pemerintah Provinsi Jawa Barat"]


def test_a_city_government_that_acts_after_a_dateline_is_a_party():
    body = "KOTA BANDUNG -- Pemerintah Kota Bandung dan GIZ menandatangani nota kesepahaman."
    assert government(body) == ["Pemerintah Kota Bandung"]


@pytest.mark.parametrize(
    "body",
    [
        "BKKBN Perwakilan Provinsi NTT dan UNFPA menggelar rapat koordinasi kesehatan "
        "reproduksi di Kupang.",
        "Kepala BKKBN Perwakilan Provinsi Nusa Tenggara Timur bertemu dengan UNFPA di Kupang.",
    ],
)
def test_a_national_agencys_provincial_office_is_the_agency(body):
    assert government(body) == [
        "Kementerian Kependudukan dan Pembangunan Keluarga/Badan Kependudukan dan Keluarga "
        "Berencana Nasional"
    ]


# -- 9. attending agencies listed with their regions or as members -------------------------------
def test_regional_offices_of_regions_listed_after_them():
    body = (
        "Kementerian Lingkungan Hidup dan Kehutanan dan UNDP menggelar lokakarya yang dihadiri "
        "Dinas Lingkungan Hidup dari tiga provinsi, yaitu Riau, Jambi dan Kalimantan Barat."
    )
    assert attending(body) == [
        "Pemerintah Provinsi Riau",
        "Pemerintah Provinsi Jambi",
        "Pemerintah Provinsi Kalimantan Barat",
    ]


def test_regions_of_a_programme_are_not_attending():
    body = (
        "Bappenas dan UNDP menjalankan program di tiga provinsi, yaitu Riau, Jambi dan Kalimantan "
        "Barat."
    )
    assert attending(body) == []
    assert foreign(body) == ["UNDP"]


@pytest.mark.parametrize(
    "member_phrase",
    ["beranggotakan perwakilan", "terdiri dari perwakilan", "beranggotakan"],
)
def test_the_members_of_a_team_attend(member_phrase):
    body = (
        "Kementerian Kesehatan bersama WHO menggelar rapat tim kerja. Tim kerja "
        f"{member_phrase} Bappenas, Kementerian Keuangan dan Kementerian Dalam Negeri."
    )
    assert government(body) == ["Kementerian Kesehatan"]
    assert attending(body) == [
        "Kementerian Perencanaan Pembangunan Nasional/Badan Perencanaan Pembangunan Nasional",
        "Kementerian Keuangan",
        "Kementerian Dalam Negeri",
    ]
