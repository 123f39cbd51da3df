"""Phrase families of the fourteenth pass (issue 12): the term of a document whose signing is
still planned, time already spent ("selama dua tahun pelaksanaan"), the term an earlier
agreement had, the document an event is held under (its framework), a news site's name before
the body ("KOMPAS.com -") and a byline in the header, and a name's acronym between two joint
subjects.

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from mitra.intake.extraction import extract

from .family_items import agreements, foreign, headed, record, signatories


def _terms(body: str) -> list[tuple]:
    return [
        (a["partner"], a["document_type"], a["start_year"], a["end_year"], a["duration_years"])
        for a in agreements(body)
    ]


# -- the term of a drafted document whose signing is planned -----
PLANNED_TERMS = [
    (
        "Kementerian Agama dan Konrad-Adenauer-Stiftung membahas rancangan nota kesepahaman "
        "tentang pendidikan pemilih di Jakarta. MoU itu dijadwalkan ditandatangani pada Maret "
        "mendatang dan berlaku selama empat tahun.",
        ("MoU", None, None, 4),
    ),
    (
        "Pemerintah Kota Semarang dan Pemerintah Kota Brisbane, Australia, membahas draf Letter "
        "of Intent secara daring. LoI rencananya diteken pada akhir tahun dan akan berlaku "
        "selama dua tahun.",
        ("LoI", None, None, 2),
    ),
    (
        "Badan Pusat Statistik bersama Statistics Netherlands menyusun rancangan memorandum saling "
        "pengertian di Jakarta. MSP tersebut akan ditandatangani tahun depan untuk periode "
        "2026-2029.",
        ("MSP", 2026, 2029, None),
    ),
]


@pytest.mark.parametrize(("body", "term"), PLANNED_TERMS)
def test_the_drafted_document_takes_the_term_of_its_planned_signing(body, term):
    found = _terms(body)
    assert len(found) == 1
    assert found[0][1:] == term


def test_a_planned_document_of_another_type_gives_no_term():
    body = (
        "Kementerian Pertanian dan FAO menandatangani Letter of Intent di Jakarta. Perjanjian "
        "kerja sama direncanakan ditandatangani tahun depan dan berlaku selama lima tahun."
    )
    found = _terms(body)
    assert [t[1] for t in found] == ["LoI"]
    assert found[0][4] is None


# -- time already spent is no term -----
ELAPSED = [
    "Kementerian Sosial dan WFP mengevaluasi perjanjian kerja sama di Kupang. Menurut Sekjen, "
    "selama tiga tahun pelaksanaan PKS, ribuan keluarga telah menerima bantuan.",
    "Pemerintah Provinsi Bali dan UNICEF mengevaluasi nota kesepahaman di Denpasar. Selama dua "
    "tahun berjalan, MoU itu menjangkau 40 desa.",
    "Kementerian Kesehatan dan WHO mengevaluasi nota kesepahaman di Jakarta. Setelah 3 (tiga) "
    "tahun, program itu diperluas.",
]


@pytest.mark.parametrize("body", ELAPSED)
def test_time_already_spent_is_no_term(body):
    found = _terms(body)
    assert found
    assert all(t[4] is None for t in found)


# -- the term an earlier agreement had -----
EARLIER_TERMS = [
    (
        "Pemerintah Provinsi Jawa Tengah dan Pemerintah Negara Bagian Queensland memperpanjang "
        "kerja sama sister province. Kerja sama ini berlaku untuk periode 2025-2030. Kerja sama "
        "Jateng-Queensland terakhir diperbarui untuk periode 2019-2024.",
        (2025, 2030),
    ),
    (
        "Pemerintah Kota Surabaya dan Pemerintah Kota Kitakyushu memperbarui nota kesepahaman. "
        "MoU pertama kali ditandatangani untuk periode 2012-2016 oleh Kitakyushu. Pembaruan "
        "berlaku 2024-2028.",
        (2024, 2028),
    ),
]


@pytest.mark.parametrize(("body", "years"), EARLIER_TERMS)
def test_the_term_an_earlier_agreement_had_is_not_the_new_one(body, years):
    found = _terms(body)
    assert found
    assert found[0][2:4] == years


def test_years_of_what_the_partner_did_before_are_no_term():
    body = (
        "Kementerian Lingkungan Hidup dan Kehutanan menandatangani nota kesepahaman dengan "
        "Rainforest Alliance di Jakarta. Rainforest Alliance sebelumnya mendampingi petani kopi "
        "di Lampung pada 2016-2020."
    )
    found = _terms(body)
    assert found
    assert found[0][2:4] == (None, None)


# -- the document an event is held under -----
FRAMEWORKS = [
    (
        "Badan Meteorologi, Klimatologi, dan Geofisika dan Korea Meteorological Administration "
        "menggelar pertemuan teknis secara daring. Pertemuan ini digelar dalam kerangka nota "
        "kesepahaman antara BMKG dan KMA.",
        "MoU",
    ),
    (
        "Kementerian Perhubungan bersama Japan International Cooperation Agency menggelar rapat "
        "koordinasi di Jakarta. Rapat diselenggarakan di bawah payung Record of Discussions "
        "antara kedua pihak.",
        "other",
    ),
    (
        "Kementerian Pertanian dan FAO menggelar pertemuan teknis di Bogor. The meeting was held "
        "within the framework of the Memorandum of Understanding between the two sides.",
        "MoU",
    ),
]


@pytest.mark.parametrize(("body", "kind"), FRAMEWORKS)
def test_the_framework_of_a_meeting_is_its_agreement(body, kind):
    assert [t[1] for t in _terms(body)] == [kind]


def test_a_plan_and_its_framework_are_two_agreements():
    body = (
        "Dinas Kesehatan Provinsi Sulawesi Selatan bersama UNICEF mengevaluasi Rencana Kerja "
        "Tahunan 2025 di Makassar. Evaluasi digelar dalam kerangka nota kesepahaman antara "
        "Pemerintah Provinsi Sulawesi Selatan dan UNICEF periode 2023-2027."
    )
    found = sorted(_terms(body), key=lambda t: t[1])
    assert [t[1:4] for t in found] == [("MoU", 2023, 2027), ("other", 2025, 2025)]


def test_a_document_only_mentioned_is_no_framework():
    body = (
        "Kementerian Luar Negeri menerima kunjungan Duta Besar Norwegia di Jakarta. Keduanya "
        "membahas peluang kerja sama energi. Indonesia dan Norwegia pernah menandatangani nota "
        "kesepahaman pada 2010."
    )
    assert _terms(body) == []


# -- a news site's name before the body, a byline in the header -----
SITE_PREFIXES = [
    "KOMPAS.com - ",
    "Liputan6.com, Jakarta - ",
    "JAKARTA, KOMPAS.com - ",
    "VIVA.co.id – ",
]


@pytest.mark.parametrize("prefix", SITE_PREFIXES)
def test_the_partner_after_a_news_sites_name_is_found(prefix):
    text = (
        "https://contoh.com/read/2023/1\n"
        "Kompas.com - 12/05/2023, 10:00 WIB\n"
        "Penulis Rina Amelia | Editor Dimas Pratama\n"
        "Kemensos dan UNHCR Luncurkan Layanan Pengungsi\n\n"
        f"{prefix}Kementerian Sosial (Kemensos) bersama Komisariat Tinggi PBB untuk Pengungsi "
        "(UNHCR) meluncurkan layanan terpadu bagi pengungsi di Jakarta."
    )
    names = [p.name for p in extract(text).foreign_parties]
    assert any("UNHCR" in n or "Pengungsi" in n for n in names), names


BYLINES = [
    "Penulis Rina Amelia | Editor Dimas Pratama",
    "Oleh: Tim Humas Kemenkes",
    "Reporter: Andi Saputra",
    "Editor Bambang Wijaya",
]


@pytest.mark.parametrize("byline", BYLINES)
def test_a_byline_is_not_the_headline(byline):
    record = headed(
        f"{byline}\nKemenkes dan WHO Bahas Vaksinasi",
        "Kementerian Kesehatan menggelar rapat di Jakarta bersama perwakilan kedua organisasi.",
    )
    assert any("WHO" in n or "Kesehatan Dunia" in n for n in record["foreign_parties"])


# -- a name's acronym between two joint subjects -----
JOINT_WITH_ACRONYM = [
    "Kementerian Desa (Kemendes) bersama Dana Internasional untuk Pembangunan Pertanian "
    "(IFAD) meluncurkan program baru di Kupang.",
    "Badan Nasional Penanggulangan Bencana (BNPB) dan Palang Merah Jerman menggelar "
    "simulasi gempa di Padang.",
]


@pytest.mark.parametrize("body", JOINT_WITH_ACRONYM)
def test_the_partner_joined_after_an_acronym_in_brackets(body):
    assert foreign(body), body


# -- regional offices of national bodies attend for their body -----
VERTICAL_OFFICES = [
    ("Kepolisian Daerah Sulawesi Selatan", "Kepolisian Negara Republik Indonesia"),
    ("Polda Bali", "Kepolisian Negara Republik Indonesia"),
    ("Kantor Imigrasi Kelas I TPI Denpasar", "Kementerian Hukum dan Hak Asasi Manusia"),
    ("Balai Konservasi Sumber Daya Alam Jawa Barat", "Kementerian Lingkungan Hidup dan Kehutanan"),
    ("Balai Pengelola Transportasi Darat Kelas II Jambi", "Kementerian Perhubungan"),
    ("Balai Besar Pengawas Obat dan Makanan di Medan", "Badan Pengawas Obat dan Makanan"),
    ("Stasiun Meteorologi Sam Ratulangi", "Badan Meteorologi, Klimatologi, dan Geofisika"),
]


@pytest.mark.parametrize(("office", "body"), VERTICAL_OFFICES)
def test_a_regional_office_attends_for_its_national_body(office, body):
    text = (
        "https://contoh.go.id/berita/2\nPemprov Perkuat Kerja Sama\nSenin, 3 Juni 2024\n"
        "Pemerintah Provinsi Jawa Tengah dan UNICEF menggelar rapat koordinasi di Semarang, "
        f"Senin (3/6/2024). Rapat dihadiri oleh {office} dan perwakilan desa."
    )
    assert body in extract(text).to_record()["attending_agencies"]


def test_an_office_is_read_with_the_body_of_its_date():
    text = (
        "https://contoh.go.id/berita/3\nPemprov Perkuat Kerja Sama\nSenin, 3 Maret 2025\n"
        "Pemerintah Provinsi Bali dan IOM menggelar rapat koordinasi di Denpasar, Senin "
        "(3/3/2025). Rapat dihadiri oleh Kantor Imigrasi Kelas I TPI Denpasar."
    )
    assert extract(text).to_record()["attending_agencies"] == [
        "Kementerian Imigrasi dan Pemasyarakatan"
    ]


# -- two guests listed after the attendance cue are not the two sides -----
GUEST_LISTS = [
    "Pemerintah Kota Malang bersama Pemerintah Kota Tianjin menggelar pertemuan di Malang. "
    "Hadir pula perwakilan Konsulat Jenderal Tiongkok serta perwakilan Pusat Fasilitasi Kerja "
    "Sama Kementerian Dalam Negeri.",
    "Pemerintah Provinsi Sumatera Barat dan Pemerintah Prefektur Kochi menggelar rapat di "
    "Padang. Turut hadir Kedutaan Besar Jepang dan Kementerian Luar Negeri.",
]


@pytest.mark.parametrize("body", GUEST_LISTS)
def test_two_guests_in_a_list_are_not_the_sides(body):
    found = record(body)
    assert len(found["government_parties"]) == 1
    assert found["attending_agencies"]


def test_the_sides_named_after_an_attendance_cue_still_pair():
    body = (
        "Turut hadir dalam penandatanganan nota kesepahaman antara Pemerintah Provinsi Riau dan "
        "WWF-Indonesia, Kepala Dinas Kehutanan."
    )
    assert foreign(body)


# -- a person's rank is not the force -----
RANKS = [
    "Sekretaris Jenderal Kementerian Pertahanan, Marsdya TNI Budi Santoso",
    "Direktur Jenderal Strategi Pertahanan, Laksamana Muda TNI Agus Wijaya",
    "Sekretaris Jenderal Kementerian Pertahanan, Mayjen TNI (Purn.) Arif Hidayat",
]


@pytest.mark.parametrize("signer", RANKS)
def test_a_rank_with_its_force_is_not_the_force(signer):
    body = (
        "Kementerian Pertahanan dan Komite Internasional Palang Merah menandatangani nota "
        f"kesepahaman di Jakarta. MoU ditandatangani oleh {signer}, dan Kepala Delegasi ICRC."
    )
    found = record(body)
    assert "Tentara Nasional Indonesia" not in found["government_parties"]


# -- the foreign side's English titles -----
def test_a_hyphenated_vice_title_signs():
    body = (
        "Kementerian Perindustrian dan JICA menandatangani nota kesepahaman. Penandatanganan "
        "dilakukan oleh Sekretaris Jenderal Kementerian Perindustrian Agus Wirawan dan "
        "Vice-President JICA Kenji Tanaka di Tokyo."
    )
    assert ("Vice-President", "JICA") in signatories(body)


SOLE_PARTNER_TITLES = [
    (
        "Pemerintah Kabupaten Kubu Raya dan Wageningen University & Research menandatangani "
        "LoI. Penandatanganan dilakukan Bupati Kubu Raya, Budi, dan Director of Wageningen "
        "Food Safety Research, Prof. Jan Bakker, di Sungai Raya.",
        "Director of Wageningen Food Safety Research",
    ),
    (
        "Pemerintah Provinsi Jawa Timur dan Pemerintah Negara Bagian Australia Barat "
        "memperbarui MoU. MoU ditandatangani Gubernur Jawa Timur, Rina, dan Minister for "
        "Regional Development Western Australia, Tom Smith, di Surabaya.",
        "Minister for Regional Development Western Australia",
    ),
]


@pytest.mark.parametrize(("body", "title"), SOLE_PARTNER_TITLES)
def test_an_english_title_naming_no_body_signs_for_the_sole_partner(body, title):
    assert title in [t for t, _ in signatories(body)]


def test_a_sentence_after_a_title_is_no_title():
    body = (
        "Kementerian Pertanian dan FAO menandatangani LoI di Roma. Penandatanganan dilakukan "
        "Sekretaris Jenderal Kementerian Pertanian dan Deputi Direktur Jenderal FAO, demikian "
        "Minister Counsellor KBRI Roma Siti Rahma kepada wartawan, Minggu."
    )
    assert not any(t.startswith("Minister Counsellor") for t, _ in signatories(body))


# -- periods written with their days and months; a start year alone -----
DATED_PERIODS = [
    (
        "Kementerian Kesehatan dan Global Fund menandatangani grant agreement untuk periode "
        "1 Januari 2022 sampai 31 Desember 2026.",
        (2022, 2026),
    ),
    (
        "Pemerintah Provinsi Papua dan UNICEF menandatangani rencana kerja yang berlaku 1 Juli "
        "2023 s.d. 30 Juni 2025.",
        (2023, 2025),
    ),
    (
        "Kementerian Sosial dan WFP menandatangani nota kesepahaman yang berlaku 2024 hingga "
        "Desember 2027.",
        (2024, 2027),
    ),
]


@pytest.mark.parametrize(("body", "years"), DATED_PERIODS)
def test_a_period_written_with_days_and_months(body, years):
    found = _terms(body)
    assert [t[2:4] for t in found] == [years]


STARTS_ONLY = [
    "Kementerian Kesehatan dan WHO menandatangani nota kesepahaman yang berlaku mulai tahun 2025.",
    "Pemerintah Kota Bogor dan JICA menandatangani MoU yang mulai berlaku pada 1 Januari 2025.",
]


@pytest.mark.parametrize("body", STARTS_ONLY)
def test_a_start_year_alone(body):
    assert [t[2:4] for t in _terms(body)] == [(2025, None)]


def test_a_start_year_of_a_range_is_read_as_the_range():
    body = "Kemenkes dan WHO menandatangani nota kesepahaman yang berlaku mulai 2025 sampai 2028."
    assert [t[2:4] for t in _terms(body)] == [(2025, 2028)]


def test_a_title_read_before_and_after_its_organization_is_one_signer():
    body = (
        "Kementerian Kesehatan dan UNICEF menandatangani nota kesepahaman. Nota kesepahaman "
        "ditandatangani oleh Sekretaris Jenderal Kementerian Kesehatan, Budi, dan UNICEF "
        "Representative to Indonesia, Ana Lopez."
    )
    assert [o for _, o in signatories(body)].count("UNICEF") == 1


# -- organizations named only inside a speaker's words -----
QUOTED_OTHERS = [
    "Kementerian Kesehatan dan UNICEF meluncurkan program imunisasi di Kupang. “Program ini "
    "melengkapi dukungan Bank Dunia dan Asian Development Bank di sektor kesehatan,” kata "
    "Menteri.",
    'Kementerian Agama menandatangani nota kesepahaman dengan Hanns-Seidel-Stiftung. "Kami juga '
    'bekerja sama dengan The Asia Foundation untuk program lain," ujar Sekjen.',
]


@pytest.mark.parametrize("body", QUOTED_OTHERS)
def test_organizations_named_only_in_a_quotation_are_not_the_partners(body):
    assert len(foreign(body)) == 1


def test_the_only_partner_named_in_a_quotation_stays():
    body = (
        "Gubernur Bali menerima kunjungan delegasi di Denpasar. “Kami berterima kasih kepada "
        "UNICEF yang telah bermitra dengan Pemerintah Provinsi Bali,” kata Gubernur."
    )
    assert foreign(body) == ["UNICEF"]


# -- one organization written two ways -----
TRANSLATED_IN_BRACKETS = [
    "Kementerian ESDM dan Badan Energi Denmark (Danish Energy Agency/DEA) memperpanjang kerja "
    "sama transisi energi di Jakarta.",
    "Kementerian Pertahanan dan Komite Internasional Palang Merah (International Committee of "
    "the Red Cross/ICRC) menandatangani nota kesepahaman di Jakarta.",
    "Pemerintah Provinsi Jawa Timur bersama Organisasi Internasional untuk Migrasi "
    "(International Organization for Migration, IOM) menggelar rapat di Surabaya.",
]


@pytest.mark.parametrize("body", TRANSLATED_IN_BRACKETS)
def test_a_translation_in_brackets_is_the_same_organization(body):
    assert len(foreign(body)) == 1


ACRONYM_AND_COUNTRY = [
    "Kementerian Perindustrian dan Kementerian Ekonomi, Perdagangan, dan Industri Jepang (METI) "
    "menandatangani MoC. Delegasi METI Jepang dipimpin wakil menteri.",
    "Kementerian Luar Negeri dan Department of Foreign Affairs and Trade (DFAT) meluncurkan "
    "program beasiswa. Dukungan DFAT Australia mencapai 10 juta dolar.",
]


@pytest.mark.parametrize("body", ACRONYM_AND_COUNTRY)
def test_an_acronym_with_its_country_is_the_same_organization(body):
    assert len(foreign(body)) == 1


ATTRIBUTIVE = [
    "Kementerian Lingkungan Hidup dan Kehutanan dan ASEAN Centre for Biodiversity (ACB) "
    "menggelar lokakarya taman warisan ASEAN di Bogor.",
    "BNPB dan AHA Centre membahas pengerahan tim tanggap darurat ASEAN ke Indonesia.",
]


@pytest.mark.parametrize("body", ATTRIBUTIVE)
def test_a_grouping_named_as_an_attribute_is_no_partner(body):
    assert "ASEAN" not in foreign(body)


def test_a_grouping_met_with_stays_a_partner():
    body = "Kementerian Luar Negeri menggelar pertemuan dengan ASEAN di Jakarta."
    assert foreign(body) == ["ASEAN"]


# -- a foreign province or city named without its country -----
FOREIGN_SUBDIVISIONS = [
    (
        "Pemerintah Provinsi Jawa Timur menerima delegasi Provinsi Fujian yang dipimpin Wakil "
        "Gubernur Fujian di Surabaya.",
        "Provinsi Fujian",
    ),
    (
        "Pemerintah Kota Surabaya bekerja sama dengan Kota Busan dalam pengelolaan pelabuhan.",
        "Kota Busan",
    ),
]


@pytest.mark.parametrize(("body", "name"), FOREIGN_SUBDIVISIONS)
def test_a_foreign_subdivision_without_its_country(body, name):
    assert name in foreign(body)


def test_an_unknown_indonesian_looking_city_is_not_made_foreign():
    body = "Pemerintah Kota Bogor menggelar rapat tentang Kota Hijau di Balai Kota."
    assert foreign(body) == []
