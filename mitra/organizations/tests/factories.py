"""Factories for the registry: sectors, foreign organizations, people.

`ForeignOrganizationFactory()` is a published, registered ormas asing (legal type a). Pass
`sectors=[...]` to attach sectors. These write rows directly (no duplicate check); tests of the
duplicate check call `organization_create`.
"""

import factory
from factory.django import DjangoModelFactory

from mitra.organizations.models import ForeignOrganization, Person, Sector


class SectorFactory(DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"sector-{n}")
    name_id = factory.Sequence(lambda n: f"Sektor {n}")
    name_en = factory.Sequence(lambda n: f"Sector {n}")


class ForeignOrganizationFactory(DjangoModelFactory):
    class Meta:
        model = ForeignOrganization
        skip_postgeneration_save = True

    legal_name = factory.Sequence(lambda n: f"Test Foundation {n}")
    acronym = ""
    aliases: list[str] = []
    kind = ForeignOrganization.Kind.FOREIGN_NGO
    legal_type = ForeignOrganization.LegalType.A
    country = "US"
    status = ForeignOrganization.Status.REGISTERED
    is_published = True

    class Params:
        un_agency = factory.Trait(kind=ForeignOrganization.Kind.UN_AGENCY, legal_type="")
        regional = factory.Trait(kind=ForeignOrganization.Kind.REGIONAL_ORGANIZATION, legal_type="")
        unpublished = factory.Trait(is_published=False)

    @factory.post_generation
    def sectors(obj: ForeignOrganization, create: bool, extracted: object, **kwargs: object):  # type: ignore[no-untyped-def]
        obj.refresh_search_text()
        if create:
            obj.save(update_fields=["search_text"])
            if extracted:
                obj.sectors.set(extracted)  # type: ignore[arg-type]


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    title = "Regional Director"
    organization = factory.SubFactory(ForeignOrganizationFactory)
