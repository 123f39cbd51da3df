"""Phrase families of foreign names (issue 12): where a name ends and which forms are one
organization.

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from mitra.intake.extraction import extract


def foreign(text: str) -> list[str]:
    return [p.name for p in extract(text).foreign_parties]


# -- a title-case headline: the verb after the name is not part of it ----------------------
@pytest.mark.parametrize(
    ("text", "name", "verb"),
    [
        ("Pemprov Bali dan Pemerintah Selandia Baru Bahas Kerja Sama Panas Bumi\n\n"
         "Denpasar - Pemprov Bali menerima delegasi Pemerintah Selandia Baru.",
         "Pemerintah Selandia Baru", "Bahas"),
        ("Pemprov Jabar dan Negara Bagian Victoria Jajaki Pertukaran Pelajar\n\n"
         "Bandung - Pemprov Jabar menjajaki kerja sama dengan Negara Bagian Victoria.",
         "Negara Bagian Victoria", "Jajaki"),
        ("Kemenkes dan Pemerintah Kanada Tandatangani Nota Kesepahaman\n\n"
         "Jakarta - Kemenkes menandatangani nota kesepahaman dengan Pemerintah Kanada.",
         "Pemerintah Kanada", "Tandatangani"),
        ("Pemkot Medan dan Prefektur Ichikawa Pererat Hubungan\n\n"
         "Medan - Pemkot Medan bekerja sama dengan Prefektur Ichikawa, Jepang.",
         "Prefektur Ichikawa", "Pererat"),
        ("Kementan dan Kementerian Pertanian Jepang Sepakati Program Benih\n\n"
         "Jakarta - Kementan menjalin kerja sama dengan Kementerian Pertanian Jepang.",
         "Kementerian Pertanian Jepang", "Sepakati"),
    ],
)  # fmt: skip
def test_headline_verb_ends_the_foreign_name(text, name, verb):
    names = foreign(text)
    assert any(n.startswith(name) for n in names), names
    assert all(verb not in n for n in names), names


# -- "G dan <foreign agency named in Indonesian> (ACR)": one organization ---------------------
@pytest.mark.parametrize(
    ("text", "acronym", "full"),
    [
        ("Kementerian Kesehatan dan Badan Pembangunan Internasional Amerika Serikat (USAID) "
         "memperpanjang kerja sama. USAID akan mendukung program gizi.",
         "USAID", "Badan Pembangunan Internasional Amerika Serikat"),
        ("Kementerian Pertanian dan Badan Kerja Sama Internasional Korea (KOICA) menandatangani "
         "nota kesepahaman. KOICA menyediakan tenaga ahli.",
         "KOICA", "Badan Kerja Sama Internasional Korea"),
        ("Kementerian Kelautan dan Perikanan dan Lembaga Penelitian Kelautan Prancis (IFREMER) "
         "sepakat bekerja sama. Para peneliti IFREMER akan datang bulan depan.",
         "IFREMER", "Lembaga Penelitian Kelautan Prancis"),
    ],
)  # fmt: skip
def test_bracket_definition_after_a_government_body_is_one_organization(text, acronym, full):
    names = foreign(text)
    assert len(names) == 1, names
    assert names[0].startswith(full), names
    assert acronym in names[0], names


# -- "<ACR> Representative for Indonesia": a person's title, not an organization --------------
@pytest.mark.parametrize(
    "text",
    [
        "Kementerian Sosial dan UNICEF menandatangani rencana kerja. Dokumen ditandatangani oleh "
        "Sekretaris Jenderal Kementerian Sosial dan UNICEF Representative to Indonesia.",
        "Kementerian Pertanian bekerja sama dengan FAO. Hadir dalam acara itu FAO Representative "
        "for Indonesia and Timor-Leste.",
        "Badan Pusat Statistik menerima UNFPA Representative in Indonesia di kantornya. BPS dan "
        "UNFPA membahas kerja sama sensus.",
    ],
)
def test_representative_title_is_not_a_party(text):
    names = foreign(text)
    assert len(names) == 1, names
    assert "Representative" not in names[0], names


# -- "kerja sama kota kembar dengan Kota X": "Kota Kembar" is no city -------------------------
@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("Pemerintah Kota Bogor menjalin kerja sama Kota Kembar dengan Kota Saint-Louis, "
         "Prancis.", "Kota Saint-Louis"),
        ("Pemkot Semarang menandatangani perjanjian Kota Bersaudara dengan Kota Fuqing, "
         "Tiongkok.", "Kota Fuqing"),
    ],
)  # fmt: skip
def test_sister_city_words_are_not_a_city(text, city):
    names = foreign(text)
    assert [n for n in names if n.startswith(city)], names
    assert all(not n.startswith(("Kota Kembar", "Kota Bersaudara")) for n in names), names


# -- UN bodies and development agencies named in Indonesian ---------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kementerian ESDM dan Badan Energi Atom Internasional membahas keselamatan nuklir.",
         "Badan Energi Atom Internasional"),
        ("BNPB dan Palang Merah Internasional menggelar simulasi bencana di Palu.",
         "Palang Merah Internasional"),
        ("Kementerian Kesehatan bekerja sama dengan Dana Kependudukan Perserikatan "
         "Bangsa-Bangsa dalam program kesehatan ibu.",
         "Dana Kependudukan Perserikatan Bangsa-Bangsa"),
        ("Kementerian Perhubungan menjalin kerja sama dengan Organisasi Maritim Internasional "
         "di bidang keselamatan pelayaran.", "Organisasi Maritim Internasional"),
        ("Kementerian Agama bekerja sama dengan Bank Pembangunan Islam untuk pembangunan "
         "madrasah.", "Bank Pembangunan Islam"),
    ],
)  # fmt: skip
def test_international_bodies_named_in_indonesian(text, name):
    assert foreign(text) == [name]


# -- an envoy of a country: the country is the counterpart -----------------------------------
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kementerian Luar Negeri menerima kunjungan Duta Besar Jepang untuk Indonesia. "
         "Keduanya membahas kerja sama maritim.", "Jepang"),
        ("Gubernur Bali bertemu Konsul Jenderal Australia di Denpasar untuk membahas kerja "
         "sama pariwisata.", "Australia"),
        ("Bupati Badung menerima audiensi Dubes Selandia Baru membahas peluang kerja sama "
         "pertanian.", "Selandia Baru"),
    ],
)  # fmt: skip
def test_envoy_of_a_country_gives_the_country(text, country):
    assert foreign(text) == [country]


def test_indonesian_envoy_gives_no_counterpart():
    text = (
        "Duta Besar RI untuk Jepang menghadiri pameran dagang di Tokyo. Kementerian "
        "Perdagangan berharap ekspor meningkat."
    )
    assert foreign(text) == []


# -- "Kota X, Prefektur Y, Jepang": the prefecture or state is the city's address -------------
@pytest.mark.parametrize(
    ("text", "city", "address"),
    [
        ("Pemerintah Kota Bandung menandatangani letter of intent dengan Kota Hamamatsu, "
         "Prefektur Shizuoka, Jepang.", "Kota Hamamatsu", "Prefektur Shizuoka"),
        ("Pemkot Surabaya menjalin kerja sama sister city dengan Kota Seattle, Negara Bagian "
         "Washington, Amerika Serikat.", "Kota Seattle", "Negara Bagian Washington"),
        ("Pemkab Banyuwangi bekerja sama dengan Kota Guilin, Provinsi Guangxi, Tiongkok, di "
         "bidang pariwisata.", "Kota Guilin", "Provinsi Guangxi"),
    ],
)  # fmt: skip
def test_higher_level_after_a_foreign_city_is_its_address(text, city, address):
    names = foreign(text)
    assert [n for n in names if n.startswith(city)], names
    assert all(not n.startswith(address) for n in names), names


# -- "Internasional" in a domestic name: a field of study, an Indonesian association ----------
@pytest.mark.parametrize(
    "text",
    [
        "Kementerian Luar Negeri dan Pusat Studi Hubungan Internasional (PSHI) menggelar "
        "seminar kerja sama.",
        "Kemenkes dan Perhimpunan Dokter Spesialis Internasional Indonesia (PDSII) "
        "menandatangani nota kesepahaman.",
        "Bappenas bekerja sama dengan Pusat Kajian Perdagangan Internasional (PKPI) dalam "
        "penyusunan kebijakan.",
    ],
)
def test_domestic_names_with_internasional_are_not_foreign(text):
    assert foreign(text) == []
