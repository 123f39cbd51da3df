"""Phrase families of the seventeenth pass (issue 12).

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from mitra.intake.extraction import extract

from .family_items import agreements, event_types, foreign, government, signatories
from .family_items import record as record_of

# -- a programme the text describes as a foreign government's is a foreign party ------------
PROGRAMMES = [
    (
        "Bappeda Provinsi Jambi bersama LAUTAN (Layanan Terpadu untuk Anak dan Nelayan) menggelar "
        "rapat evaluasi di Jambi, Selasa (4/6/2024). LAUTAN merupakan program kemitraan Pemerintah "
        "Selandia Baru dan Pemerintah Indonesia di bidang perlindungan anak.",
        "Layanan Terpadu untuk Anak dan Nelayan",
    ),
    (
        "Dinas Pendidikan Kabupaten Ende menerima tim Peningkatan Mutu Guru Daerah (PMGD), program "
        "kerja sama antara Pemerintah Indonesia dan Pemerintah Kanada, di Ende, Kamis (7/3/2019).",
        "Peningkatan Mutu Guru Daerah",
    ),
    (
        "Pemerintah Kabupaten Dompu dan PRIMA menandatangani perjanjian kerja sama di Dompu. PRIMA "
        "adalah program yang didanai Pemerintah Australia untuk pertanian lahan kering.",
        "PRIMA",
    ),
]


@pytest.mark.parametrize(("body", "programme"), PROGRAMMES)
def test_a_programme_of_a_foreign_government_is_a_foreign_party(body, programme):
    assert programme in [name.split(" (")[0] for name in foreign(body)]


DOMESTIC_PROGRAMMES = [
    "Pemerintah Kabupaten Sleman dan Bappeda menggelar rapat evaluasi SIPADU di Sleman. SIPADU "
    "merupakan program Pemerintah Provinsi Daerah Istimewa Yogyakarta untuk layanan terpadu.",
    "Dinas Sosial Kota Medan mengevaluasi KOTAKU di Medan, Senin (2/9/2019). KOTAKU adalah "
    "program kemitraan Pemerintah Indonesia dengan pemerintah daerah.",
]


@pytest.mark.parametrize("body", DOMESTIC_PROGRAMMES)
def test_a_programme_of_an_indonesian_government_is_no_foreign_party(body):
    assert foreign(body) == []


# -- the country programme an event serves, with its own period, is a second agreement -------
def test_a_country_programme_named_with_its_period_is_the_framework():
    body = (
        "Pemerintah Provinsi Maluku bersama UNICEF mengevaluasi Rencana Kerja Tahunan (RKT) 2022 "
        "di Ambon, Kamis (8/12/2022). Kerja sama itu berjalan di bawah payung Program Kerja Sama "
        "Pemerintah Indonesia dan UNICEF periode 2021-2025."
    )
    terms = sorted((a["document_type"], a["start_year"], a["end_year"]) for a in agreements(body))
    assert terms == [("other", 2021, 2025), ("other", 2022, 2022)]


def test_a_country_programme_of_which_the_event_is_a_part():
    body = (
        "BKKBN dan UNFPA menggelar tinjauan tahunan Rencana Kerja Tahunan 2019 di Jakarta, Senin "
        "(9/12/2019). Tinjauan ini merupakan bagian dari pelaksanaan Program Negara (Country "
        "Programme) ke-9 UNFPA untuk Indonesia periode 2016-2020."
    )
    terms = sorted((a["document_type"], a["start_year"], a["end_year"]) for a in agreements(body))
    assert terms == [("other", 2016, 2020), ("other", 2019, 2019)]


def test_a_programme_named_in_passing_is_no_framework():
    body = (
        "Pemerintah Kota Ambon dan UNICEF menandatangani Rencana Kerja Tahunan 2022 di Ambon. "
        "Wali Kota menyebut Program Kerja Sama periode 2021-2025 sebagai contoh yang baik."
    )
    assert [(a["start_year"], a["end_year"]) for a in agreements(body)] == [(2022, 2022)]


def test_the_cpap_in_indonesian_is_a_document_with_its_own_term():
    body = (
        "BNPB dan UNDP membahas Rencana Kerja Tahunan (AWP) 2017 proyek pengurangan risiko bencana "
        "di Jakarta, Rabu (15/2/2017). Proyek itu dilaksanakan dalam kerangka Rencana Aksi "
        "Program Negara antara Pemerintah Indonesia dan UNDP periode 2016-2020."
    )
    terms = sorted((a["document_type"], a["start_year"], a["end_year"]) for a in agreements(body))
    assert terms == [("other", 2016, 2020), ("other", 2017, 2017)]


# -- a company named with its legal form is written without it later -----------------------
def test_a_company_is_the_same_without_its_legal_form():
    body = (
        "Kementerian Perhubungan menggandeng perusahaan teknik asal Swiss, Hilti AG, dan lembaga "
        "kerja sama pembangunan Swiss, Swisscontact, dalam nota kesepahaman yang ditandatangani "
        "Direktur Jenderal Perhubungan Darat dan Presiden Direktur Hilti Indonesia di Jakarta, "
        "Senin (4/3/2019). Hilti akan melatih teknisi bengkel."
    )
    partners = sorted(a["partner"].split(" (")[0] for a in agreements(body))
    assert partners == ["Hilti AG", "Swisscontact"]


# -- the next names of a list a foreign description opens are foreign too ---------------------
LISTS = [
    (
        "Kementerian Perindustrian bekerja sama dengan dua perusahaan asal Korea Selatan, Hyosung "
        "dan Doosan, untuk melatih teknisi di Cilegon, Rabu (5/6/2019).",
        ["Doosan", "Hyosung"],
    ),
    (
        "Pemerintah Provinsi Jambi bersama organisasi nirlaba asal Inggris, Fauna & Flora, dan "
        "lembaga riset Kew Gardens membahas draf rencana kerja di Jambi, Senin (3/2/2020).",
        ["Fauna & Flora", "Kew Gardens"],
    ),
]


@pytest.mark.parametrize(("body", "names"), LISTS)
def test_names_listed_after_a_foreign_description_are_foreign(body, names):
    assert sorted(foreign(body)) == names


def test_a_programme_s_parts_are_no_list_of_organizations():
    body = (
        "Kementerian Sekretariat Negara menggelar rapat dengan JICA tentang program pelatihan "
        "internasional Kerja Sama Selatan-Selatan dan Triangular di Jakarta, Senin (5/2/2024)."
    )
    assert [name.split(" (")[0] for name in foreign(body)] == ["JICA"]


# -- partners listed together as the subject share the period that follows -------------------
def test_partners_listed_together_share_the_period():
    body = (
        "Pemerintah Provinsi Jambi bersama organisasi nirlaba asal Inggris, Fauna & Flora, dan "
        "lembaga riset Kew Gardens menandatangani rencana kerja konservasi harimau untuk periode "
        "2021-2024 di Jambi, Senin (3/5/2021)."
    )
    assert sorted((a["partner"], a["start_year"], a["end_year"]) for a in agreements(body)) == [
        ("Fauna & Flora", 2021, 2024),
        ("Kew Gardens", 2021, 2024),
    ]


# -- a foreign office whose Indonesian name holds an Indonesian body's name -------------------
def test_a_foreign_office_for_the_affairs_of_its_country_is_no_indonesian_body():
    body = (
        "Kementerian Perdagangan bersama Sekretariat Negara untuk Urusan Ekonomi Swiss (SECO) "
        "menandatangani dokumen proyek di Jakarta, Senin (4/4/2022)."
    )
    assert government(body) == ["Kementerian Perdagangan"]
    assert [name.split(" (")[0] for name in foreign(body)] == [
        "Sekretariat Negara untuk Urusan Ekonomi Swiss"
    ]


def test_a_body_s_aid_for_a_country_keeps_the_body():
    body = (
        "Kementerian Sekretariat Negara menyalurkan bantuan Kementerian Kesehatan untuk Palestina "
        "di Jakarta, Senin (4/12/2023)."
    )
    assert not any(name.startswith("Kementerian") for name in foreign(body))


# -- the region after a city is its address, no partner --------------------------------------
def test_the_region_after_a_city_in_a_dateline_is_its_address():
    body = (
        "Ueda, Nagano – Bertempat di Balai Kota Ueda, Prefektur Nagano, Bupati Jember dan Wali "
        "Kota Ueda menandatangani nota kesepahaman kota bersaudara, Senin (4/11/2019). Gubernur "
        "Prefektur Nagano turut hadir."
    )
    assert foreign(body) == ["Kota Ueda"]


# -- a foreign local government named in English ---------------------------------------------
@pytest.mark.parametrize(
    "name",
    [
        "Queensland State Government",
        "Osaka Prefectural Government",
        "Busan Metropolitan Government",
    ],
)
def test_a_local_government_named_in_english_is_foreign(name):
    body = (
        f"Pemerintah Provinsi Jawa Tengah menandatangani nota kesepahaman dengan {name} di "
        "Semarang, Senin (4/3/2019)."
    )
    assert foreign(body) == [name]


# -- a half of a term once given is kept; a later sentence only completes it ----------------
def test_the_end_of_the_new_term_is_not_replaced_by_the_old_period():
    body = (
        "Wali Kota Malang dan Wali Kota Brugge menandatangani MoU di Malang, Senin (4/3/2024). "
        "MoU yang baru ini berlaku hingga 2027. Sebelumnya, kedua kota terikat MoU periode "
        "2019-2022 yang masa berlakunya habis akhir tahun ini."
    )
    assert [(a["start_year"], a["end_year"]) for a in agreements(body)] == [(None, 2027)]


def test_a_start_and_an_end_told_apart_make_one_term():
    body = (
        "Wali Kota Malang dan Wali Kota Brugge menandatangani MoU di Malang, Senin (4/3/2024). "
        "MoU itu berlaku mulai 2024. Kerja sama tersebut berlangsung hingga 2027."
    )
    assert [(a["start_year"], a["end_year"]) for a in agreements(body)] == [(2024, 2027)]


# -- the date set off by a comma after the place of the event ---------------------------------
@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("di Hotel Novotel Balikpapan, 23-25 Juli 2019", "2019-07-23"),
        ("bertempat di Aula Bappeda Provinsi Jambi, 4 Maret 2020", "2020-03-04"),
    ],
)
def test_the_date_after_the_place_of_the_event(place, expected):
    body = f"Kementerian Dalam Negeri menggelar rapat koordinasi dengan JICA {place}."
    assert record_of(body)["event_date"] == expected


def test_a_dateline_s_place_and_date_are_not_the_venue_s():
    item = (
        "https://contoh.go.id/berita/1\nKLHK dan WCS Evaluasi Kerja Sama\n"
        "Selasa, 14 September 2021\n"
        "Manado, 14 September 2021. KLHK bersama WCS melaksanakan evaluasi kerja sama di "
        "Bitung pada 13 September 2021."
    )
    assert extract(item).to_record()["event_date"] == "2021-09-13"


# -- a head of region named by title and person signs for the region the text names ----------
def test_a_mayor_named_by_person_signs_for_the_city_and_is_no_foreign_city():
    body = (
        "Pemerintah Kota Semarang menandatangani LoI dengan Korea Water Resources Corporation "
        "(K-water) di Semarang, Selasa (26/11/2019). LoI ditandatangani Wali Kota Bambang "
        "Wicaksono Rahardjo dan Executive Vice President for Overseas Business K-water, Choi "
        "Dong-hyun. Menurut Bambang, kajian dimulai tahun depan."
    )
    assert [name.split(" (")[0] for name in foreign(body)] == ["Korea Water Resources Corporation"]
    assert signatories(body) == [
        ("Wali Kota", "Pemerintah Kota Semarang"),
        (
            "Executive Vice President for Overseas Business",
            "Korea Water Resources Corporation (K-water)",
        ),
    ]


def test_a_foreign_mayor_named_by_the_city_stays_foreign():
    body = (
        "Wali Kota Semarang dan Wali Kota Brisbane menandatangani nota kesepahaman kota kembar di "
        "Semarang, Selasa (26/11/2019). Kerja sama dengan Brisbane mencakup pengelolaan air."
    )
    assert "Kota Brisbane" in foreign(body)


def test_two_cities_of_the_kind_leave_the_mayor_without_a_guess():
    body = (
        "Pemerintah Kota Semarang dan Pemerintah Kota Salatiga menandatangani LoI dengan Korea "
        "Water Resources Corporation di Semarang, Selasa (26/11/2019). LoI ditandatangani Wali "
        "Kota Bambang Wicaksono Rahardjo."
    )
    assert [s for s in signatories(body) if s[0] == "Wali Kota"] == []


# -- a photo caption, like a headline, does not spell a name out first ------------------------
@pytest.mark.parametrize("credit", ["(BP/ari)", "(Antara/Etri Saputra)", "ANTARA/HO-Humas Pemkab"])
def test_a_caption_s_short_form_gives_way_to_the_body_s_name(credit):
    item = (
        "https://contoh.go.id/berita/1\nBupati Terima Rombongan Diplomat Eropa\n"
        "Senin, 4 Maret 2019\n"
        "Bupati Gianyar menerima rombongan Kedubes Belanda di ruang kerjanya, Senin (4/3). "
        f"{credit}\n"
        "GIANYAR - Rombongan Kedutaan Besar Kerajaan Belanda berkunjung ke Kantor Bupati Gianyar, "
        "Senin (4/3), membahas kerja sama pelestarian subak."
    )
    assert extract(item).to_record()["foreign_parties"] == ["Kedutaan Besar Kerajaan Belanda"]


# -- a preposition opening a sentence is no part of a name -----------------------------------
def test_a_preposition_opening_the_sentence_is_no_name():
    body = (
        "Pemerintah Kota Banda Aceh dan Kota Higashimatsushima, Jepang, menggelar rapat evaluasi "
        "secara daring, Senin (8/3/2021). Dari Jepang, Wali Kota Higashimatsushima menyampaikan "
        "bahwa pertukaran pelajar dibatalkan."
    )
    assert foreign(body) == ["Kota Higashimatsushima"]


# -- what a document has brought, discussed, is a review, not a negotiation -------------------
@pytest.mark.parametrize("what", ["capaian", "pelaksanaan", "implementasi", "hasil"])
def test_discussing_what_an_agreement_brought_is_no_negotiation(what):
    body = (
        "Pemerintah Kota Banda Aceh dan Kota Higashimatsushima menggelar rapat evaluasi kerja sama "
        f"secara daring, Senin (8/3/2021). Rapat ini membahas {what} nota kesepahaman kerja sama "
        "periode 2019-2023."
    )
    assert "negotiation" not in event_types(body)


def test_discussing_a_draft_is_still_a_negotiation():
    body = (
        "Pemerintah Kota Banda Aceh dan Kota Higashimatsushima menggelar rapat secara daring, "
        "Senin (8/3/2021). Rapat ini membahas draf nota kesepahaman kerja sama periode 2024-2028."
    )
    assert "negotiation" in event_types(body)


# -- "Pemko": a city's government as Sumatra's press writes it --------------------------------
@pytest.mark.parametrize("city", ["Padang", "Medan", "Pekanbaru"])
def test_pemko_is_the_city_s_government(city):
    body = (
        f"Pemko {city} menandatangani nota kesepahaman kota kembar dengan Kota Hildesheim, "
        "Jerman, Rabu (15/9/2021)."
    )
    assert government(body) == [f"Pemerintah Kota {city}"]


# -- a description before a name and its country after it -------------------------------------
@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("lembaga riset Deltares dari Belanda", "Deltares"),
        ("perusahaan Koppert asal Belanda", "Koppert"),
        ("universitas Aalto yang berbasis di Finlandia", "Aalto"),
    ],
)
def test_a_described_name_from_a_foreign_country_is_foreign(phrase, name):
    body = (
        f"Pemerintah Provinsi Kalimantan Tengah menandatangani nota kesepahaman dengan {phrase} "
        "di Palangka Raya, Kamis (14/2/2019)."
    )
    assert foreign(body) == [name]


def test_a_person_from_a_country_is_no_organization():
    body = (
        "Pemerintah Provinsi Kalimantan Tengah menerima peneliti Marieke dari Belanda di Palangka "
        "Raya, Kamis (14/2/2019)."
    )
    assert "Marieke" not in foreign(body)


# -- Aceh's government by its own legal name, where the text writes it -------------------------
def test_aceh_s_government_by_its_own_name_where_the_text_writes_it():
    body = (
        "Pemerintah Aceh dan Universitas Tohoku menandatangani memorandum saling pengertian di "
        "Banda Aceh, Senin (7/3/2022). Sekretaris Daerah Aceh menandatangani atas nama Gubernur."
    )
    assert government(body) == ["Pemerintah Aceh"]


def test_aceh_s_government_as_a_province_where_the_text_says_so():
    body = (
        "Pemprov Aceh dan Universitas Tohoku menandatangani memorandum saling pengertian di Banda "
        "Aceh, Senin (7/3/2022). Pemerintah Aceh Besar turut hadir."
    )
    assert "Pemerintah Provinsi Aceh" in government(body)


# -- a municipality named in its own language --------------------------------------------------
@pytest.mark.parametrize(
    "name", ["Gemeente Vlissingen", "Stadt Braunschweig", "Ville de Nantes", "Comune di Torino"]
)
def test_a_municipality_in_its_own_language_is_foreign(name):
    body = (
        f"Pemerintah Kota Ambon menggelar pertemuan virtual dengan {name} untuk membahas draf "
        "Letter of Intent kota kembar, Rabu (16/6/2021)."
    )
    assert foreign(body) == [name]


def test_the_municipality_and_its_mayor_are_one_partner():
    body = (
        "Pemerintah Kota Bandung menerima delegasi Stadt Braunschweig yang dipimpin Wali Kota "
        "Braunschweig di Pendopo, Kamis (13/10/2022), membahas kerja sama sister city."
    )
    assert foreign(body) == ["Stadt Braunschweig"]


# -- a city whose head the text names abroad is foreign where it is named as a city -----------
def test_a_city_whose_deputy_mayor_signs_is_foreign_by_its_indonesian_name():
    body = (
        "Pemkot Surabaya, Pemerintah Kota Kitakyushu, dan IGES menandatangani Letter of Intent "
        "di Surabaya, Kamis (27/10/2022). LoI diteken Wakil Wali Kota Surabaya dan Deputy Mayor "
        "of Kitakyushu."
    )
    assert "Pemerintah Kota Kitakyushu" in foreign(body)


# -- a document named by its own name is extended too ----------------------------------------
@pytest.mark.parametrize(
    "document",
    [
        "Rencana Induk Kegiatan (RIK)",
        "Letter of Agreement (LoA)",
        "CPAP",
        "Implementing Arrangement",
    ],
)
def test_the_extension_of_a_document_named_by_its_own_name(document):
    body = (
        "Kementerian Dalam Negeri dan ormas asing Hanns Seidel Foundation menandatangani "
        f"perpanjangan {document} di Jakarta, Kamis (18/1/2024)."
    )
    assert "extension" in event_types(body)


def test_the_term_of_a_letter_of_agreement_told_after_it():
    body = (
        "Pemerintah Provinsi NTT dan WFP menandatangani Letter of Agreement di Kupang, Kamis "
        "(18/1/2024). LoA tersebut berlaku untuk periode 2024 hingga 2025."
    )
    assert [(a["start_year"], a["end_year"]) for a in agreements(body)] == [(2024, 2025)]


# -- one foreign office's name with two fields joined by "dan" ----------------------------------
def test_an_office_with_two_fields_and_its_country_is_one_foreign_party():
    body = (
        "Gubernur Aceh menerima Koordinator Program Badan Kerja Sama dan Koordinasi Turki (TIKA) "
        "di Banda Aceh, Kamis (9/11/2017), membahas kerja sama penanggulangan bencana."
    )
    assert [name.split(" (")[0] for name in foreign(body)] == [
        "Badan Kerja Sama dan Koordinasi Turki"
    ]


def test_a_second_office_after_dan_is_its_own_party():
    body = (
        "Kementerian Kelautan dan Perikanan dan Kementerian Pertanian, Kehutanan dan Perikanan "
        "Jepang (MAFF) menandatangani nota kesepahaman di Tokyo, Kamis (9/11/2017)."
    )
    assert not any(name.startswith("Kementerian Kelautan") for name in foreign(body))


# -- the programme an event is part of, named as a document with its own term -----------------
def test_the_action_plan_an_event_is_part_of_is_its_framework():
    body = (
        "BKKBN dan UNFPA membahas rancangan Annual Work Plan (AWP) 2024 di Jakarta, Selasa "
        "(7/11/2023). Pembahasan AWP 2024 merupakan bagian dari pelaksanaan Country Programme "
        "Action Plan (CPAP) antara Pemerintah Indonesia dan UNFPA periode 2021-2025."
    )
    terms = sorted((a["document_type"], a["start_year"], a["end_year"]) for a in agreements(body))
    assert terms == [("other", 2021, 2025), ("other", 2024, 2024)]


# -- a signing still to come ("mendatang") is no signing ---------------------------------------
def test_a_signing_next_month_is_no_signing():
    body = (
        "BKKBN dan UNFPA membahas rancangan Annual Work Plan 2024 di Jakarta, Selasa (7/11/2023). "
        "Menurut Sarah, rancangan tersebut difinalkan dan ditandatangani pada Desember "
        "mendatang."
    )
    assert "signing" not in event_types(body)


# -- a foreign ministry of several fields with its state's form before the country ------------
@pytest.mark.parametrize("country", ["Kerajaan Norwegia", "Kerajaan Arab Saudi"])
def test_a_ministry_of_several_fields_of_a_kingdom_is_foreign(country):
    body = (
        "Kementerian Kelautan dan Perikanan dan Kementerian Perdagangan, Industri, dan Perikanan "
        f"{country} menandatangani nota kesepahaman di Jakarta, Selasa (27/9/2022)."
    )
    assert government(body) == ["Kementerian Kelautan dan Perikanan"]
    assert foreign(body) == [f"Kementerian Perdagangan, Industri, dan Perikanan {country}"]


# -- the source of the money, after a long money phrase, is a party but no agreement's ---------
def test_the_source_of_a_grant_after_a_long_phrase_is_a_party_without_an_agreement():
    body = (
        "Kementerian PUPR dan AFD menandatangani perjanjian hibah sanitasi di Jakarta, Senin "
        "(4/3/2024). Hibah senilai 10 juta euro tersebut bersumber dari Uni Eropa melalui Asian "
        "Investment Facility."
    )
    assert "Uni Eropa" in foreign(body)
    assert [a["partner"].split(" (")[0] for a in agreements(body)] == ["AFD"]


# -- a witness named with an envoy's title signs nothing and holds no agreement ----------------
def test_a_witness_after_an_envoy_s_title_holds_no_agreement():
    body = (
        "Kementerian PUPR dan AFD menandatangani perjanjian hibah di Jakarta, Senin (4/3/2024), "
        "disaksikan oleh Duta Besar Prancis untuk Indonesia dan Kepala Delegasi Uni Eropa."
    )
    assert [a["partner"].split(" (")[0] for a in agreements(body)] == ["AFD"]
