"""Phrase families of the thirteenth pass (issue 12): event types (a half-term review, drafting a
document chapter by chapter, a rule told in general), attendance (representatives who give
input, regions listed under one government head), domestic foundations and companies, the
members of an umbrella met with, a country office named after a known organization, and a
regional official followed by the region's short name.

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from .family_items import attending, event_types, foreign, signatories

# -- 5. event types -----
EVALUATIONS = [
    "Kementerian Kesehatan dan UNICEF menggelar Mid-Term Review program kerja sama di Jakarta.",
    "Bappenas bersama UNDP melaksanakan midterm review rencana kerja di Bogor.",
    "Kementerian Sosial dan WFP menggelar reviu paruh waktu program bantuan pangan di Kupang.",
    "Kementerian Pertanian dan IFAD melaksanakan evaluasi paruh waktu proyek di Makassar.",
]


@pytest.mark.parametrize("body", EVALUATIONS)
def test_a_half_term_review_is_an_evaluation(body):
    assert "evaluation" in event_types(body)


def test_a_half_term_review_held_as_a_meeting_is_both():
    body = "Kementerian Desa menggelar rapat evaluasi paruh waktu program bersama IFAD di Jakarta."
    assert {"meeting", "evaluation"} <= set(event_types(body))


DRAFTING = [
    "Tim Kementerian Luar Negeri dan Pemerintah Jepang membahas bab demi bab rancangan "
    "perjanjian kerja sama.",
    "Kementerian Hukum dan Pemerintah Belanda membahas pasal demi pasal draf nota kesepahaman.",
    "Kementerian Pertanian dan FAO menggelar konsinyering penyusunan rancangan nota kesepahaman.",
]


@pytest.mark.parametrize("body", DRAFTING)
def test_drafting_a_document_is_a_negotiation(body):
    assert "negotiation" in event_types(body)


GENERAL_RULES = [
    "Gubernur mengingatkan bahwa MoU yang ditandatangani tanpa sepengetahuan pemerintah pusat "
    "tidak berlaku. Pemerintah Provinsi Jawa Barat menerima kunjungan JICA di Bandung.",
    "Menurut Sekda, perjanjian yang diteken harus dilaporkan kepada Kementerian Dalam Negeri. "
    "Pemerintah Kota Bogor bertemu dengan delegasi KOICA.",
    "Setiap nota kesepahaman yang ditandatangani wajib dikonsultasikan. Pemerintah Kabupaten "
    "Sleman menerima kunjungan GIZ.",
]


@pytest.mark.parametrize("body", GENERAL_RULES)
def test_a_rule_told_in_general_is_not_a_signing(body):
    assert "signing" not in event_types(body)


def test_a_signing_in_a_relative_clause_still_counts():
    body = (
        "Nota kesepahaman yang ditandatangani Pemerintah Provinsi Bali dan Pemerintah Provinsi "
        "Hainan di Denpasar mencakup pariwisata."
    )
    assert "signing" in event_types(body)


# -- 6. attendance -----
def test_representatives_who_give_input_attend():
    body = (
        "Kementerian Kesehatan menggelar lokakarya bersama WHO. Perwakilan dari Kementerian "
        "Dalam Negeri, Kementerian Keuangan, dan Kementerian Sosial turut memberikan masukan."
    )
    assert sorted(attending(body)) == [
        "Kementerian Dalam Negeri",
        "Kementerian Keuangan",
        "Kementerian Sosial",
    ]


def test_representatives_who_take_part_attend():
    body = (
        "Kementerian Pertanian menggelar rapat bersama FAO di Bogor. Perwakilan Kementerian "
        "Kelautan dan Perikanan dan Kementerian Kesehatan juga berpartisipasi dalam rapat itu."
    )
    assert "Kementerian Kesehatan" in attending(body)


SHARED_HEAD = [
    ("Kementerian Lingkungan Hidup dan Kehutanan menggelar rapat bersama GIZ yang dihadiri "
     "Pemerintah Kabupaten Berau dan Kabupaten Kutai Barat.",
     ["Pemerintah Kabupaten Berau", "Pemerintah Kabupaten Kutai Barat"]),
    ("Bappenas menggelar lokakarya bersama UNDP yang dihadiri Pemerintah Provinsi Maluku, "
     "Maluku Utara, Papua Barat, dan NTT.",
     ["Pemerintah Provinsi Maluku", "Pemerintah Provinsi Maluku Utara",
      "Pemerintah Provinsi Nusa Tenggara Timur", "Pemerintah Provinsi Papua Barat"]),
    ("Kementerian Kesehatan menggelar pertemuan bersama UNICEF yang dihadiri Pemerintah "
     "Provinsi Aceh serta Sumatera Barat.",
     ["Pemerintah Provinsi Aceh", "Pemerintah Provinsi Sumatera Barat"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), SHARED_HEAD)
def test_regions_listed_under_one_head_all_attend(body, expected):
    assert sorted(attending(body)) == expected


def test_a_bare_region_without_a_government_head_is_not_raised():
    body = (
        "Kementerian Kesehatan menggelar pertemuan bersama UNICEF tentang gizi di Aceh dan "
        "Sumatera Barat."
    )
    assert attending(body) == []


# -- 7. domestic foundations and companies -----
DOMESTIC = [
    ("Kementerian Pendidikan bekerja sama dengan Tanoto Foundation dan UNICEF menggelar "
     "pelatihan guru.", ["UNICEF"]),
    ("Kementerian Pendidikan menandatangani nota kesepahaman dengan Djarum Foundation di "
     "Kudus.", []),
    ("Kementerian Pariwisata menandatangani nota kesepahaman dengan Traveloka dan UNWTO.",
     ["UNWTO"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), DOMESTIC)
def test_domestic_foundations_and_companies_are_not_foreign(body, expected):
    assert foreign(body) == expected


def test_a_foreign_foundation_stays_foreign():
    body = "Kementerian Kesehatan menandatangani nota kesepahaman dengan Gates Foundation."
    assert foreign(body) == ["Gates Foundation"]


# -- from pass 12: an umbrella met with, a country office, a regional official -----
UMBRELLA = [
    ("Bappenas bertemu dengan badan-badan PBB, yakni UNDP dan WHO, di Jakarta.", ["UNDP", "WHO"]),
    ("Kementerian Kesehatan bertemu dengan tiga badan PBB, yaitu FAO, UNICEF dan UNFPA di "
     "Jakarta.", ["FAO", "UNFPA", "UNICEF"]),
    ("Kementerian Sosial bertemu dengan dua lembaga PBB, yaitu WFP dan UNHCR.", ["UNHCR", "WFP"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), UMBRELLA)
def test_the_members_of_an_umbrella_met_with_are_parties(body, expected):
    assert sorted(foreign(body)) == expected


SIGNERS = [
    ("Pemerintah Kabupaten Lombok Utara menandatangani nota kesepahaman dengan Plan "
     "International. Nota ditandatangani oleh Sekretaris Daerah KLU dan Direktur Program Plan "
     "Indonesia.",
     [("Sekretaris Daerah", "Pemerintah Kabupaten Lombok Utara"),
      ("Direktur Program", "Plan International")]),
    ("Pemerintah Kabupaten Tabanan menandatangani nota kesepahaman dengan Plan International, "
     "disaksikan Bupati Tabanan. Naskah ditandatangani oleh Sekretaris Daerah Tabanan dan "
     "Country Director Plan International.",
     [("Sekretaris Daerah", "Pemerintah Kabupaten Tabanan"),
      ("Country Director", "Plan International")]),
    ("Pemerintah Kabupaten Kulon Progo menandatangani nota kesepahaman dengan Mercy Corps. "
     "Nota ditandatangani Sekda Kulon Progo dan Country Director Mercy Corps.",
     [("Sekda", "Pemerintah Kabupaten Kulon Progo"), ("Country Director", "Mercy Corps")]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), SIGNERS)
def test_a_regional_official_and_a_country_office_sign(body, expected):
    assert sorted(signatories(body)) == sorted(expected)


def test_a_witness_of_the_region_is_not_a_signer():
    body = (
        "Pemerintah Kabupaten Tabanan menandatangani nota kesepahaman dengan Plan International, "
        "disaksikan Bupati Tabanan."
    )
    assert not any(title == "Bupati" for title, _ in signatories(body))


def test_a_short_name_of_another_region_signs_for_nobody():
    body = (
        "Pemerintah Kabupaten Lombok Utara menandatangani nota kesepahaman dengan Plan "
        "International. Nota ditandatangani oleh Sekretaris Daerah Sleman."
    )
    assert not any(org.startswith("Pemerintah") for _, org in signatories(body))
