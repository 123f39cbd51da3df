"""Shared setup for agreement tests: Kemendagri with its Pusat Fasker unit, users, partners."""

from datetime import date

import pytest
from django.utils import translation

from mitra.agreements.services import AgreementInput
from mitra.organizations.tests.factories import ForeignOrganizationFactory


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
