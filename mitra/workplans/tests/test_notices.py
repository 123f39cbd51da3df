"""The work plans' events: who each tells and who it does not (event × recipient), and that the
services send them (a notice per recipient, the actor left out, email queued on commit)."""

from typing import Any

import pytest
from django.core import mail

from mitra.notifications.models import Notice
from mitra.notifications.registry import event_recipients, events
from mitra.workplans import services
from mitra.workplans.models import WorkPlan

from .conftest import make_rkt, rkt_input

pytestmark = pytest.mark.django_db

EVENTS = {
    "workplans.rkt_submitted",
    "workplans.rkt_approved",
    "workplans.n5_sent",
    "workplans.n5_acknowledged",
    "workplans.n5_unacknowledged",
}


def everyone(cast: Any, n5: Any) -> dict[str, Any]:
    return {**cast.users, **n5.users}


def names(users: list[Any], cast: Any, n5: Any) -> set[str]:
    by_pk = {u.pk: name for name, u in everyone(cast, n5).items()}
    return {by_pk.get(u.pk, u.username) for u in users}


def test_the_events_are_registered():
    assert set(events()) >= EVENTS


# Who each event tells in the cast (everyone else is told nothing). officer: Kemendagri's Pusat
# Fasker (the owner agency's unit); jateng/jateng_viewer: Pemprov Jawa Tengah; kesbangpol and
# bappeda: its units; polpum/ormas: Kemendagri's Ditjen Polpum and its directorate; diy: Pemda
# DIY; ford: the organization's representative; operator: the platform operator.
MATRIX = {
    ("workplans.rkt_submitted", "rkt"): {"officer", "polpum", "ormas"},
    ("workplans.rkt_approved", "rkt"): {"ford"},
    ("workplans.n5_sent", "to_pemprov"): {"jateng", "jateng_viewer", "kesbangpol", "bappeda"},
    ("workplans.n5_sent", "to_kemendagri"): {"officer", "polpum", "ormas"},
    ("workplans.n5_acknowledged", "to_pemprov"): {"ford"},
    ("workplans.n5_unacknowledged", "to_pemprov"): {"ford", "polpum", "ormas"},
    ("workplans.n5_unacknowledged", "to_kemendagri"): {"ford", "polpum", "ormas"},
}


@pytest.mark.parametrize(("event", "subject"), list(MATRIX))
def test_who_each_event_tells(cast, n5, event, subject):
    record = {"rkt": n5.rkt, "to_pemprov": n5.to_pemprov, "to_kemendagri": n5.to_kemendagri}
    told = names(event_recipients(event, record[subject]), cast, n5)
    assert told == MATRIX[(event, subject)]
    assert "operator" not in told
    assert "diy" not in told


def test_an_rkt_drafted_by_the_organization_is_put_before_the_partner_ministry(
    cast, n5, django_capture_on_commit_callbacks
):
    ford, officer = cast.users["ford"], cast.users["officer"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rkt = services.workplan_create(
            data=rkt_input(cast, province=cast.diy, title="RKT 2025 DIY"), actor=ford
        )
    told = Notice.objects.filter(event="workplans.rkt_submitted", target_id=str(rkt.pk))
    assert {n.user.username for n in told} == {officer.username, "polpum", "ormas"}
    assert "RKT 2025 DIY" in told.get(user=officer).title
    assert told.get(user=officer).url.endswith(f"/workplans/{rkt.pk}/")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(n.user.email for n in told)


def test_the_actor_is_not_told_of_their_own_rkt(cast, n5):
    officer = cast.users["officer"]
    rkt = services.workplan_create(
        data=rkt_input(cast, province=cast.diy, title="RKT 2025 DIY"), actor=officer
    )
    told = Notice.objects.filter(event="workplans.rkt_submitted", target_id=str(rkt.pk))
    assert officer.pk not in {n.user_id for n in told}
    assert told.exists()  # the colleagues of Ditjen Polpum are


def test_an_rik_is_not_an_rkt_put_forward(cast, n5):
    assert not Notice.objects.filter(
        event="workplans.rkt_submitted", target_id=str(cast.rik.pk)
    ).exists()


def test_each_approval_of_an_rkt_tells_the_organization(cast, n5):
    ford, operator = cast.users["ford"], cast.users["operator"]
    rkt = make_rkt(cast, "draft", province=cast.diy, title="RKT 2025 DIY")
    services.workplan_transition(work_plan_id=rkt.pk, transition="approve", actor=operator)
    services.workplan_transition(work_plan_id=rkt.pk, transition="return_to_draft", actor=operator)
    services.workplan_transition(work_plan_id=rkt.pk, transition="approve", actor=operator)
    told = Notice.objects.filter(event="workplans.rkt_approved", target_id=str(rkt.pk))
    assert [n.user for n in told] == [ford, ford]
    assert len({n.key for n in told}) == 2
    # Other moves tell nobody through this event.
    services.workplan_transition(work_plan_id=rkt.pk, transition="sign", actor=operator)
    assert told.count() == 2


def test_recording_an_n5_notice_tells_the_notified_government(cast, n5):
    told = Notice.objects.filter(event="workplans.n5_sent", target_id=str(n5.to_pemprov.pk))
    assert {n.user.username for n in told} == {"jateng", "jateng_viewer", "kesbangpol", "bappeda"}
    title = told.first().title
    assert n5.to_pemprov.reference in title
    assert "Jawa Tengah" in title
    assert told.first().url.endswith("/workplans/n5/")


def test_an_approved_rkt_is_not_reported_to_the_plan_itself(cast, n5):
    # n5.rkt was created and approved by the operator: the organization was told once.
    told = Notice.objects.filter(event="workplans.rkt_approved", target_id=str(n5.rkt.pk))
    assert [n.user for n in told] == [cast.users["ford"]]
    assert WorkPlan.objects.get(pk=n5.rkt.pk).status == "active"
