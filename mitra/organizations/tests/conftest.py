"""Shared setup for registry tests."""

import pytest
from django.utils import translation

from mitra.accounts.tests.factories import UserFactory


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def officer(db):
    return UserFactory(officer=True)
