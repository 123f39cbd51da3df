"""Factories for provinces and regencies/cities (tests only; real data: `load_reference`)."""

import factory
from factory.django import DjangoModelFactory

from mitra.regions.models import Province, Regency


class ProvinceFactory(DjangoModelFactory):
    """A province with a two-digit code outside the real range unless `code=` is given."""

    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{90 + n % 10}")
    name = factory.Sequence(lambda n: f"Provinsi Uji {n}")


class RegencyFactory(DjangoModelFactory):
    """A regency ("33.01" style code under its province)."""

    class Meta:
        model = Regency
        django_get_or_create = ("code",)

    province = factory.SubFactory(ProvinceFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.province.code}.{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    kind = Regency.Kind.REGENCY
