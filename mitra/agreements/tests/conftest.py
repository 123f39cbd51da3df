"""Shared setup for agreement tests: Kemendagri with its Pusat Fasker unit, users, partners."""

from datetime import date

import pytest
from django.utils import translation

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.services import AgreementInput
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory


@pytest.fixture
def kemendagri(db):
    return GovernmentBodyFactory(
        key="kemendagri", name="Kementerian Dalam Negeri", acronym="Kemendagri"
    )


@pytest.fixture
def fasker(kemendagri):
    return GovernmentBodyFactory(
        key="kemendagri-pusat-fasker",
        name="Pusat Fasilitasi Kerja Sama",
        acronym="",
        kind=GovernmentBody.Kind.UNIT,
        parent=kemendagri,
    )


@pytest.fixture
def kemenkes(db):
    return GovernmentBodyFactory(key="kemenkes", name="Kementerian Kesehatan", acronym="Kemenkes")


@pytest.fixture
def officer(fasker):
    """The Kemendagri officer, attached to the Pusat Fasker unit (as in the demo)."""
    return UserFactory(officer=True, body=fasker, username="kemendagri")


@pytest.fixture
def viewer(kemendagri):
    return UserFactory(viewer=True, body=kemendagri, username="kemendagri_viewer")


@pytest.fixture
def other_officer(kemenkes):
    return UserFactory(officer=True, body=kemenkes, username="kemenkes")


@pytest.fixture
def operator(db):
    return UserFactory(operator=True, username="operator")


@pytest.fixture
def ford(db):
    return ForeignOrganizationFactory(legal_name="Ford Foundation", aliases=["The Ford Foundation"])


@pytest.fixture
def make_input(kemendagri, ford):
    """Build an AgreementInput for Kemendagri and Ford; keywords override."""

    def make(**overrides):
        values = {
            "title": "Memorandum Saling Pengertian Kemendagri – Ford Foundation",
            "type": "msp",
            "owner": kemendagri,
            "foreign_parties": [ford],
            "signing_date": date(2021, 3, 17),
            "start_date": date(2021, 3, 17),
            "end_date": date(2024, 3, 16),
        }
        values.update(overrides)
        return AgreementInput(**values)

    return make


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English (the msgids), whatever LANGUAGE_CODE says."""
    with translation.override("en"):
        yield
