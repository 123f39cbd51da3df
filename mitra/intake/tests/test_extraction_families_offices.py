"""Phrase families from issue 12: offices that stand for their body, partners named by web
address or as a foreign city paired with an Indonesian one, agreements reached ("sepakat").

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from mitra.intake.extraction import extract


def record(text: str) -> dict:
    return extract("Berita kerja sama luar negeri\n\n" + text).to_record(id="x")


# -- a typo-tolerant match never swaps a field word ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Sekretariat Jenderal Kementerian Kesehatan menggelar pertemuan dengan USAID.",
         "Kementerian Kesehatan"),
        ("Sekretariat Jenderal Kementerian Perhubungan menerima kunjungan JICA.",
         "Kementerian Perhubungan"),
        ("Kementerian Luara Negeri menerima kunjungan UNDP di Jakarta.",
         "Kementerian Luar Negeri"),
    ],
)  # fmt: skip
def test_fuzzy_body_match_keeps_the_field(text, body):
    assert record(text)["government_parties"] == [body]


# -- the head of a unit stands for it, and the unit for its ministry ---------------------------
@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Direktur Jenderal Pajak menandatangani nota kesepahaman dengan OECD.",
         "Kementerian Keuangan"),
        ("Direktur Jenderal Bina Pembangunan Daerah menerima kunjungan UNICEF.",
         "Kementerian Dalam Negeri"),
        ("Direktur Organisasi Kemasyarakatan membuka rapat bersama Ford Foundation.",
         "Kementerian Dalam Negeri"),
    ],
)  # fmt: skip
def test_head_of_a_unit_is_its_ministry(text, body):
    assert record(text)["government_parties"] == [body]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MoU ditandatangani oleh Direktur Jenderal Pajak dan Head of Mission OECD.",
         {"title": "Direktur Jenderal Pajak", "organization": "Kementerian Keuangan"}),
        ("Perjanjian diteken Direktur Jenderal Bina Pembangunan Daerah dan Country Director "
         "Mercy Corps.",
         {"title": "Direktur Jenderal Bina Pembangunan Daerah",
          "organization": "Kementerian Dalam Negeri"}),
    ],
)  # fmt: skip
def test_unit_head_signs_for_the_ministry_with_the_full_title(text, expected):
    assert expected in record(text)["signatories"]


# -- coordinating ministers and ministers by their short forms ---------------------------------
@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Menko Marves menerima kunjungan Presiden ADB di kantornya.",
         "Kementerian Koordinator Bidang Kemaritiman dan Investasi"),
        ("Menko PMK membuka lokakarya bersama UNFPA tentang stunting.",
         "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan"),
        ("Menko Perekonomian menandatangani nota kesepahaman dengan JICA.",
         "Kementerian Koordinator Bidang Perekonomian"),
        ("Menhub menerima kunjungan delegasi International Civil Aviation Organization.",
         "Kementerian Perhubungan"),
    ],
)  # fmt: skip
def test_minister_short_forms_stand_for_the_ministry(text, body):
    assert record(text)["government_parties"] == [body]


def test_coordinating_minister_signs_with_the_short_title_written_in_full():
    # every labelled set writes a minister's title in full ("Menteri Kesehatan" for "Menkes")
    found = record("MoU ditandatangani oleh Menko Marves dan Presiden ADB.")["signatories"]
    assert {
        "title": "Menteri Koordinator Bidang Kemaritiman dan Investasi",
        "organization": "Kementerian Koordinator Bidang Kemaritiman dan Investasi",
    } in found


# -- the President and the Vice President as hosts ---------------------------------------------
@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Presiden Joko Widodo menerima kunjungan Presiden Bank Dunia di Istana Merdeka.",
         "Presiden Republik Indonesia"),
        ("Presiden Prabowo Subianto menerima delegasi Asian Development Bank di Istana Bogor.",
         "Presiden Republik Indonesia"),
        ("Presiden RI menyambut rombongan UNICEF yang dipimpin Direktur Eksekutifnya.",
         "Presiden Republik Indonesia"),
        ("Wakil Presiden Ma'ruf Amin menerima delegasi UNICEF di Istana Wakil Presiden.",
         "Wakil Presiden Republik Indonesia"),
        ("Wapres Gibran menerima kunjungan Country Director World Bank.",
         "Wakil Presiden Republik Indonesia"),
    ],
)  # fmt: skip
def test_president_and_vice_president_as_host(text, body):
    assert record(text)["government_parties"] == [body]


@pytest.mark.parametrize(
    "text",
    [
        "Kemenkes menerima kunjungan Presiden Bank Dunia di Jakarta.",
        "Kemlu menyambut kunjungan Presiden Prancis Emmanuel Macron bersama UNESCO.",
        "Kedutaan Besar Prancis menggelar resepsi; Wakil Presiden Asian Development Bank hadir.",
    ],
)
def test_a_foreign_president_is_no_indonesian_office(text):
    parties = record(text)["government_parties"] + record(text)["attending_agencies"]
    assert not any("Presiden" in p for p in parties), parties


# -- organizations named by their web address --------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        ("Nota kesepahaman ditandatangani oleh Bupati Sleman dan Country Director Water.org.",
         "Water.org", "Country Director"),
        ("Pemprov NTT menandatangani MoU dengan Kiva.org untuk pembiayaan mikro.",
         "Kiva.org", None),
    ],
)  # fmt: skip
def test_organizations_named_by_web_address(text, name, title):
    result = record(text)
    assert result["foreign_parties"] == [name]
    if title:
        assert {"title": title, "organization": name} in result["signatories"]


# -- a foreign city paired with an Indonesian government --------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Pemkot Surabaya dan Kota Kitakyushu memperbarui nota kesepahaman kerja sama "
         "lingkungan.", "Kota Kitakyushu"),
        ("Pemprov Jawa Barat dengan Provinsi Chungcheongnam menandatangani perjanjian "
         "kerja sama pendidikan.", "Provinsi Chungcheongnam"),
        ("Wali Kota Bandung bersama Kota Hamamatsu menyepakati program pertukaran pelajar.",
         "Kota Hamamatsu"),
    ],
)  # fmt: skip
def test_foreign_city_paired_with_an_indonesian_government(text, name):
    assert record(text)["foreign_parties"] == [name]


def test_two_indonesian_cities_stay_domestic():
    text = "Pemkot Bandung dan Kota Cimahi menandatangani kesepakatan bersama pengelolaan sampah."
    assert record(text)["foreign_parties"] == []


# -- an agreement reached: "menyepakati", "sepakat" link the two sides -------------------------
@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("KLHK dan UNEP menyepakati rencana kerja tahunan 2024-2025.", "UNEP"),
        ("Kementan dan FAO sepakat memperluas program ketahanan pangan.", "FAO"),
        ("BMKG bersama WMO mencapai kesepakatan tentang sistem peringatan dini.", "WMO"),
    ],
)  # fmt: skip
def test_agreement_reached_links_the_partner(text, partner):
    assert partner in record(text)["foreign_parties"]


# -- a joint subject: "G dan F <verb>" links the two sides without a cooperation word -----------
@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Kemnaker dan Organisasi Buruh Internasional menggelar dialog ketenagakerjaan.",
         "Organisasi Buruh Internasional"),
        ("Bappenas dan UNDP membahas indikator pembangunan berkelanjutan di Jakarta.", "UNDP"),
        ("Pemkab Gowa bersama Plan International meresmikan ruang belajar ramah anak.",
         "Plan International"),
    ],
)  # fmt: skip
def test_joint_subject_links_the_partner(text, partner):
    result = record(text)
    assert partner in result["foreign_parties"]
    assert len(result["government_parties"]) == 1


def test_a_foreign_name_merely_beside_a_body_is_no_joint_subject():
    text = "Kemenkes menyebut data UNICEF dan laporan Bank Dunia sebagai rujukan utama."
    assert record(text)["foreign_parties"] == []


# -- a grant links its giver and its receiver ---------------------------------------------------
@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Kemenkes menerima hibah dari Global Fund untuk program eliminasi tuberkulosis.",
         "Global Fund"),
        ("USAID menyerahkan hibah kepada Pemprov Papua untuk layanan air bersih.", "USAID"),
        ("Pemerintah Jepang memberikan hibah peralatan kepada BNPB melalui JICA.",
         "Pemerintah Jepang"),
    ],
)  # fmt: skip
def test_grant_links_giver_and_receiver(text, partner):
    assert partner in record(text)["foreign_parties"]


def test_representatives_from_two_sides_are_not_linked_by_dari():
    text = (
        "Rapat BNPB dihadiri oleh perwakilan dari Kedutaan Besar Jepang dan perwakilan dari "
        "Kementerian Luar Negeri."
    )
    assert "Kementerian Luar Negeri" not in record(text)["government_parties"]


# -- foreign bodies named in Indonesian word order -------------------------------------------
@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Kemlu dan Komite Internasional Palang Merah (ICRC) menggelar diskusi hukum humaniter.",
         "Komite Internasional Palang Merah"),
        ("Kemenperin menerima delegasi Federasi Industri Jerman (BDI) di Jakarta.",
         "Federasi Industri Jerman"),
        ("Kemendag bekerja sama dengan Kamar Dagang dan Industri Jepang dalam promosi ekspor.",
         "Kamar Dagang dan Industri Jepang"),
    ],
)  # fmt: skip
def test_foreign_bodies_named_in_indonesian(text, partner):
    names = record(text)["foreign_parties"]
    assert any(n.startswith(partner) for n in names), names


def test_an_indonesian_federation_is_not_foreign():
    text = "Kemenpora bekerja sama dengan Federasi Olahraga Rekreasi Masyarakat Indonesia."
    assert record(text)["foreign_parties"] == []


# -- partner verbs and receiving an official ----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Kemenkes juga menggandeng Clinton Health Access Initiative dalam program imunisasi.",
         "Clinton Health Access Initiative"),
        ("Kepala BNPB menerima Direktur Regional Asian Disaster Preparedness Center di Jakarta.",
         "Asian Disaster Preparedness Center"),
        ("Gubernur Papua menyambut Duta Besar Uni Eropa di Jayapura.", "Uni Eropa"),
    ],
)  # fmt: skip
def test_partner_verbs_and_received_officials(text, partner):
    assert record(text)["foreign_parties"] == [partner]


# -- with a single partner, the document signed now is its agreement -------------------------
@pytest.mark.parametrize(
    ("text", "document_type", "years"),
    [
        ("Menkes menerima kunjungan delegasi WHO di Jakarta. Dalam kesempatan itu kedua pihak "
         "menandatangani nota kesepahaman tentang kesehatan ibu.", "MoU", (None, None)),
        ("Bupati Sleman menerima rombongan JICA. Pertemuan ditutup dengan penandatanganan "
         "perjanjian kerja sama pengelolaan sampah untuk periode 2024-2026.", "PKS", (2024, 2026)),
        ("Pemprov NTT menjalin kerja sama dengan Mercy Corps. Penandatanganan memorandum saling "
         "pengertian dilakukan di Kupang.", "MSP", (None, None)),
    ],
)  # fmt: skip
def test_document_of_the_sole_partner(text, document_type, years):
    (agreement,) = record(text)["agreements"]
    assert agreement["document_type"] == document_type
    assert (agreement["start_year"], agreement["end_year"]) == years


def test_a_document_told_as_background_makes_no_agreement():
    text = (
        "Menkes menerima kunjungan delegasi WHO di Jakarta. Sebelumnya, kedua pihak telah "
        "menandatangani nota kesepahaman pada 2019."
    )
    assert record(text)["agreements"] == []


# -- "Hibah Pemerintah Jepang": a grant names its giver -----------------------------------------
@pytest.mark.parametrize(
    ("text", "partner"),
    [
        ("Proyek Kemenhub ini didanai melalui Hibah Pemerintah Jepang tahun anggaran 2023.",
         "Pemerintah Jepang"),
        ("Pembangunan sekolah oleh Pemkab Lombok Utara memakai hibah Pemerintah Australia.",
         "Pemerintah Australia"),
    ],
)  # fmt: skip
def test_grant_of_a_foreign_government(text, partner):
    assert partner in record(text)["foreign_parties"]


# -- dates: the weekday picks the year; a date long past; a metadata line ----------------------
def test_weekday_picks_the_year_among_the_years_named():
    text = (
        "Pemantauan Program Kerja Sama RI-UNICEF\n\nKemendagri memimpin pemantauan program "
        "Kerja Sama RI-UNICEF Periode 2021-2025 pada hari Selasa s.d Kamis (25 s.d 27 Oktober) "
        "di Banda Aceh, khususnya untuk capaian tahun 2022."
    )
    assert extract(text).event_date.isoformat() == "2022-10-25"


def test_weekday_picks_the_year_of_a_weekday_date():
    text = "Rapat Koordinasi Bersama UNICEF\n\nRapat digelar pada Rabu (14/9) untuk target 2022."
    assert extract(text).event_date.isoformat() == "2022-09-14"


@pytest.mark.parametrize(
    "text",
    [
        # no named year has 3 March on a Thursday: no guess
        "Rapat Koordinasi Bersama UNICEF\n\nRapat berlangsung Kamis (3 Maret) dalam periode "
        "2021-2025.",
        # two named years fit (14 September was a Wednesday in 2016 and 2022): no guess
        "Rapat Koordinasi Bersama UNICEF\n\nRapat digelar pada Rabu (14/9) untuk capaian "
        "2016 dan 2022.",
    ],
)
def test_weekday_does_not_guess_between_years(text):
    assert extract(text).event_date is None


def test_a_date_long_past_is_not_the_event():
    text = (
        "Kemendagri Tindak Lanjuti Kemitraan dengan Ford Foundation\n\nKemendagri menjalin "
        "kemitraan dengan Ford Foundation. Kerja sama ini ditandatangani pada 17 Maret 2021 silam."
    )
    assert extract(text).event_date is None


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("Berita | 12 Februari 2024 | Dibaca 120 kali", "2024-02-12"),
        ("Humas • Selasa, 13 Februari 2024 • 3 menit baca", "2024-02-13"),
    ],
)
def test_publication_date_as_a_field_of_a_metadata_line(line, day):
    text = f"Kemenkes dan WHO Perkuat Kerja Sama\n{line}\nKemenkes menggelar rapat bersama WHO."
    assert extract(text).published.isoformat() == day


# -- with a single partner, a document named in another sentence is its document ----------------
def test_document_type_from_a_sentence_without_the_partner():
    text = (
        "Kemendagri Tindak Lanjuti Kemitraan dengan Ford Foundation\n\nKemendagri menjalin "
        "kemitraan dengan Ford Foundation untuk tahun 2021 sampai 2024. Hal ini sesuai program "
        "ketiga Memorandum Saling Pengertian tentang organisasi masyarakat sipil."
    )
    (agreement,) = record_of(text)["agreements"]
    assert (agreement["document_type"], agreement["start_year"]) == ("MSP", 2021)


def record_of(text: str) -> dict:
    return extract(text).to_record(id="x")


# -- the regional secretary stands for the regional government ----------------------------------
@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Sekretaris Daerah Kota Bogor membuka rapat koordinasi bersama USAID.",
         "Pemerintah Kota Bogor"),
        ("Sekretaris Daerah Kabupaten Sikka menerima kunjungan tim UNFPA.",
         "Pemerintah Kabupaten Sikka"),
    ],
)  # fmt: skip
def test_regional_secretary_is_the_regional_government(text, body):
    assert record(text)["government_parties"] == [body]
