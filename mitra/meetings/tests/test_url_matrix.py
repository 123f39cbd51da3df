"""Every meetings URL × every role (GET statuses), refused writes change nothing, allowed
writes change something and audit it."""

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.core.tests.matrix import (
    assert_allowed_posts_audit,
    assert_every_route_has_a_row,
    assert_get_matrix,
    assert_refused_posts_change_nothing,
    login,
)
from mitra.core.tests.world import ROLES, World, build_world
from mitra.meetings import services
from mitra.meetings.models import (
    ActionItem,
    AgendaItem,
    Attendee,
    Decision,
    InvitedBody,
    Meeting,
    MinutesVersion,
    Position,
)

from .factories import jakarta, make_meeting
from .url_matrix import GET

pytestmark = pytest.mark.django_db


@dataclass
class MeetingWorld:
    world: World
    kd: Meeting  # organized by Kemendagri, held, Ford linked, kemendagri_active linked
    kk: Meeting  # organized by Kemenkes, planned, Kemendagri invited
    kp: Meeting  # organized by Kemenkes, nobody else
    kd_item: ActionItem


@pytest.fixture
def mw() -> MeetingWorld:
    w = build_world()
    operator = w.users["operator"]
    kd = make_meeting(
        w.kemendagri, operator, organizations=[w.ford], agreements=[w.kemendagri_active]
    )
    services.meeting_transition(meeting_id=kd.pk, transition="hold", actor=operator)
    item = services.meeting_action_item_add(
        meeting_id=kd.pk, text="Follow up", owner_person="Someone", actor=operator
    )
    kk = make_meeting(w.kemenkes, operator, starts_at=jakarta(2999, 1, 1))
    services.meeting_invite_body(meeting_id=kk.pk, body=w.kemendagri, actor=operator)
    kp = make_meeting(w.kemenkes, operator)
    return MeetingWorld(world=w, kd=kd, kk=kk, kp=kp, kd_item=item)


def kwargs_for(mw: MeetingWorld, target: str) -> dict[str, Any]:
    return {
        "": {},
        "kd": {"pk": mw.kd.pk},
        "kk": {"pk": mw.kk.pk},
        "kp": {"pk": mw.kp.pk},
        "kd_item": {"pk": mw.kd.pk, "item_pk": mw.kd_item.pk},
        "kd_hold": {"pk": mw.kd.pk, "transition": "hold"},
    }[target]


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, mw, role):
    login(client, mw.world, role)
    assert_get_matrix(client, GET, role, kwargs=lambda target: kwargs_for(mw, target))


def test_every_meetings_url_has_a_row():
    assert_every_route_has_a_row("meetings", GET)


def meeting_post_data(mw: MeetingWorld, **overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "coordination",
        "title": "Rapat koordinasi baru",
        "starts_at": "2024-05-02T09:00",
        "mode": "hybrid",
        "venue": "Gedung F",
        "online_platform": "Zoom",
        "organizer": mw.world.kemendagri.pk,
    }
    data.update(overrides)
    return data


def post_cases(mw: MeetingWorld) -> dict[str, tuple[str, Any, tuple[int, ...]]]:
    kd, kk = mw.kd, mw.kk
    w = mw.world
    editor_kd = (302, 302, 302, 403, 404, 403)
    return {
        "create a Kemendagri meeting": (
            reverse("meetings:create"),
            lambda: meeting_post_data(mw),
            # Another ministry's officer cannot choose Kemendagri as organizer: a form error.
            (302, 302, 302, 403, 400, 403),
        ),
        "edit the Kemendagri meeting": (
            reverse("meetings:update", args=[kd.pk]),
            lambda: meeting_post_data(mw, title="Changed", agreements=[w.kemendagri_active.pk]),
            editor_kd,
        ),
        "invite a body": (
            reverse("meetings:invite", args=[kd.pk]),
            lambda: {"body": w.kemenkes.pk},
            editor_kd,
        ),
        "add an attendee": (
            reverse("meetings:attendee_add", args=[kd.pk]),
            {"name": "Tara Arani Faza", "role": "participant", "represents": "TPOA"},
            editor_kd,
        ),
        "add an agenda item": (
            reverse("meetings:agenda_add", args=[kd.pk]),
            {"title": "MSP"},
            editor_kd,
        ),
        "write minutes": (
            reverse("meetings:minutes_add", args=[kd.pk]),
            {"text": "Minutes"},
            editor_kd,
        ),
        "record a position": (
            reverse("meetings:position_add", args=[kd.pk]),
            lambda: {"body": w.kemenkes.pk, "stance": "support"},
            editor_kd,
        ),
        "record a decision": (
            reverse("meetings:decision_add", args=[kd.pk]),
            {"text": "Agreed."},
            editor_kd,
        ),
        "add an action item": (
            reverse("meetings:action_item_add", args=[kd.pk]),
            {"text": "Send the text", "owner_person": "Pusat Fasker", "due_date": "2024-05-01"},
            editor_kd,
        ),
        "mark an action item done": (
            reverse("meetings:action_item_status", args=[kd.pk, mw.kd_item.pk]),
            {"status": "done"},
            editor_kd,
        ),
        "record a signing": (
            reverse("meetings:signing", args=[kd.pk]),
            lambda: {"agreements": [w.kemendagri_active.pk]},
            editor_kd,
        ),
        "cancel the Kemenkes meeting": (
            reverse("meetings:transition", args=[kk.pk, "cancel"]),
            {"reason": "Postponed."},
            (302, 302, 404, 403, 302, 403),
        ),
    }


def snapshot() -> dict[str, Any]:
    return {
        "meetings": sorted(Meeting.objects.values_list("pk", "title", "status")),
        "invited": InvitedBody.objects.count(),
        "attendees": Attendee.objects.count(),
        "agenda": AgendaItem.objects.count(),
        "minutes": MinutesVersion.objects.count(),
        "positions": Position.objects.count(),
        "decisions": Decision.objects.count(),
        "action_items": sorted(ActionItem.objects.values_list("pk", "status")),
        "signed": Meeting.signed_agreements.through.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize("role", ["anonymous", "viewer", "other_officer", "org_representative"])
def test_refused_writes_change_nothing(client, mw, role):
    login(client, mw.world, role)
    assert_refused_posts_change_nothing(client, role, post_cases(mw), snapshot)


@pytest.mark.parametrize("role", ["operator", "officer", "other_officer"])
def test_allowed_writes(client, mw, role):
    login(client, mw.world, role)
    assert_allowed_posts_audit(client, role, post_cases(mw), snapshot)


def test_officer_cannot_edit_a_meeting_they_are_only_invited_to(client, mw):
    login(client, mw.world, "officer")
    before = snapshot()
    response = client.post(
        reverse("meetings:update", args=[mw.kk.pk]),
        meeting_post_data(mw, organizer=mw.world.kemenkes.pk),
    )
    assert response.status_code == 404
    assert snapshot() == before
