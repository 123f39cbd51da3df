"""`sanctions.step_issued`: the organization's representatives and the notified bodies' officials
are told of each step once the organization has been approached; nobody else, never twice, each
in their language, and never the secretariat's internal notes."""

from datetime import date

import pytest
from django.core import mail

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.notifications.models import Notice
from mitra.notifications.registry import event_recipients
from mitra.notifications.services import notify
from mitra.organizations.tests.factories import ForeignOrganizationFactory

from .conftest import move

pytestmark = pytest.mark.django_db
EVENT = "sanctions.step_issued"


@pytest.fixture
def people(ford, ford_rep, kemendagri, officer, viewer, other_officer):
    """Ford's representative reads English; a former representative; another organization's;
    a Kemendagri unit below the unit of `officer`."""
    ford_rep.preferred_language = "en"
    ford_rep.save(update_fields=["preferred_language"])
    sub_unit = GovernmentBodyFactory(
        key="kemendagri-fasker-sub",
        name="Subbag",
        kind=GovernmentBody.Kind.UNIT,
        parent=officer.body,
    )
    return {
        "former": UserFactory(
            username="ford_old", org_representative=True, organization=ford, is_active=False
        ),
        "path_rep": UserFactory(
            username="path", org_representative=True, organization=ForeignOrganizationFactory()
        ),
        "sub_unit_officer": UserFactory(username="subbag", officer=True, body=sub_unit),
    }


def told(event=EVENT):
    return {n.user.username for n in Notice.objects.filter(event=event)}


def test_assessing_tells_nobody_and_the_first_step_tells_the_organization_and_bodies(
    ford, secretariat, kemendagri, people, open_case, django_capture_on_commit_callbacks
):
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    assert event_recipients(EVENT, case) == []  # not yet approached: nobody
    assert not Notice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        case = move(case, "escalate", secretariat, date(2026, 1, 7), notified_bodies=[kemendagri])
    # The representative, and the officials of the notified body and all its units; not the
    # secretariat that acted, another organization, another agency or a former account.
    assert told() == {"ford", "kemendagri", "kemendagri_viewer", "subbag"}
    assert {u.username for u in event_recipients(EVENT, case)} == told()
    english = Notice.objects.get(event=EVENT, user__username="ford")
    indonesian = Notice.objects.get(event=EVENT, user__username="kemendagri")
    assert english.title == f"Sanction case {case.reference}: Persuasion"
    assert indonesian.title == f"Perkara sanksi {case.reference}: Persuasi"
    assert english.url == f"/en/sanctions/{case.pk}/"
    assert "UU 16/2017 Ps 62" in english.body
    assert "7 January 2026" in english.body
    assert "7 Januari 2026" in indonesian.body
    assert {m.to[0] for m in mail.outbox} == set(
        Notice.objects.filter(event=EVENT).values_list("user__email", flat=True)
    )


def test_each_step_is_one_notice_per_recipient_never_two(ford, ford_rep, secretariat, open_case):
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    case = move(case, "escalate", secretariat, date(2026, 1, 7))
    case = move(case, "escalate", secretariat, date(2026, 1, 8))
    assert Notice.objects.filter(event=EVENT, user=ford_rep).count() == 2
    titles = set(Notice.objects.filter(user=ford_rep).values_list("title", flat=True))
    assert titles == {  # in Indonesian, the representative's language by default
        f"Perkara sanksi {case.reference}: Persuasi",
        f"Perkara sanksi {case.reference}: Peringatan tertulis",
    }
    # Telling about the same step again creates nothing.
    step = case.steps.last()
    assert notify(event=EVENT, subject=case, context={"step": step}, key=f"step:{step.pk}") == []
    assert Notice.objects.filter(event=EVENT).count() == 2


def test_lifting_tells_the_organization_without_the_internal_notes(
    ford, ford_rep, secretariat, open_case
):
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    case = move(case, "escalate", secretariat, date(2026, 1, 7))
    case = move(case, "lift", secretariat, date(2026, 1, 9), notes="INTERNAL reason.")
    lifted = Notice.objects.filter(event=EVENT, user=ford_rep).order_by("pk").last()
    assert lifted.title == f"Perkara sanksi {case.reference}: Dicabut (telah dipatuhi)"
    assert "INTERNAL" not in lifted.body + lifted.title


def test_a_dismissed_report_tells_nobody(ford, ford_rep, secretariat, kemendagri, open_case):
    case = move(open_case(ford), "dismiss", secretariat, date(2026, 1, 6), notes="Unfounded.")
    assert event_recipients(EVENT, case) == []
    assert not Notice.objects.exists()
