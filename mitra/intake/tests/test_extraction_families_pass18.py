"""Phrase families of the eighteenth pass (issue 12).

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

from datetime import date

import pytest

from mitra.intake.extraction import extract
from mitra.intake.extraction.dates import find_event_date
from mitra.intake.extraction.foreign_programmes import foreign_programmes

from .family_items import agreements, attending, event_types, foreign, government, signatories
from .family_items import record as record_of


# -- a day and month set off by a comma is the event's only after the event's place ----------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        # a place in a source line, then the event's own date
        ("Surat undangan dari Jakarta, 2 Mei, meminta tim hadir dalam rapat pada 10 Mei.", 10),
        # after the venue the comma date is the event's
        ("Rapat koordinasi digelar di Hotel Santika Kupang, 14 Mei, bersama WVI.", 14),
    ],
)
def test_a_day_and_month_after_a_comma_is_the_events_only_after_its_place(text, day):
    found = find_event_date(text, 0, date(2024, 6, 1), [])
    assert found is not None
    assert found.value == date(2024, 5, day)


# -- a regional office written with its bare region is Indonesian, never a foreign party ------
REGIONAL_OFFICES = [
    "Beranda » Papua Selatan » Kesbangpol Merauke ingatkan pengawasan ormas asing\n"
    "Kesbangpol Merauke ingatkan pengawasan ormas asing\nMerauke - Kepala Kesbangpol Merauke "
    "membuka sosialisasi pengawasan ormas asing di Merauke, Selasa (22/8/2023).",
    "Home » Papua » Kesbangpol Jayapura minta LSM asing melapor\nKesbangpol Jayapura minta LSM "
    "asing melapor\nJayapura - Kepala Kesbangpol Jayapura meminta LSM asing melapor sebelum "
    "bekerja di kampung, Kamis (4/10/2018).",
    "Berita / Daerah / Bappeda NTB undang mitra pembangunan\nBappeda NTB undang mitra "
    "pembangunan\nMataram - Bappeda NTB mengundang mitra pembangunan ke forum perencanaan di "
    "Mataram, Senin (3/6/2024).",
]


@pytest.mark.parametrize("text", REGIONAL_OFFICES)
def test_a_regional_office_with_its_bare_region_is_no_foreign_party(text):
    assert extract("https://contoh.go.id/berita/1\n" + text).foreign_parties == []


# -- a weekday after a foreign cue and a comma is the date's, not the next name ---------------
@pytest.mark.parametrize(
    "body",
    [
        "Bappeda NTB mengundang lembaga donor asing, Senin (3/6/2024), guna menyamakan rencana.",
        "Pemerintah Kota Ambon menerima organisasi internasional, Kamis (6/3/2025), di Balai Kota.",
        "Dinas Kesehatan Kabupaten Sikka bertemu mitra pembangunan, Rabu, 5 Juni 2024, di Maumere.",
    ],
)
def test_a_weekday_after_a_foreign_cue_is_no_foreign_party(body):
    assert foreign(body) == []


# -- English plural heads name foreign organizations ---------------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Pemerintah Kota Bandung bekerja sama dengan mitra teknis Vital Strategies dalam "
            "program keselamatan jalan, Selasa (20/9/2022).",
            "Vital Strategies",
        ),
        (
            "Dinas Lingkungan Hidup Kota Semarang menandatangani nota kesepahaman dengan Nexus "
            "Energy Solutions tentang efisiensi energi, Rabu (5/6/2024).",
            "Nexus Energy Solutions",
        ),
        (
            "Dinas Kesehatan Provinsi Jawa Barat bekerja sama dengan Resolve Health Strategies "
            "dalam kajian pengendalian hipertensi di Bandung, Selasa (15/8/2023).",
            "Resolve Health Strategies",
        ),
    ],
)
def test_english_plural_heads_name_foreign_organizations(body, name):
    assert name in foreign(body)


# -- a world region after an officer's title belongs to the title ---------------------------
@pytest.mark.parametrize(
    ("body", "title", "org"),
    [
        (
            "Nota kesepahaman ditandatangani Sekretaris Daerah Provinsi Bali dan Direktur "
            "Regional Asia Tenggara Vital Strategies di Denpasar, Senin (3/6/2024).",
            "Direktur Regional Asia Tenggara",
            "Vital Strategies",
        ),
        (
            "Dokumen itu diteken Bupati Sleman dan Regional Director Asia Pacific Plan "
            "International di Sleman, Kamis (6/3/2025).",
            "Regional Director Asia Pacific",
            "Plan International",
        ),
    ],
)
def test_a_world_region_after_a_title_belongs_to_the_title(body, title, org):
    assert org in foreign(body)
    assert not any(name.startswith(("Asia", title)) for name in foreign(body))


# -- the names the press gives regencies and cities ----------------------------------------
@pytest.mark.parametrize(
    ("body", "government_party"),
    [
        (
            "Pemkot Solo menandatangani letter of intent dengan Bloomberg Philanthropies di "
            "Balai Kota Solo, Kamis (3/3/2022).",
            "Pemerintah Kota Surakarta",
        ),
        (
            "Bupati TTS menerima kunjungan Country Director WFP Indonesia di SoE, Rabu "
            "(13/3/2019), untuk membahas kerja sama ketahanan pangan.",
            "Pemerintah Kabupaten Timor Tengah Selatan",
        ),
        (
            "Pemkab Kukar dan GIZ menandatangani perjanjian kerja sama pengelolaan sampah di "
            "Tenggarong, Senin (8/7/2024).",
            "Pemerintah Kabupaten Kutai Kartanegara",
        ),
        (
            "Wali Kota Jogja menerima Konsul Jenderal Australia di Balai Kota, Jumat "
            "(12/1/2024), membahas kerja sama pendidikan.",
            "Pemerintah Kota Yogyakarta",
        ),
    ],
)
def test_the_press_names_of_regencies_and_cities(body, government_party):
    assert government_party in government(body)


# -- a signer's organization that signs on behalf of another partner holds no agreement ------
def test_an_organization_signing_on_behalf_of_another_holds_no_agreement():
    body = (
        "Wali Kota berfoto bersama perwakilan Vital Strategies seusai penandatanganan di Balai "
        "Kota Solo, Kamis (3/3/2022). "
        "Pemerintah Kota Surakarta menandatangani letter of intent dengan Bloomberg "
        "Philanthropies. Dokumen diteken oleh Direktur "
        "Vital Strategies, Tara Morrison, yang menandatangani atas nama Bloomberg "
        "Philanthropies. Kemitraan berlaku s.d. Desember 2023."
    )
    partners = [(a["partner"], a["end_year"]) for a in agreements(body)]
    assert partners == [("Bloomberg Philanthropies", 2023)]


# -- a meeting or evaluation the agreement provides for, on a recurrence, is no event -------
@pytest.mark.parametrize(
    "body",
    [
        "Pemerintah Provinsi Bali dan Pemerintah Prefektur Okayama menandatangani nota "
        "kesepahaman di Denpasar, Senin (3/6/2024). Kedua pihak sepakat membentuk komite "
        "bersama, serta evaluasi pelaksanaan kerja sama setiap dua tahun sekali.",
        "BMKG dan Météo-France menandatangani nota kesepahaman di Jakarta, Rabu (18/8/2021). "
        "Ruang lingkupnya meliputi pertukaran data, pelatihan, serta evaluasi bersama atas "
        "pelaksanaan kegiatan setiap tiga tahun.",
        "KKP dan Kementerian Perikanan Norwegia menandatangani MoU di Oslo, Kamis (5/9/2019). "
        "MoU membentuk kelompok kerja yang bertemu sekurang-kurangnya sekali setahun untuk "
        "menyusun program dan mengevaluasi pelaksanaannya.",
    ],
)
def test_a_recurring_provision_of_the_agreement_is_no_event(body):
    assert event_types(body) == ["signing"]


def test_a_recurring_meeting_held_on_a_named_day_is_the_event():
    body = (
        "Kesbangpol Provinsi Jambi menggelar rapat koordinasi pengawasan ormas asing yang rutin "
        "diadakan setiap tahun, Selasa (4/6/2024), bersama Yayasan Save the Children."
    )
    assert "meeting" in event_types(body)


# -- date lines with credits after the date, a CMS's columns, "Posted by: X on: date" -------
@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Senin, 3 Juni 2024 10:15 Reporter : Budi Santoso Editor : Sri Wahyuni", date(2024, 6, 3)),
        (
            "Rabu, 12 Juli 2023 | 09:00 WIB Penulis : Tim Humas Sumber : Diskominfo",
            date(2023, 7, 12),
        ),
        ("admin_diskominfo  21/09/2022  Berita Daerah", date(2022, 9, 21)),
        ("Posted by: humas on: 05/05/2017", date(2017, 5, 5)),
    ],
)
def test_a_date_line_with_credits_or_columns_gives_the_publication_date(line, published):
    page = (
        "https://contoh.go.id/berita/1\nPemkab Sleman Bahas Kerja Sama dengan UNICEF\n"
        f"{line}\n\nSLEMAN - Pemerintah Kabupaten Sleman membahas kerja sama dengan UNICEF."
    )
    assert extract(page).published == published


# -- a regional office "dari" its region, and the regions listed after it -------------------
def test_regional_offices_from_listed_regions_attend():
    body = (
        "Kementerian Ketenagakerjaan dan ILO menggelar lokakarya di Jakarta, Selasa (4/6/2024). "
        "Turut hadir perwakilan Dinas Tenaga Kerja dari Provinsi Jawa Barat dan Jawa Tengah."
    )
    assert {"Pemerintah Provinsi Jawa Barat", "Pemerintah Provinsi Jawa Tengah"} <= set(
        attending(body)
    )


# -- a minister signing under a short title ("Menkes", "Mendagri") -------------------------
@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Kementerian Kesehatan menandatangani Letter of Intent dengan Gavi di Jenewa, Senin "
            "(27/5/2024). LoI tersebut ditandatangani Menkes dan Chief Executive Officer Gavi.",
            [("Menteri Kesehatan", "Kementerian Kesehatan"), ("Chief Executive Officer", "Gavi")],
        ),
        (
            "Kementerian Dalam Negeri dan UNDP menandatangani nota kesepahaman di Jakarta, Senin "
            "(3/6/2024). Naskah diteken Mendagri dan Resident Representative UNDP Indonesia.",
            [
                ("Menteri Dalam Negeri", "Kementerian Dalam Negeri"),
                ("Resident Representative", "UNDP"),
            ],
        ),
        (
            "Kementerian Ketenagakerjaan dan ILO menandatangani Decent Work Country Programme di "
            "Jakarta, Senin (3/6/2024). Dokumen ditandatangani Menaker bersama Direktur ILO.",
            [("Menteri Ketenagakerjaan", "Kementerian Ketenagakerjaan"), ("Direktur", "ILO")],
        ),
    ],
)
def test_a_minister_signing_under_a_short_title(body, expected):
    assert signatories(body) == expected


def test_a_surname_like_a_short_title_is_no_minister():
    body = (
        "Kementerian Keuangan dan AIIB menandatangani perjanjian pinjaman di Jakarta, Kamis "
        "(5/12/2024). Perjanjian ditandatangani oleh Direktur Jenderal Pengelolaan Pembiayaan "
        "dan Risiko, Wahyu Setiadi, dan Wakil Presiden AIIB, Carlos Mendes."
    )
    assert not any(title.startswith("Menteri") for title, _ in signatories(body))


# -- headline words that name nothing: a body closed by its acronym, a request verb, a count,
# -- a language ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Kementerian PUPR dan LH Korea Bahas Draf PKS Hunian ASN", "Kementerian PUPR"),
        ("Kementerian ESDM dan JOGMEC Korea Perkuat Riset Mineral", "Kementerian ESDM"),
    ],
)
def test_an_indonesian_body_closed_by_its_acronym_before_dan_stays_indonesian(headline, expected):
    page = f"https://contoh.go.id/1\n{headline}\nJAKARTA - Rapat digelar Senin (3/6/2024)."
    assert not any(
        name.startswith(expected) for name in [p.name for p in extract(page).foreign_parties]
    )


@pytest.mark.parametrize(
    "headline",
    [
        "Wali Kota Minta OPD Aktif Jajaki Kerja Sama Luar Negeri",
        "Kota Bogor Dorong Dinas Jalin Kemitraan dengan Lembaga Asing",
        "Latih 20 Ribu Guru Bahasa Inggris, Kemendikbudristek Gandeng Mitra",
        "Guru Bahasa Jepang Se-Jawa Tengah Ikuti Pelatihan",
    ],
)
def test_headline_words_that_name_no_foreign_party(headline):
    page = (
        f"https://contoh.go.id/1\n{headline}\n"
        "SEMARANG - Pemerintah daerah menggelar rapat koordinasi, Senin (3/6/2024)."
    )
    assert extract(page).foreign_parties == []


# -- a country office's suffix is dropped from the organization's name ---------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Pemkab Lampung Barat dan Wildlife Conservation Society-Indonesia Program "
            "menandatangani perjanjian kerja sama di Liwa, Senin (6/5/2024).",
            "Wildlife Conservation Society",
        ),
        (
            "Pemerintah Kota Makassar menandatangani nota kesepahaman dengan JICA Indonesia Office "
            "di Makassar, Senin (6/5/2024).",
            "JICA",
        ),
    ],
)
def test_a_country_office_suffix_is_dropped(body, name):
    assert name in foreign(body)


# -- a signing on the sidelines of a meeting is no meeting of its own ------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Kementerian ESDM dan JOGMEC menandatangani MoC di Tokyo, Senin (18/12/2023). "
        "Penandatanganan dilakukan di sela rangkaian pertemuan tingkat menteri AZEC.",
        "Kementerian Kesehatan dan Gavi meneken LoI di Jenewa, Senin (27/5/2024), di sela-sela "
        "Sidang Majelis Kesehatan Dunia ke-77.",
    ],
)
def test_a_signing_on_the_sidelines_of_a_meeting_is_no_meeting(body):
    assert event_types(body) == ["signing"]


# -- a ministry named in English with its fields listed is one foreign party ----------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "MoU antara Kementerian Pertanian dan Department of Agriculture, Fisheries and "
            "Forestry (DAFF) Australia itu diteken oleh Menteri Pertanian dan Minister for "
            "Agriculture, Fisheries and Forestry Australia di Canberra, Senin (4/3/2024).",
            "Department of Agriculture, Fisheries and Forestry",
        ),
        (
            "Kementerian Perindustrian bekerja sama dengan Ministry of Economy, Trade and "
            "Industry Jepang dalam pengembangan industri hijau, Selasa (5/3/2024).",
            "Ministry of Economy, Trade and Industry",
        ),
    ],
)
def test_an_english_ministry_with_its_fields_is_one_foreign_party(body, name):
    found = foreign(body)
    assert any(n.startswith(name) for n in found)
    assert not any(n.startswith(("Fisheries", "Trade")) for n in found)


def test_an_event_held_on_a_foreign_programme_is_not_its_name():
    body = (
        "Bappeda Kabupaten Bondowoso menggelar Lokakarya Evaluasi Akhir Program Kolaborasi "
        "Masyarakat dan Pelayanan untuk Kesejahteraan (KOMPAK) di Bondowoso, Selasa "
        "(23/11/2021). KOMPAK merupakan program kemitraan Pemerintah Australia dan Pemerintah "
        "Indonesia."
    )
    [(name, acronym, _span)] = list(foreign_programmes(body, 0))
    assert (name, acronym) == (
        "Program Kolaborasi Masyarakat dan Pelayanan untuk Kesejahteraan",
        "KOMPAK",
    )


# -- a length in months that makes whole years; "periodenya" in a later sentence -------------
@pytest.mark.parametrize(
    ("body", "duration"),
    [
        (
            "Pemerintah Provinsi Sulawesi Selatan dan KOICA menandatangani Record of Discussion "
            "proyek budidaya rumput laut di Makassar, Jumat (26/4/2024). Proyek hibah itu akan "
            "dilaksanakan selama 48 bulan.",
            4,
        ),
        (
            "Pemerintah Kabupaten Banyuasin dan Zoological Society of London meneken PKS di "
            "Palembang, Selasa (13/4/2021). Perjanjian berlaku selama 36 bulan.",
            3,
        ),
        (
            "Pemerintah Kota Kupang dan Plan International menandatangani perjanjian kerja sama "
            "di Kupang, Selasa (13/4/2021). Perjanjian berlaku selama 18 bulan.",
            None,
        ),
    ],
)
def test_a_length_in_months_is_a_term_only_in_whole_years(body, duration):
    [agreement] = agreements(body)
    assert agreement["duration_years"] == duration


def test_months_of_an_expert_stay_are_no_term():
    body = (
        "Pemerintah Kota Surabaya dan Pemerintah Kota Kitakyushu menandatangani rencana kerja "
        "2025 di Surabaya, Senin (3/2/2025). Kitakyushu akan mengirim dua tenaga ahli untuk "
        "mendampingi Surabaya selama tiga bulan."
    )
    assert [a["duration_years"] for a in agreements(body)] == [None]


def test_the_period_of_the_cooperation_told_as_periodenya():
    body = (
        "Pemerintah Provinsi Jawa Timur dan The Japan Foundation menandatangani nota "
        "kesepahaman lanjutan di Surabaya, Senin (3/2/2020). Kerja sama lanjutan ini disepakati "
        "untuk tiga tahun. Periodenya dimulai pada tahun 2020 dan berakhir pada 2022."
    )
    [agreement] = agreements(body)
    assert (agreement["start_year"], agreement["end_year"], agreement["duration_years"]) == (
        2020,
        2022,
        3,
    )


# -- places abroad named in English or French are places met in ----------------------------
@pytest.mark.parametrize(
    "body",
    [
        "Menteri Pertanian dan Minister for Agriculture Australia menandatangani MoU di "
        "Parliament House, Canberra, Kamis (8/2/2024).",
        "Menkes menandatangani LoI dengan Gavi di Palais des Nations, Jenewa, Senin (27/5/2024).",
        "Gubernur NTT bertemu Chief Minister Northern Territory di Government House, Darwin, "
        "Rabu (10/7/2024).",
    ],
)
def test_a_place_abroad_named_in_english_or_french_is_met_in(body):
    assert record_of(body)["meeting_mode"] == "offline"


@pytest.mark.parametrize(
    "body",
    [
        "Dinas Kelautan dan Perikanan Provinsi Sulawesi Tenggara dan Rare menggelar monev di "
        "salah satu hotel di Kota Kendari, Rabu (5/6/2024).",
        "Save the Children menyerahkan bantuan perlengkapan sekolah kepada Pemerintah Kabupaten "
        "Klaten di halaman SDN 2 Gondang, Kamis (6/6/2024).",
        "UNICEF dan Pemerintah Kabupaten Sigi menyerahkan tangki air di lapangan Desa Pombewe, "
        "Selasa (4/6/2024).",
    ],
)
def test_an_unnamed_hotel_a_yard_or_a_field_is_met_in(body):
    assert record_of(body)["meeting_mode"] == "offline"


# -- an online word that names a thing or an earlier stage is not how the event was held -----
@pytest.mark.parametrize(
    "body",
    [
        "Kementerian PPPA dan ChildFund International menandatangani PKS pencegahan kekerasan "
        "berbasis daring di Ruang Rapat Lantai 11 Kemen PPPA, Jakarta, Senin (3/6/2024).",
        "Kemendikbudristek dan British Council bertemu di Gedung A Kemendikbudristek, Jakarta, "
        "Selasa (4/6/2024). British Council memiliki platform pelatihan guru daring.",
        "Kemenkes dan UNICEF menandatangani nota kesepahaman di Gedung Adhyatma, Jakarta, Rabu "
        "(5/6/2024). Ruang lingkupnya meliputi pengembangan modul pelatihan daring dan luring.",
        "Pemprov Jawa Barat dan Provinsi Gyeonggi memperpanjang kerja sama di Gedung Sate, "
        "Bandung, Kamis (16/5/2024). Penyusunan naskah dimulai sejak Oktober 2023 melalui "
        "serangkaian pertemuan daring antara kedua sekretariat.",
    ],
)
def test_an_online_word_naming_a_thing_or_an_earlier_stage_is_not_the_mode(body):
    assert record_of(body)["meeting_mode"] == "offline"


# -- a territory of a federation; the headline behind a "»" breadcrumb ----------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "Pemerintah Provinsi NTT menandatangani MoU dengan Pemerintah Northern Territory di "
            "Darwin, Selasa (4/6/2024).",
            "Pemerintah Northern Territory",
        ),
        (
            "Penjabat Gubernur NTT dan Chief Minister Northern Territory menandatangani MoU di "
            "Darwin, Selasa (4/6/2024).",
            "Northern Territory",
        ),
    ],
)
def test_a_territory_of_a_federation_is_a_foreign_party(body, name):
    assert name in foreign(body)


def test_the_headline_behind_a_breadcrumb_is_the_title():
    page = (
        "https://kupang.contoh.com/2023/05/25/ntt-dan-northern-territory\n"
        "Home » NTT » Kupang\n"
        "NTT dan Northern Territory Perbarui MoU Kerja Sama\n"
        "Kamis, 25 Mei 2023 08:03 WITA\n\n"
        "KUPANG - Pemerintah Provinsi Nusa Tenggara Timur dan Pemerintah Northern Territory "
        "(NT), Australia, memperbarui nota kesepahaman kerja sama, Rabu (24/5/2023)."
    )
    names = [p.name for p in extract(page).foreign_parties]
    assert [name.split(" (")[0] for name in names] == ["Pemerintah Northern Territory"]


# -- a signing negated, owed as a duty, or of a handover's record is no signing --------------
@pytest.mark.parametrize(
    "body",
    [
        "Kemendagri meminta pemerintah daerah tidak menandatangani kerja sama luar negeri tanpa "
        "konsultasi. Hal itu mengemuka dalam rapat koordinasi di Jakarta, Kamis (18/11/2021).",
        "Kesbangpol Provinsi Jambi menggelar rapat pengawasan ormas asing di Jambi, Selasa "
        "(4/6/2024). Ormas asing wajib memiliki izin prinsip serta menandatangani MSP dengan "
        "pemerintah.",
    ],
)
def test_a_signing_negated_or_owed_is_no_signing(body):
    assert "signing" not in event_types(body)


def test_a_signed_handover_record_is_no_signing():
    body = (
        "TIKA menyerahkan gedung sekolah tahan gempa kepada Pemerintah Kabupaten Lombok Utara di "
        "halaman SDN 2 Gondang, Kamis (5/12/2019). Penyerahan ditandai dengan penandatanganan "
        "berita acara serah terima oleh Bupati Lombok Utara dan Koordinator TIKA."
    )
    assert "signing" not in event_types(body)


@pytest.mark.parametrize(
    "body",
    [
        "Kementerian Desa dan IFAD menggelar misi supervisi Program TEKAD di Jakarta, Senin "
        "(15/5/2023), dengan kick-off meeting di Ruang Rapat Lantai 3.",
        "Bappenas dan Bank Dunia menggelar joint supervision mission proyek air minum di Jakarta, "
        "Selasa (6/6/2023).",
    ],
)
def test_a_donors_supervision_mission_is_an_evaluation(body):
    assert "evaluation" in event_types(body)
