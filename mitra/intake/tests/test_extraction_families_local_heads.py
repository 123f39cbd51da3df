"""Heads of local governments (issue 12, second pass): a foreign mayor or governor met or
signing stands for the city or region abroad ("Wali Kota Perth", "Mayor of Darwin",
"Governor of Hokkaido", "Gubernur Victoria, Australia"), while an Indonesian one stands for
the regional government, also when the region's compound name is written in one word
("Wali Kota Baubau", "Walikota Tanjungpinang", "Pemkot Pangkalpinang").

Every sentence here was written for these tests; none is copied from a dev item.
"""

import pytest

from .family_items import foreign, government


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("Wali Kota Surabaya menerima kunjungan Wali Kota Perth di Balai Kota.", "Kota Perth"),
        ("Wali Kota Bogor bertemu dengan Wali Kota Kawasaki untuk membahas kerja sama "
         "pengelolaan sampah.", "Kota Kawasaki"),
        ("Pemkot Kupang dan Walikota Darwin menandatangani nota kesepahaman kota kembar.",
         "Kota Darwin"),
        ("Wakil Wali Kota Batu menerima kunjungan Wali Kota Toowoomba Kunjungi Batu.",
         "Kota Toowoomba"),
        ("Gubernur Bali bertemu dengan Mayor of Darwin untuk membahas kerja sama pariwisata.",
         "City of Darwin"),
        ("Bupati Badung menerima kunjungan Governor of Hokkaido dalam rangka kerja sama "
         "pariwisata.", "Hokkaido"),
        ("Gubernur Jawa Timur menandatangani nota kesepahaman dengan Gubernur Victoria, "
         "Australia.", "Victoria"),
        ("Pemkot Medan menjalin kerja sama dengan Wali Kota Ichikawa, Jepang.", "Kota Ichikawa"),
    ],
)  # fmt: skip
def test_a_foreign_head_of_local_government_stands_for_the_place(body, name):
    assert name in foreign(body)


@pytest.mark.parametrize(
    "body",
    [
        "Wali Kota Baubau bertemu dengan perwakilan UNICEF.",
        "Walikota Tanjungpinang menjalin kerja sama dengan KOICA.",
        "Wali Kota Semarang menerima kunjungan Wali Kota Surakarta membahas kerja sama.",
        "Gubernur Kaltim bertemu dengan Gubernur Jenderal Australia.",
        "Gubernur Sulawesi Selatan menerima Gubernur Sulawesi Barat membahas kerja sama.",
        "Pemkab Sleman bertemu dengan Gubernur Lemhannas membahas kerja sama.",
    ],
)
def test_an_indonesian_head_of_region_is_no_foreign_place(body):
    assert not any(name.startswith(("Kota ", "City of")) for name in foreign(body))
    assert not [n for n in foreign(body) if n in ("Surakarta", "Jenderal", "Sulawesi Barat")]


@pytest.mark.parametrize(
    ("body", "body_name"),
    [
        ("Wali Kota Baubau bertemu dengan perwakilan UNICEF.", "Pemerintah Kota Bau Bau"),
        ("Walikota Tanjungpinang menjalin kerja sama dengan KOICA.",
         "Pemerintah Kota Tanjung Pinang"),
        ("Pemkot Pangkalpinang menandatangani nota kesepahaman dengan UNDP.",
         "Pemerintah Kota Pangkal Pinang"),
    ],
)  # fmt: skip
def test_a_compound_region_name_written_in_one_word(body, body_name):
    assert government(body) == [body_name]
