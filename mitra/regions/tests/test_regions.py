"""Issue 18 §4: provinces and regencies/cities: Kemendagri codes, the loader, the centroid
selector."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from mitra.regions.loader import load_regions, regency_code
from mitra.regions.models import Province, Regency
from mitra.regions.selectors import region_centroids
from mitra.regions.tests.factories import ProvinceFactory, RegencyFactory


@pytest.mark.parametrize(("raw", "code"), [("3301", "33.01"), ("1101", "11.01"), ("9671", "96.71")])
def test_regency_codes_are_written_as_kemendagri_writes_them(raw, code):
    assert regency_code(raw) == code


@pytest.mark.django_db
def test_the_loader_gives_38_provinces_and_514_regencies_and_is_idempotent():
    assert load_regions() == (38, 514)
    assert load_regions() == (38, 514)
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert all(
        re.fullmatch(r"\d\d", code) for code in Province.objects.values_list("code", flat=True)
    )
    for code, province_code in Regency.objects.values_list("code", "province__code"):
        assert re.fullmatch(r"\d\d\.\d\d", code), code
        assert code.startswith(f"{province_code}."), code  # a regency lies in its province
    jateng = Province.objects.get(code="33")
    assert jateng.name == "Jawa Tengah"
    assert Regency.objects.get(code="33.01").province == jateng


@pytest.mark.django_db
def test_cities_and_regencies_are_told_apart_by_name():
    load_regions()
    cities = Regency.objects.filter(kind=Regency.Kind.CITY)
    assert cities.exists()
    assert all(name.startswith("Kota ") for name in cities.values_list("name", flat=True))
    assert not Regency.objects.filter(kind=Regency.Kind.REGENCY, name__startswith="Kota ").exists()


@pytest.mark.django_db
def test_the_loader_keeps_rows_and_corrects_names():
    load_regions()
    province = Province.objects.get(code="33")
    Province.objects.filter(pk=province.pk).update(name="Renamed")
    load_regions()
    assert Province.objects.get(code="33").pk == province.pk
    assert Province.objects.get(code="33").name == "Jawa Tengah"


@pytest.mark.django_db
def test_codes_are_unique():
    ProvinceFactory(code="99")
    with pytest.raises(IntegrityError), transaction.atomic():
        Province.objects.create(code="99", name="Again")
    assert Province.objects.filter(code="99").count() == 1


@pytest.mark.django_db
def test_a_province_with_regencies_cannot_be_deleted():
    regency = RegencyFactory()
    with pytest.raises(ProtectedError):
        regency.province.delete()
    assert Province.objects.filter(pk=regency.province_id).exists()


@pytest.mark.django_db
def test_rows_are_ordered_by_code_and_named_by_name():
    ProvinceFactory(code="98", name="B")
    ProvinceFactory(code="97", name="A")
    assert list(Province.objects.values_list("code", flat=True)) == ["97", "98"]
    assert str(Province.objects.get(code="97")) == "A"


@pytest.mark.django_db
def test_centroids_skip_unknown_centres_and_cost_one_query(django_assert_num_queries):
    ProvinceFactory(code="91", latitude=-2.123456, longitude=140.987654)
    ProvinceFactory(code="92", latitude=None, longitude=None)
    province = ProvinceFactory(code="93", latitude=-7.0, longitude=110.0)
    RegencyFactory(province=province, code="93.01", latitude=-7.25, longitude=110.4)
    with django_assert_num_queries(1):
        assert region_centroids() == [(-2.12, 140.99), (-7.0, 110.0)]
    with django_assert_num_queries(1):
        assert region_centroids(level="regency") == [(-7.25, 110.4)]
