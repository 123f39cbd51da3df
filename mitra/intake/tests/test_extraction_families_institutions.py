"""Foreign partners that are universities, companies or international bodies known by a bare
acronym (issue 12, second pass): "Kyoto University", "University of Melbourne",
"Universitas Kyoto, Jepang", "Kubota Corporation", "Toyota Tsusho Co., Ltd.", "Siemens
Energy GmbH"; "Gavi", "C40", "ICLEI". Indonesian companies ("PT X") and Indonesian
universities written in English ("Telkom University", "University of Indonesia") stay out.

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from .family_items import foreign


# -- foreign universities ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Pemerintah Kota Surabaya bekerja sama dengan Kyoto University dalam pengelolaan "
         "sampah.", "Kyoto University"),
        ("Kementerian Kesehatan menandatangani nota kesepahaman dengan University of Melbourne "
         "di bidang riset.", "University of Melbourne"),
        ("Pemkab Sleman menandatangani nota kesepahaman dengan Universitas Kyoto, Jepang di "
         "bidang pertanian.", "Universitas Kyoto"),
        ("Pemprov Jawa Barat menjalin kerja sama dengan Wageningen University & Research "
         "dalam bidang hortikultura.", "Wageningen University & Research"),
        ("Bupati Gianyar menerima kunjungan delegasi Universitas Leiden, Belanda untuk "
         "membahas kerja sama pelestarian naskah kuno.", "Universitas Leiden"),
        ("Kementerian Pertanian bekerja sama dengan Universität Hohenheim dalam riset "
         "pertanian tropis.", "Universität Hohenheim"),
        ("Pemerintah Aceh menandatangani perjanjian kerja sama dengan the University of "
         "Tokyo terkait riset kebencanaan.", "University of Tokyo"),
    ],
)  # fmt: skip
def test_a_foreign_university_is_a_partner(body, name):
    assert name in foreign(body)


@pytest.mark.parametrize(
    "body",
    [
        "Pemkot Bandung bekerja sama dengan Telkom University dalam pengembangan kota cerdas.",
        "Pemprov DIY menandatangani nota kesepahaman dengan Gadjah Mada University.",
        "Kementerian Kesehatan bekerja sama dengan University of Indonesia dalam riset.",
        "Pemkab Malang bekerja sama dengan Brawijaya University dalam pemetaan desa.",
        "Pemkot Surabaya menjalin kerja sama dengan Universitas Airlangga di bidang kesehatan.",
        "Pemkab Sleman bekerja sama dengan Universitas Gadjah Mada, Yogyakarta dalam KKN.",
    ],
)
def test_an_indonesian_university_is_no_foreign_partner(body):
    assert foreign(body) == []


# -- foreign companies ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Kementerian Pertanian menjalin kerja sama dengan Kubota Corporation untuk "
         "mekanisasi pertanian.", "Kubota Corporation"),
        ("Pemprov Jawa Tengah dan Toyota Tsusho Co., Ltd. menandatangani MoU pengembangan "
         "energi terbarukan.", "Toyota Tsusho Co., Ltd"),
        ("Kementerian Perindustrian bekerja sama dengan Siemens Energy GmbH dalam pelatihan "
         "vokasi.", "Siemens Energy GmbH"),
        ("Pemkot Bandung menjalin kerja sama dengan Google Inc. untuk literasi digital.",
         "Google Inc"),
        ("Pemkab Karawang menandatangani nota kesepahaman dengan Hyundai Engineering Co., Ltd. "
         "terkait pengolahan air.", "Hyundai Engineering Co., Ltd"),
        ("Pemprov Kalimantan Timur bekerja sama dengan Mitsubishi Heavy Industries, Ltd. "
         "dalam transisi energi.", "Mitsubishi Heavy Industries, Ltd"),
        ("Kementerian Perhubungan menandatangani MoU dengan Sembcorp Marine Pte Ltd mengenai "
         "galangan kapal.", "Sembcorp Marine Pte Ltd"),
    ],
)  # fmt: skip
def test_a_foreign_company_is_a_partner(body, name):
    assert name in foreign(body)


@pytest.mark.parametrize(
    "body",
    [
        "Pemkab Banyuwangi bekerja sama dengan PT Pertamina dalam pembangunan jalan.",
        "Pemprov Jawa Barat menandatangani MoU dengan PT Toyota Motor Manufacturing "
        "Indonesia tentang vokasi.",
        "Pemkot Batam bekerja sama dengan PT Batam Shipyard Corporation dalam pelatihan.",
        "Pemkab Gresik bekerja sama dengan Semen Indonesia Corporation dalam reklamasi.",
    ],
)
def test_an_indonesian_company_is_no_foreign_partner(body):
    assert foreign(body) == []


def test_a_company_suffix_does_not_swallow_the_next_sentence():
    names = foreign(
        "Pemkab Kendal bekerja sama dengan Daikin Industries, Ltd. Kerja sama itu meliputi "
        "pelatihan teknisi."
    )
    assert names == ["Daikin Industries, Ltd"]


# -- international bodies named by a bare acronym -----------------------------------------------
@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Pemprov Bali menjalin kerja sama dengan Gavi untuk program imunisasi.", "Gavi"),
        ("Pemprov DKI Jakarta menandatangani nota kesepahaman dengan C40 tentang aksi iklim "
         "perkotaan.", "C40"),
        ("Pemkot Semarang bekerja sama dengan ICLEI dalam program kota rendah karbon.", "ICLEI"),
        ("Kementerian Lingkungan Hidup dan Kehutanan bekerja sama dengan IUCN dalam "
         "konservasi mangrove.", "IUCN"),
        ("Kementerian Pertanian bekerja sama dengan ACIAR dalam riset sapi potong.", "ACIAR"),
        ("Pemkab Sintang menjalin kerja sama dengan ICRAF untuk agroforestri.", "ICRAF"),
        ("Kementerian Perdagangan bekerja sama dengan JETRO dalam promosi ekspor.", "JETRO"),
        ("Pemprov Riau bekerja sama dengan CGIAR dalam riset pangan.", "CGIAR"),
    ],
)  # fmt: skip
def test_an_international_body_by_its_acronym_is_a_partner(body, name):
    assert foreign(body) == [name]


def test_an_acronym_and_its_full_name_are_one_partner():
    names = foreign(
        "Pemprov Jakarta bekerja sama dengan C40 Cities Climate Leadership Group (C40). "
        "C40 akan membantu penyusunan rencana aksi iklim."
    )
    assert names == ["C40 Cities Climate Leadership Group (C40)"]
