"""The cast shared by the app test suites: Kemendagri with its Pusat Fasker unit, Kemenkes, and
one user per government role. App conftests add what only they need."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Messages raised by services are asserted in English (the msgids) whatever the
    default language is; pages under /id/ and /en/ still render in their URL's language."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_deadline_caches() -> Iterator[None]:
    """The deadline rules and the working-day calendar are cached per process; a test's rows
    are rolled back without signals, so each test starts (and ends) with empty caches."""
    from mitra.deadlines import calendar, engine

    calendar.clear_cache()
    engine.clear_cache()
    yield
    calendar.clear_cache()
    engine.clear_cache()


@pytest.fixture(autouse=True)
def _fresh_login_throttle() -> None:
    """Sign-in failures are counted in the cache per username and client address (all test
    clients share 127.0.0.1): each test starts with no count and no lock."""
    from django.core.cache import caches

    caches["throttle"].clear()
    caches["default"].clear()


@pytest.fixture
def kemendagri(db: Any) -> GovernmentBody:
    return GovernmentBodyFactory(
        key="kemendagri", name="Kementerian Dalam Negeri", acronym="Kemendagri"
    )


@pytest.fixture
def fasker(kemendagri: GovernmentBody) -> GovernmentBody:
    return GovernmentBodyFactory(
        key="kemendagri-pusat-fasker",
        name="Pusat Fasilitasi Kerja Sama",
        acronym="",
        kind=GovernmentBody.Kind.UNIT,
        parent=kemendagri,
    )


@pytest.fixture
def kemenkes(db: Any) -> GovernmentBody:
    return GovernmentBodyFactory(key="kemenkes", name="Kementerian Kesehatan", acronym="Kemenkes")


@pytest.fixture
def operator(db: Any) -> Any:
    return UserFactory(username="operator", operator=True)


@pytest.fixture
def officer(fasker: GovernmentBody) -> Any:
    """The Kemendagri officer, attached to the Pusat Fasker unit (their agency is Kemendagri)."""
    return UserFactory(username="kemendagri", officer=True, body=fasker)


@pytest.fixture
def viewer(kemendagri: GovernmentBody) -> Any:
    return UserFactory(username="kemendagri_viewer", viewer=True, body=kemendagri)


@pytest.fixture
def other_officer(kemenkes: GovernmentBody) -> Any:
    """An officer of another ministry."""
    return UserFactory(username="kemenkes", officer=True, body=kemenkes)


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """Tests marked `postgresql` (races between real concurrent connections: SQLite writes one
    at a time and has no row locks) run in the PostgreSQL pass. On SQLite they are deselected,
    and the run says so; on PostgreSQL nothing is skipped (docs/dev/concurrency.md)."""
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    deselected = [item for item in items if item.get_closest_marker("postgresql")]
    if not deselected:
        return
    items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
    config.hook.pytest_deselected(items=deselected)
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(
            f"{len(deselected)} test(s) marked 'postgresql' deselected: the database is not "
            "PostgreSQL (set TEST_DATABASE_URL; `make test-postgres` runs them)."
        )
