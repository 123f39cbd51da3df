"""Phrase families of the twelfth pass (issue 12): one foreign organization written several ways
(a region's full style and its short form, a province followed by its country, an umbrella
before the agencies it lists), and the titles of the foreign side's signatories (a rector, a
burgomaster, a deputy ambassador).

Every sentence here was written for these tests; none is copied from a dev or fresh item.
"""

import pytest

from .family_items import agreements, foreign, signatories

# -- 1. one organization, one party ----------------------------------------------------------------
ONE_PARTY = [
    # a region's full style, then its short form
    ("Pemerintah Provinsi Bali menandatangani surat pernyataan kehendak dengan Pemerintah "
     "Provinsi Otonom Khusus Jeju di Denpasar. Kerja sama dengan Provinsi Jeju mencakup "
     "pariwisata.", ["Pemerintah Provinsi Otonom Khusus Jeju"]),
    ("Pemerintah Kota Medan menjajaki kerja sama dengan Pemerintah Provinsi Otonom Khusus Jeju. "
     "Delegasi Provinsi Jeju dipimpin wakil gubernur.", ["Pemerintah Provinsi Otonom Khusus Jeju"]),
    ("Pemerintah Provinsi Sumatera Utara menerima kunjungan Pemerintah Daerah Otonom Khusus "
     "Sejong. Pemerintah Kota Sejong menawarkan pelatihan.", None),
    # a province followed by its country: one party
    ("Pemerintah Provinsi Sulawesi Utara menandatangani nota kesepahaman dengan Pemerintah "
     "Provinsi Guangxi, Republik Rakyat Tiongkok di Manado.", ["Pemerintah Provinsi Guangxi"]),
    ("Pemerintah Provinsi Jawa Timur meneken nota kesepahaman dengan Provinsi Hainan, Tiongkok, "
     "di Surabaya.", ["Provinsi Hainan"]),
    ("Pemerintah Provinsi Jawa Tengah menandatangani perjanjian kerja sama dengan Prefektur "
     "Kumamoto, Jepang, di Semarang.", ["Prefektur Kumamoto"]),
    # an umbrella before the agencies it lists
    ("Kementerian Kesehatan menggelar pertemuan dengan tiga badan PBB, yaitu FAO, UNICEF dan "
     "UNFPA di Jakarta.", ["FAO", "UNICEF", "UNFPA"]),
    ("Bappenas menggelar pertemuan dengan badan-badan PBB, yakni UNDP dan WHO, di Jakarta.",
     ["UNDP", "WHO"]),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), ONE_PARTY)
def test_one_organization_is_one_party(body, expected):
    found = foreign(body)
    if expected is None:
        # a region's style and a city of the same name are not merged by this rule
        assert len(found) <= 2
    else:
        assert sorted(found) == sorted(expected)


def test_the_umbrella_is_not_a_party_but_the_agency_in_full_is():
    body = (
        "Kementerian Pertanian menggelar pertemuan dengan tiga badan PBB, yaitu FAO, UNICEF dan "
        "Program Pangan Dunia (WFP) di Jakarta."
    )
    found = foreign(body)
    assert "PBB" not in found
    assert any("WFP" in name or "Program Pangan Dunia" in name for name in found)
    assert len(found) == 3


def test_the_country_after_a_province_makes_no_second_agreement():
    body = (
        "Pemerintah Provinsi Bali menandatangani nota kesepahaman dengan Pemerintah Provinsi "
        "Hainan, Republik Rakyat Tiongkok, di Denpasar."
    )
    assert [a["partner"] for a in agreements(body)] == ["Pemerintah Provinsi Hainan"]


def test_a_country_that_is_the_partner_stays_a_party():
    body = (
        "Kementerian Luar Negeri menandatangani nota kesepahaman dengan Republik Rakyat Tiongkok."
    )
    assert foreign(body) == ["Republik Rakyat Tiongkok"]


def test_a_mayor_named_after_a_city_is_still_cut_off():
    body = (
        "Pemerintah Kota Surabaya menandatangani nota kesepahaman dengan Kota Kitakyushu Kenji "
        "Morimoto di Surabaya. Menurut Morimoto, kerja sama ini penting."
    )
    assert foreign(body) == ["Kota Kitakyushu"]


# -- 4. signatories of the foreign side ---------------------------------------------------------
SIGNERS = [
    ("Kementerian Pendidikan Tinggi menandatangani nota kesepahaman dengan Universiteit Leiden. "
     "Nota itu ditandatangani oleh Rector Magnificus Universiteit Leiden.",
     ("Rector Magnificus", "Universiteit Leiden")),
    ("Pemerintah Kota Surabaya menandatangani nota kesepahaman dengan Kota Rotterdam. Naskah "
     "ditandatangani oleh Wali Kota Surabaya dan Burgemeester Kota Rotterdam.",
     ("Burgemeester", "Kota Rotterdam")),
    ("Kementerian Kesehatan menandatangani nota kesepahaman dengan Pemerintah Jepang. Nota "
     "ditandatangani oleh Menteri Kesehatan dan Wakil Duta Besar Jepang untuk Indonesia.",
     ("Wakil Duta Besar", "Pemerintah Jepang")),
    ("Kementerian Pertanian menandatangani perjanjian dengan Pemerintah Australia. Perjanjian "
     "ditandatangani Menteri Pertanian dan Wakil Duta Besar Australia.",
     ("Wakil Duta Besar", "Pemerintah Australia")),
]  # fmt: skip


@pytest.mark.parametrize(("body", "expected"), SIGNERS)
def test_the_foreign_side_signs_under_its_own_title(body, expected):
    assert expected in signatories(body)


def test_a_minister_before_a_deputy_ambassador_is_still_the_indonesian_signer():
    body = (
        "Kementerian Kesehatan menandatangani nota kesepahaman dengan Pemerintah Jepang. Nota "
        "ditandatangani oleh Menteri Kesehatan dan Wakil Duta Besar Jepang untuk Indonesia."
    )
    assert ("Menteri Kesehatan", "Kementerian Kesehatan") in signatories(body)
    assert foreign(body) == ["Pemerintah Jepang"]
