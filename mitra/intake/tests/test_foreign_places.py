"""Foreign first-level subdivisions from ISO 3166-2 (pycountry), as the press writes them."""

import pytest

from mitra.intake.extraction.foreign_places import foreign_subdivisions, is_foreign_subdivision


@pytest.mark.parametrize(
    "name",
    [
        "Fujian",  # ISO "Fujian Sheng"
        "Guangxi",  # ISO "Guangxi Zhuangzu Zizhiqu"
        "Shizuoka",
        "Chungcheongbuk-do",
        "Busan",  # ISO "Busan-gwangyeoksi"
        "Queensland",
        "Australia Selatan",  # "South Australia" written the Indonesian way
        "Australia Barat",
        "Sarawak",
        "Dili",  # ISO "Díli"
        "Zuid-Holland",
        "Fujian, Tiongkok",
    ],
)
def test_foreign_subdivisions_are_known(name):
    assert is_foreign_subdivision(name)


@pytest.mark.parametrize(
    "name", ["Jawa Barat", "Bali", "Papua", "Aceh", "Central", "Western", "Bogor", "Kitakyushu"]
)
def test_indonesian_places_and_common_words_are_not(name):
    assert not is_foreign_subdivision(name)


def test_no_indonesian_subdivision_is_listed():
    assert {"jawa timur", "nusa tenggara timur", "sulawesi selatan"}.isdisjoint(
        foreign_subdivisions()
    )
