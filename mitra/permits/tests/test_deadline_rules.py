"""Issue 11 §4: every licensing period is a deadline rule. For each rule, an operator's new
version (with its effective date) changes what the services enforce and what "My deadlines",
the calendar feed and the licensing pages show; nothing reads a setting for a period."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.calendar import add_working_days
from mitra.deadlines.services import reminders_send
from mitra.deadlines.tests.helpers import feed_due, new_version, page_due
from mitra.notifications.models import Notice
from mitra.permits import selectors, services, validation
from mitra.permits.models import AgencyReview, Application, Permit
from mitra.permits.tests.factories import present_and_deliberate

from .factories import PermitFactory, complete_application

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 11, 30)  # no holiday until Christmas
EFFECTIVE = date(2026, 1, 1)  # the new versions' valid_from
S = Application.Status


@pytest.fixture
def permit(ngo: Any, kemendagri: Any) -> Permit:
    return PermitFactory(
        organization=ngo,
        partner_ministry=kemendagri,
        valid_from=date(2024, 4, 4),
        valid_until=date(2027, 4, 3),
    )


def html(client: Any, user: Any, url: str) -> str:
    client.force_login(user)
    page = client.get(url)
    client.logout()
    assert page.status_code == 200
    return page.content.decode()


def submitted(draft: Application, rep: Any) -> Application:
    services.application_submit(application_id=draft.pk, actor=rep)
    draft.refresh_from_db()
    return draft


def in_verification(draft: Application, rep: Any, secretariat: Any) -> Application:
    submitted(draft, rep)
    services.application_open_verification(application_id=draft.pk, actor=secretariat)
    draft.refresh_from_db()
    return draft


def recommended(draft: Application, rep: Any, secretariat: Any, officers: Any) -> Application:
    in_verification(draft, rep, secretariat)
    services.application_circulate(application_id=draft.pk, actor=secretariat)
    for review in draft.reviews.all():
        services.review_decide(
            review_id=review.pk,
            state="no_objection",
            reason_code="none",
            text="",
            actor=officers[review.agency.key],
        )
    present_and_deliberate(draft.pk, secretariat)
    services.deliberation_record(
        application_id=draft.pk,
        held_on=MONDAY,
        agencies_present=[r.agency for r in draft.reviews.all()],
        recommendation="approve",
        actor=secretariat,
    )
    draft.refresh_from_db()
    assert draft.status == S.DECISION_PENDING
    return draft


def test_max_validity(client, draft, rep, secretariat, officers):
    """permit.max_validity: 36 → 24 months from 2026. The decision is refused beyond the new
    cap, and the decision form says so."""
    with freeze_today(MONDAY):
        application = recommended(draft, rep, secretariat, officers)
        page = html(client, secretariat, reverse("permits:application_detail", args=[draft.pk]))
        assert "Valid until (at most 36 months)" in page
        decide = {"application_id": application.pk, "approve": True, "actor": secretariat}
        assert not validation.validity_problems(date(2026, 12, 1), date(2029, 11, 30))

        new_version("permit.max_validity", 24, EFFECTIVE)
        page = html(client, secretariat, reverse("permits:application_detail", args=[draft.pk]))
        assert "Valid until (at most 24 months)" in page
        with pytest.raises(ApplicationError) as refused:
            services.application_decide(
                **decide, valid_from=date(2026, 12, 1), valid_until=date(2028, 12, 1)
            )
        assert "at most 24 months (until 2028-11-30)" in str(refused.value.extra["valid_until"])
        permit = services.application_decide(
            **decide, valid_from=date(2026, 12, 1), valid_until=date(2028, 11, 30)
        )
    assert permit is not None
    assert permit.valid_until == date(2028, 11, 30)


def test_max_validity_follows_the_version_in_force_on_the_start():
    new_version("permit.max_validity", 24, date(2027, 1, 1))
    assert validation.max_valid_until(date(2026, 12, 31)) == date(2029, 12, 30)  # 36 months
    assert validation.max_valid_until(date(2027, 1, 1)) == date(2028, 12, 31)  # 24 months


def test_extension_filing(client, permit, ngo, rep, agencies, province, kemendagri):
    """permit.extension_filing: 3 → 4 months. A filing on 10 December 2026 for a permit ending
    3 April 2027 becomes late; the deadline moves from 3 January 2027 to 3 December 2026 on the
    filer's deadlines, calendar feed, the permit page and its letter."""
    key = f"permit:{permit.pk}:extension_filing"
    with freeze_today(date(2026, 11, 1)):
        assert page_due(client, rep, key) == feed_due(client, rep, key) == date(2027, 1, 3)
        new_version("permit.extension_filing", 4, EFFECTIVE)
        assert page_due(client, rep, key) == feed_due(client, rep, key) == date(2026, 12, 3)
        detail = html(client, rep, reverse("permits:permit_detail", args=[permit.pk]))
        assert "3 December 2026" in detail
        letter = html(client, rep, reverse("permits:permit_letter", args=[permit.pk]))
        assert "at least 4 months before the end of validity, by 3 December 2026" in letter
    with freeze_today(date(2026, 12, 10)):
        application = complete_application(ngo, rep, agencies["kemendagri"], province, permit)
        services.application_submit(application_id=application.pk, actor=rep)
    application.refresh_from_db()
    assert application.late_filing is True  # on time under the 3-month version


def test_extension_filing_refusal_names_the_rule(permit, ngo, rep, agencies, province, settings):
    new_version("permit.extension_filing", 4, EFFECTIVE)
    settings.MITRA = {**settings.MITRA, "EXTENSION_LATE_BLOCKS": True}
    with freeze_today(date(2026, 12, 10)):
        application = complete_application(ngo, rep, agencies["kemendagri"], province, permit)
        with pytest.raises(ApplicationError, match="by 2026-12-03, 4 months before"):
            services.application_submit(application_id=application.pk, actor=rep)


def test_extension_window(client, permit, rep, secretariat):
    """permit.extension_window: 6 → 8 months. The window opens on 3 August 2026 instead of
    3 October: the permit is listed as in its window and the holder gets the opening notice."""
    key = f"permit:{permit.pk}:extension_window"
    with freeze_today(date(2026, 8, 10)):
        assert page_due(client, rep, key) == feed_due(client, rep, key) == date(2026, 10, 3)
        assert permit.pk not in selectors.permits_in_extension_window(viewer=secretariat)
        reminders_send(on=date(2026, 8, 10))
        assert not Notice.objects.filter(event="permits.extension_window_opened").exists()

        new_version("permit.extension_window", 8, EFFECTIVE)
        assert page_due(client, rep, key) == feed_due(client, rep, key) == date(2026, 8, 3)
        assert permit.pk in selectors.permits_in_extension_window(viewer=secretariat)
        reminders_send(on=date(2026, 8, 10))
    opened = Notice.objects.filter(event="permits.extension_window_opened", user=rep)
    assert opened.count() == 1


def test_query_response(client, draft, rep, secretariat, settings):
    """application.query_response: 15 → 5 working days. A query sent on Monday 30 November
    is due Monday 7 December (not 21 December); the return form says so; the lapse job
    (when on) withdraws the application from 8 December."""
    with freeze_today(MONDAY):
        in_verification(draft, rep, secretariat)
        page = html(client, secretariat, reverse("permits:application_detail", args=[draft.pk]))
        assert "Answer by (default: 15 working days)" in page
        new_version("application.query_response", 5, EFFECTIVE)
        page = html(client, secretariat, reverse("permits:application_detail", args=[draft.pk]))
        assert "Answer by (default: 5 working days)" in page
        services.application_return(
            application_id=draft.pk, reasons=["other"], text="Add the statutes.", actor=secretariat
        )
        key = f"application:{draft.pk}:query"
        assert page_due(client, rep, key) == feed_due(client, rep, key) == date(2026, 12, 7)
    draft.refresh_from_db()
    assert draft.query_deadline == date(2026, 12, 7)
    settings.MITRA = {**settings.MITRA, "RETURNED_LAPSES": True}
    assert services.application_lapse_returned(on=date(2026, 12, 7)) == 0
    assert services.application_lapse_returned(on=date(2026, 12, 8)) == 1


def test_verification(client, draft, rep, secretariat):
    """verification: 15 → 3 working days. An application submitted on Monday 30 November is
    due for verification on Thursday 3 December on the secretariat's deadlines and feed, and
    the reminder job tells the secretariat once it is overdue."""
    key = f"application:{draft.pk}:verification"
    with freeze_today(MONDAY):
        submitted(draft, rep)
        assert page_due(client, secretariat, key) == date(2026, 12, 21)  # 15 working days
        new_version("verification", 3, EFFECTIVE)
        assert page_due(client, secretariat, key) == feed_due(client, secretariat, key)
        assert page_due(client, secretariat, key) == date(2026, 12, 3)
        assert page_due(client, rep, key) is None  # the government's clock
    reminders_send(on=date(2026, 12, 4))
    overdue = Notice.objects.filter(event="deadlines.overdue", user=secretariat)
    assert overdue.count() == 1
    assert draft.reference in overdue.get().title


def test_verification_restarts_from_the_answer_to_a_query(client, draft, rep, secretariat):
    new_version("verification", 3, EFFECTIVE)
    key = f"application:{draft.pk}:verification"
    with freeze_today(MONDAY):
        in_verification(draft, rep, secretariat)
        services.application_return(
            application_id=draft.pk, reasons=["other"], text="More.", actor=secretariat
        )
        assert page_due(client, secretariat, key) is None  # the applicant's turn
    services.application_resubmit(application_id=draft.pk, response_text="Done.", actor=rep)
    # The clock restarts on the day of the answer (the stage's real time: 3 working days on).
    answered = draft.stage_visits.filter(stage=S.RETURNED).get().left_at
    expected = add_working_days(timezone.localdate(answered), 3)
    with freeze_today(timezone.localdate(answered)):
        assert page_due(client, secretariat, key) == expected


def test_member_opinion(client, draft, rep, secretariat, officers, settings):
    """review.member_opinion: 15 → 5 working days. Circulated on Monday 30 November, the
    opinions are due Monday 7 December; the circulate form and each member's deadlines show
    it; with deemed no-objection on, the job closes the reviews from 8 December."""
    with freeze_today(MONDAY):
        in_verification(draft, rep, secretariat)
        new_version("review.member_opinion", 5, EFFECTIVE)
        page = html(client, secretariat, reverse("permits:application_detail", args=[draft.pk]))
        assert "Opinions due (default: 5 working days)" in page
        services.application_circulate(application_id=draft.pk, actor=secretariat)
        review = draft.reviews.get(agency__key="kemhan")
        key = f"review:{review.pk}:opinion"
        kemhan = officers["kemhan"]
        assert page_due(client, kemhan, key) == feed_due(client, kemhan, key) == date(2026, 12, 7)
    assert set(draft.reviews.values_list("due_date", flat=True)) == {date(2026, 12, 7)}
    settings.MITRA = {**settings.MITRA, "DEEMED_NO_OBJECTION": True}
    assert services.review_apply_deemed(on=date(2026, 12, 7)) == 0
    assert services.review_apply_deemed(on=date(2026, 12, 8)) == draft.reviews.count()
    assert not draft.reviews.filter(state__in=AgencyReview.OPEN_STATES).exists()


def test_decision(client, draft, rep, secretariat, officers):
    """decision: 30 → 2 working days. Recommended on Monday 30 November, the decision is due
    Wednesday 2 December on the secretariat's deadlines and feed; overdue on the 3rd."""
    key = f"application:{draft.pk}:decision"
    with freeze_today(MONDAY):
        recommended(draft, rep, secretariat, officers)
        # 30 working days, without 24–25 December, 1 January and Isra Mi'raj (5 January 2027).
        assert page_due(client, secretariat, key) == date(2027, 1, 15)
        new_version("decision", 2, EFFECTIVE)
        assert page_due(client, secretariat, key) == feed_due(client, secretariat, key)
        assert page_due(client, secretariat, key) == date(2026, 12, 2)
    reminders_send(on=date(2026, 12, 3))
    overdue = Notice.objects.filter(event="deadlines.overdue", user=secretariat)
    assert overdue.count() == 1
    assert draft.reference in overdue.get().title


def test_a_version_from_a_later_day_leaves_running_clocks_alone(draft, rep, secretariat):
    """A version effective after the day a clock started does not move it."""
    with freeze_today(MONDAY):
        in_verification(draft, rep, secretariat)
        new_version("application.query_response", 5, date(2026, 12, 1))
        services.application_return(
            application_id=draft.pk, reasons=["other"], text="More.", actor=secretariat
        )
    draft.refresh_from_db()
    assert draft.query_deadline == date(2026, 12, 21)  # 15 working days: version 1 on the 30th
