"""Issue 9 §5: who is told of each event, over the demo cast (the demo users of the README).

Each row names a registered event, a record of the demo and the demo users its rule must reach;
every other demo user must not be reached. Together the rows cover every registered event."""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from mitra.agreements.models import Agreement
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.registry import Deadline, collect
from mitra.meetings.models import ActionItem, Meeting
from mitra.monitoring.models import Report
from mitra.notifications.registry import event_recipients, events
from mitra.permits.models import (
    AgencyReview,
    Application,
    ForeignStaffAssignment,
    IzinOperasional,
    Permit,
)
from mitra.sanctions.models import SanctionCase
from mitra.staff.models import StaffRequest
from mitra.workplans.models import RegionalNotification, WorkPlan

# The mark makes pytest-django set up the test database even when this module runs alone (it
# sets up only the databases marked tests ask for); without it the module fixture would run on
# the development database.
pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
CAST = {
    "operator",
    "kemendagri",
    "kemendagri_viewer",
    "kemlu",
    "ktln",
    "kemenkes",
    "jateng",
    "polpum",
    "kesbangpol",
    "semarang",
    "kemhan",
    "kemenkeu",
    "polri",
    "bin",
    "ford",
}
# Kemendagri's officials with its units (Pusat Fasilitasi Kerja Sama, Ditjen Polpum): the rules
# that name the agency reach them all.
KEMENDAGRI = {"kemendagri", "kemendagri_viewer", "polpum"}
# The TPOA members' own users (Kemendagri's above; Biro KTLN for Kemensetneg).
MEMBERS = {"kemlu", "ktln", "kemhan", "kemenkeu", "polri", "bin"}


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock(), freeze_today(TODAY):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_reference", verbosity=0, stdout=None)
            call_command("load_demo", verbosity=0, stdout=None)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def asia() -> Application:
    return Application.objects.get(organization__legal_name="The Asia Foundation")


def ford_extension() -> Application:
    return Application.objects.get(extends__number="IP-2024-0007")


def deadline(key_start: str) -> tuple[Any, dict[str, Any]]:
    found: Deadline = next(
        d for d in collect(end=TODAY + timedelta(days=800)) if d.key.startswith(key_start)
    )
    return found.record, {"deadline": found, "titles": {}, "days_left": 0}


def ford_permit_deadline() -> tuple[Any, dict[str, Any]]:
    """The first deadline of Ford's izin prinsip in force (the spread's ormas asing hold
    izin prinsip too, with deadlines of their own)."""
    return deadline(f"permit:{Permit.objects.get(number='IP-2024-0007').pk}:")


def ford_change(kind: str = "country_director") -> Callable[[], tuple[Any, dict[str, Any]]]:
    """An (unsaved) change notice of Ford Foundation; a change of regions adds Jawa Tengah."""

    def build() -> tuple[Any, dict[str, Any]]:
        from mitra.organizations.models import ChangeNotice, ForeignOrganization
        from mitra.regions.models import Province

        ford = ForeignOrganization.objects.get(legal_name="Ford Foundation")
        jateng = Province.objects.get(code="33")
        values = {"regions": [jateng.pk]} if kind == "regions" else {"country_director": "X"}
        empty = {"regions": []} if kind == "regions" else {"country_director": ""}
        return ChangeNotice(organization=ford, kind=kind, previous=empty, proposed=values), {}

    return build


def plain(record: Callable[[], Any]) -> Callable[[], tuple[Any, dict[str, Any]]]:
    return lambda: (record(), {})


def ford_operational() -> IzinOperasional:
    """An izin operasional Kemendagri issued on Ford's izin prinsip (the demo records none:
    built, not saved)."""
    permit = Permit.objects.get(number="IP-2024-0007")
    return IzinOperasional(number="IO-DEMO", permit=permit, issuer=permit.partner_ministry)


def ford_staff() -> ForeignStaffAssignment:
    permit = Permit.objects.get(number="IP-2024-0007")
    return ForeignStaffAssignment(name="Expert", organization=permit.organization)


def ford_staff_request() -> StaffRequest:
    """One of Ford's three approved foreign staff requests (mitra/staff/demo.py)."""
    return StaffRequest.objects.filter(organization__legal_name="Ford Foundation").first()


def n5(reference: str) -> Callable[[], tuple[Any, dict[str, Any]]]:
    return plain(lambda: RegionalNotification.objects.get(reference=reference))


RKT_JATENG = "RKT 2026 Jawa Tengah – Ford Foundation"
MEETING_4_APRIL = plain(lambda: Meeting.objects.get(starts_at__date=date(2024, 4, 4)))
ROWS: list[tuple[str, Callable[[], tuple[Any, dict[str, Any]]], set[str]]] = [
    # Licensing: the secretariat (Kemlu), the reviewers, the applicant, the partner ministry.
    ("permits.application_submitted", plain(ford_extension), {"kemlu"}),
    ("permits.application_returned", plain(ford_extension), {"ford"}),
    ("permits.application_answered", plain(ford_extension), {"kemlu"}),
    # The members whose review of Asia is still open (Kemlu, Kemhan and Kemendagri gave theirs).
    ("permits.application_circulated", plain(asia), {"ktln", "kemenkeu", "kemhan", "bin"}),
    (
        "permits.opinion_recorded",
        plain(lambda: AgencyReview.objects.filter(application=asia()).first()),
        {"kemlu"},
    ),
    ("permits.deliberation_scheduled", plain(ford_extension), {"ford", "kemlu"}),
    ("permits.deliberation_scheduled", plain(asia), KEMENDAGRI | MEMBERS),
    ("permits.presentation_scheduled", plain(ford_extension), {"ford", "kemlu"}),
    ("permits.presentation_scheduled", plain(asia), KEMENDAGRI | MEMBERS),
    # Change notices (issue 15 §1): the TPOA secretariat, then the organization; a change of
    # regions tells the regions concerned (with their units) and Ditjen Polpum (N5).
    ("organizations.change_filed", ford_change(), {"kemlu"}),
    ("organizations.change_noted", ford_change(), {"kemlu"}),
    ("organizations.change_accepted", ford_change(), {"ford"}),
    ("organizations.change_refused", ford_change(), {"ford"}),
    ("organizations.regions_changed", ford_change("regions"), {"jateng", "kesbangpol", "polpum"}),
    ("permits.application_approved", plain(ford_extension), KEMENDAGRI | {"ford", "kemlu"}),
    ("permits.application_rejected", plain(ford_extension), KEMENDAGRI | {"ford", "kemlu"}),
    ("permits.application_lapsed", plain(ford_extension), {"ford"}),
    # An izin prinsip ends, is suspended or reinstated: everyone N14 names — the partner
    # ministry (Kemendagri, with Ditjen Polpum), Biro KTLN, Jawa Tengah's government (the
    # permit's and the MSP's region) with its Kesbangpol, and the holder.
    *[
        (
            event,
            plain(lambda: Permit.objects.get(number="IP-2024-0007")),
            KEMENDAGRI | {"jateng", "kesbangpol", "ktln", "ford"},
        )
        for event in (
            "permits.permit_ended",
            "permits.permit_suspended",
            "permits.permit_reinstated",
        )
    ],
    # The holder, the issuer (here Kemendagri) and the TPOA secretariat.
    ("permits.operational_ended", plain(ford_operational), KEMENDAGRI | {"ford", "kemlu"}),
    # The holder and Biro KTLN's ministry, which approved the assignment.
    ("permits.staff_ended", plain(ford_staff), {"ford", "ktln"}),
    # The owner of Ford's MSP gets the task to decide whether it continues.
    (
        "permits.agreement_uncovered",
        plain(lambda: Agreement.objects.get(reference="DEMO-KEMENDAGRI-FORD-2024")),
        KEMENDAGRI,
    ),
    ("permits.extension_window_opened", ford_permit_deadline, {"ford"}),
    # The first open review of Asia is Kemhan's; the secretariat too when late.
    ("permits.review_due", lambda: deadline("review:"), {"kemhan"}),
    ("permits.review_overdue", lambda: deadline("review:"), {"kemhan", "kemlu"}),
    # Sanctions: the case against Rikolto was lifted; the representatives of another
    # organization are not told, the bodies notified in the step are.
    (
        "sanctions.step_issued",
        plain(lambda: SanctionCase.objects.get(organization__legal_name="Rikolto")),
        KEMENDAGRI,
    ),
    # Ford's written warning (issue 15 §3): Ford, with Kemendagri notified in the step; Ford's
    # reply and objection reach the secretariat (Kemlu, also the default deciding authority);
    # the decision on the objection reaches Ford and the secretariat.
    (
        "sanctions.step_issued",
        plain(lambda: SanctionCase.objects.get(organization__legal_name="Ford Foundation")),
        KEMENDAGRI | {"ford"},
    ),
    (
        "sanctions.reply_received",
        plain(lambda: SanctionCase.objects.get(organization__legal_name="Ford Foundation")),
        {"kemlu"},
    ),
    (
        "sanctions.objection_filed",
        plain(lambda: SanctionCase.objects.get(organization__legal_name="Ford Foundation")),
        {"kemlu"},
    ),
    (
        "sanctions.objection_decided",
        plain(lambda: SanctionCase.objects.get(organization__legal_name="Ford Foundation")),
        {"ford", "kemlu"},
    ),
    # Meetings: the 4 April 2024 signing meeting invited Kemlu, Kemenkeu and Biro KTLN.
    ("meetings.invitation", MEETING_4_APRIL, {"kemlu", "kemenkeu", "ktln"}),
    ("meetings.minutes_approved", MEETING_4_APRIL, {"kemendagri", "kemlu", "kemenkeu", "ktln"}),
    ("meetings.action_item_assigned", plain(lambda: ActionItem.objects.first()), {"kemendagri"}),
    # The demo's action items are done; the rule reads the item's owner, whatever its state.
    ("meetings.action_item_due", plain(lambda: ActionItem.objects.first()), {"kemendagri"}),
    ("meetings.action_item_overdue", plain(lambda: ActionItem.objects.first()), {"kemendagri"}),
    # Monitoring: Ford files, Kemendagri (the agreement's owner) receives.
    (
        "monitoring.report_received",
        plain(lambda: Report.objects.filter(agreement__title__contains="Ford").first()),
        KEMENDAGRI,
    ),
    ("monitoring.report_due", lambda: deadline("report:"), {"ford"}),
    ("monitoring.report_overdue", lambda: deadline("report:"), KEMENDAGRI | {"ford"}),
    # Work plans: Kemendagri approves Ford's RKTs; N5 notices reach the government told.
    ("workplans.rkt_submitted", plain(lambda: WorkPlan.objects.get(title=RKT_JATENG)), KEMENDAGRI),
    ("workplans.rkt_approved", plain(lambda: WorkPlan.objects.get(title=RKT_JATENG)), {"ford"}),
    # A Pemprov's notice reaches its units (Kesbangpol), not a city of the province.
    ("workplans.n5_sent", n5("DEMO/FORD/2026/PEMPROV-33"), {"jateng", "kesbangpol"}),
    ("workplans.n5_sent", n5("DEMO/FORD/2026/KEMENDAGRI-33"), KEMENDAGRI),
    ("workplans.n5_acknowledged", n5("DEMO/FORD/2026/PEMPROV-33"), {"ford"}),
    # The organization and Ditjen Polpum (with its units), which oversees regional notices.
    ("workplans.n5_unacknowledged", lambda: deadline("n5:"), {"ford", "polpum"}),
    # The deadline engine's own events reach the deadline's agencies and organizations.
    # Foreign staff (issue 15 §2): Ford's partner ministry (Kemendagri) recommends, Biro KTLN
    # decides, Ford is told of each step after its request.
    ("staff.requested", plain(ford_staff_request), KEMENDAGRI | {"ktln"}),
    ("staff.recommended", plain(ford_staff_request), {"ktln", "ford"}),
    ("staff.approved", plain(ford_staff_request), KEMENDAGRI | {"ktln", "ford"}),
    ("staff.refused", plain(ford_staff_request), KEMENDAGRI | {"ktln", "ford"}),
    ("deadlines.reminder", lambda: deadline("n5:"), KEMENDAGRI),
    ("deadlines.overdue", ford_permit_deadline, {"ford"}),
    ("deadlines.window_opened", ford_permit_deadline, {"ford"}),
]


@pytest.mark.parametrize(
    ("event", "subject", "expected"),
    ROWS,
    ids=[f"{event}-{index}" for index, (event, _s, _e) in enumerate(ROWS)],
)
def test_who_is_told(demo: Any, event: str, subject: Any, expected: set[str]) -> None:
    with freeze_today(TODAY):
        record, context = subject()
        told = {u.username for u in event_recipients(event, record, context)} & CAST
    assert told == expected


def test_every_registered_event_has_a_row() -> None:
    assert set(events()) - {"tests.something_happened"} <= {event for event, _s, _e in ROWS}
