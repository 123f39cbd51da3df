"""Government parties written in press forms the earlier families missed (issue 12): a
regional government as "Pemda <name>" (only when no other regency, city or province goes by
that name), and heads of offices whose title is not the office's name with a head word
("Sekretaris Kabinet" for Sekretariat Kabinet, "Kepala Staf Kepresidenan" for the Kantor Staf
Presiden).

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from mitra.intake.extraction import extract

HEAD = "https://contoh.go.id/berita/9\nDaerah Perkuat Kemitraan dengan Lembaga Internasional\n"


def parties(body: str) -> list[str]:
    return extract(HEAD + body).government_parties


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Pemda Sleman menjalin kerja sama dengan JICA dalam pengelolaan sampah.",
         "Pemerintah Kabupaten Sleman"),
        ("Pemda Banyuwangi dan UNICEF menandatangani perjanjian kerja sama.",
         "Pemerintah Kabupaten Banyuwangi"),
        ("Pemda Surabaya menerima kunjungan delegasi Kota Kitakyushu.",
         "Pemerintah Kota Surabaya"),
        ("Pemda DIY menggelar rapat bersama GIZ.",
         "Pemerintah Provinsi Daerah Istimewa Yogyakarta"),
    ],
)  # fmt: skip
def test_regional_government_as_pemda(body, name):
    assert parties(body) == [name]


def test_pemda_with_a_name_shared_by_a_regency_and_a_city_is_not_guessed():
    # Kabupaten Bogor and Kota Bogor: "Pemda Bogor" names neither for sure
    assert parties("Pemda Bogor menjalin kerja sama dengan JICA dalam pengelolaan sampah.") == []


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Sekretaris Kabinet menerima kunjungan Direktur Regional UNDP di Jakarta.",
         "Sekretariat Kabinet"),
        ("Kepala Staf Kepresidenan bertemu dengan perwakilan Bank Dunia membahas kerja sama.",
         "Kantor Staf Presiden"),
        ("Kepala Staf Presiden menerima delegasi USAID di Bina Graha.", "Kantor Staf Presiden"),
    ],
)  # fmt: skip
def test_head_of_an_office_stands_for_it(body, name):
    assert parties(body) == [name]
