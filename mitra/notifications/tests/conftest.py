"""A test event registered for the notifications app's own tests: it tells the officials of
the bodies and the representatives of the organizations named in the context."""

from collections.abc import Iterator
from typing import Any

import pytest

from mitra.notifications import registry
from mitra.notifications.recipients import officials_of, representatives_of
from mitra.notifications.registry import Event


def _recipients(subject: Any, context: dict[str, Any]) -> Any:
    return officials_of(context.get("bodies", [])) | representatives_of(
        context.get("organizations", [])
    )


def _params(subject: Any, context: dict[str, Any]) -> dict[str, Any]:
    from django.utils.translation import gettext

    # "Notifications" is in the catalogue, so the recipient's language shows in the title.
    return {"word": gettext("Notifications"), "name": str(subject)}


TEST_EVENT = Event(
    name="tests.something_happened",
    label="Something happened",
    recipients=_recipients,
    title="%(word)s: %(name)s",
    params=_params,
    url=lambda subject, context: "/id/dashboard/",
)


@pytest.fixture(autouse=True)
def test_event() -> Iterator[Event]:
    registry.register_event(TEST_EVENT)
    yield TEST_EVENT
    registry._events.pop(TEST_EVENT.name, None)
