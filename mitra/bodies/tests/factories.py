"""Factories for government bodies.

`GovernmentBodyFactory()` is a ministry; `GovernmentBodyFactory(unit=True)` a unit under a new
ministry (or under `parent=`). `search_text` is filled as the loader does.
"""

import factory
from factory.django import DjangoModelFactory

from mitra.bodies.models import GovernmentBody


class GovernmentBodyFactory(DjangoModelFactory):
    class Meta:
        model = GovernmentBody
        django_get_or_create = ("key",)
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Kementerian Uji {n}")
    acronym = factory.Sequence(lambda n: f"Kemuji{n}")
    kind = GovernmentBody.Kind.MINISTRY

    class Params:
        unit = factory.Trait(
            kind=GovernmentBody.Kind.UNIT,
            name=factory.Sequence(lambda n: f"Pusat Uji {n}"),
            acronym="",
            parent=factory.SubFactory("mitra.bodies.tests.factories.GovernmentBodyFactory"),
        )

    @factory.post_generation
    def search(obj: GovernmentBody, create: bool, extracted: object, **kwargs: object) -> None:
        obj.refresh_search_text()
        if create:
            obj.save(update_fields=["search_text"])
