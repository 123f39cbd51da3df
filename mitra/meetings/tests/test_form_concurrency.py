"""Issue 13 §2 in the meeting forms: a double submit saves one meeting; a stale edit shows both."""

import re
from typing import Any

import pytest
from django.urls import reverse

from mitra.meetings import services
from mitra.meetings.models import Meeting

from .factories import make_meeting, meeting_input

pytestmark = pytest.mark.django_db


def hidden(response: Any, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', response.content.decode())
    assert found, f"no hidden {name}"
    return found.group(1)


def data(kemendagri: Any, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "coordination",
        "title": "Rakor",
        "starts_at": "2024-04-04T09:00",
        "mode": "offline",
        "venue": "Gedung F",
        "organizer": kemendagri.pk,
        **changes,
    }


def test_a_double_submit_saves_one_meeting(client: Any, officer: Any, kemendagri: Any) -> None:
    client.force_login(officer)
    token = hidden(client.get(reverse("meetings:create")), "form_token")
    first = client.post(reverse("meetings:create"), data(kemendagri, form_token=token))
    second = client.post(reverse("meetings:create"), data(kemendagri, form_token=token))
    meeting = Meeting.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("meetings:detail", args=[meeting.pk])


def test_a_stale_edit_names_the_other_change(
    client: Any, officer: Any, operator: Any, kemendagri: Any
) -> None:
    meeting = make_meeting(kemendagri, officer, title="Rakor", venue="Gedung F")
    client.force_login(officer)
    url = reverse("meetings:update", args=[meeting.pk])
    version = hidden(client.get(url), "version")
    services.meeting_update(
        meeting_id=meeting.pk,
        data=meeting_input(kemendagri, title="Rakor", venue="Gedung A"),
        actor=operator,
    )
    response = client.post(
        url, data(kemendagri, mode="hybrid", online_platform="Zoom", venue="Gedung B",
                  version=version)
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Changed meanwhile by" in page
    assert re.search(r"<td>Gedung A</td><td>Gedung B</td>", page)
    meeting.refresh_from_db()
    assert meeting.venue == "Gedung A"
