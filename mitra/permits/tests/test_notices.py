"""Who licensing tells what (issue 9 §2, §5): each event's recipients, and who is not told, over
the licensing cast (Ford and another organization, the secretariat Kemlu, the member agencies,
Kemenkes which reviews nothing, the provinces); the services create the notices, the actor is
never told of their own act, email leaves through the worker, each in the recipient's
language."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core import mail

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.tests.helpers import freeze_today
from mitra.deadlines.services import reminders_send
from mitra.notifications.models import Notice
from mitra.notifications.registry import event_recipients, events
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits import notices, services
from mitra.permits.deadline_providers import permit_deadlines
from mitra.permits.models import AgencyReview, Application, Permit
from mitra.permits.tests.factories import present_and_deliberate
from mitra.regions.tests.factories import ProvinceFactory

from .factories import PermitFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
S = Application.Status


@pytest.fixture
def cast(ngo, rep, officers, other_officer, agencies) -> dict[str, Any]:
    """Everyone an event could reach, by name."""
    other_org = ForeignOrganizationFactory(legal_name="Other Foundation")
    return {
        "ford": rep,
        "ford_colleague": UserFactory(
            username="ford2", org_representative=True, organization=ngo, preferred_language="en"
        ),
        "ford_former": UserFactory(
            username="ford_old", org_representative=True, organization=ngo, is_active=False
        ),
        "other_rep": UserFactory(
            username="other_rep", org_representative=True, organization=other_org
        ),
        "kemlu_viewer": UserFactory(username="kemlu_viewer", viewer=True, body=agencies["kemlu"]),
        "kemenkes": other_officer,
        **{f"{key}_officer": user for key, user in officers.items()},
    }


def names(users: Any, cast: dict[str, Any]) -> set[str]:
    by_pk = {u.pk: name for name, u in cast.items()}
    return {by_pk.get(u.pk, u.username) for u in users}


def told(event: str, cast: dict[str, Any]) -> set[str]:
    by_pk = {u.pk: name for name, u in cast.items()}
    users = Notice.objects.filter(event=event, user__isnull=False).values_list("user_id", flat=True)
    return {by_pk.get(pk, str(pk)) for pk in users}


MEMBERS = {"kemlu", "kemhan", "kemendagri", "kemenkeu", "kemensetneg", "polri", "bin"}
MEMBER_OFFICERS = {f"{k}_officer" for k in MEMBERS}


def to_verification(draft: Application, rep: Any, secretariat: Any) -> None:
    services.application_submit(application_id=draft.pk, actor=rep)
    services.application_open_verification(application_id=draft.pk, actor=secretariat)


def to_decision(draft: Application, cast: dict[str, Any], recommendation: str) -> None:
    secretariat = cast["kemlu_officer"]
    to_verification(draft, cast["ford"], secretariat)
    services.application_circulate(application_id=draft.pk, actor=secretariat)
    for review in draft.reviews.select_related("agency"):
        services.review_decide(
            review_id=review.pk,
            state="no_objection",
            reason_code="none",
            text="",
            actor=cast[f"{review.agency.key}_officer"],
        )
    present_and_deliberate(draft.pk, secretariat)
    services.deliberation_record(
        application_id=draft.pk,
        held_on=TODAY,
        agencies_present=[r.agency for r in draft.reviews.all()],
        recommendation=recommendation,
        actor=secretariat,
    )


def test_every_permits_event_is_registered():
    names_ = {name for name in events() if name.startswith("permits.")}
    assert names_ == {
        "permits.application_submitted",
        "permits.application_returned",
        "permits.application_answered",
        "permits.application_circulated",
        "permits.review_due",
        "permits.review_overdue",
        "permits.opinion_recorded",
        "permits.deliberation_scheduled",
        "permits.presentation_scheduled",
        "permits.application_approved",
        "permits.application_rejected",
        "permits.application_lapsed",
        "permits.permit_ended",
        "permits.permit_suspended",
        "permits.permit_reinstated",
        "permits.operational_ended",
        "permits.staff_ended",
        "permits.agreement_uncovered",
        "permits.extension_window_opened",
    }


def test_submission_tells_the_tracks_secretariat_by_email_too(
    draft, cast, django_capture_on_commit_callbacks
):
    expected = {"kemlu_officer", "kemlu_viewer"}
    assert names(event_recipients(notices.APPLICATION_SUBMITTED, draft), cast) == expected
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application_id=draft.pk, actor=cast["ford"])
    assert told(notices.APPLICATION_SUBMITTED, cast) == expected  # not Kemhan, Kemenkes, Ford
    notice = Notice.objects.get(event=notices.APPLICATION_SUBMITTED, user=cast["kemlu_officer"])
    assert draft.reference in notice.title
    assert notice.url.endswith(f"/permits/applications/{draft.pk}/")
    assert notice.email_status == Notice.Email.SENT
    [email] = [m for m in mail.outbox if cast["kemlu_officer"].email in m.to]
    assert email.subject == notice.title


def test_the_multilateral_secretariat_is_ktln_not_kemlu(cast, ngo):
    application = Application(reference="MLC-X", organization=ngo, track="multilateral_clearance")
    recipients = names(event_recipients(notices.APPLICATION_SUBMITTED, application), cast)
    assert recipients == {"kemensetneg_officer"}


def test_a_query_tells_the_applicant_and_the_answer_the_secretariat(draft, cast):
    secretariat = cast["kemlu_officer"]
    with freeze_today(TODAY):
        to_verification(draft, cast["ford"], secretariat)
        services.application_return(
            application_id=draft.pk, reasons=["missing_document"], text="Legalise the deed.",
            actor=secretariat,
        )  # fmt: skip
        ford = {"ford", "ford_colleague"}  # not the former representative, not another org's
        assert names(event_recipients(notices.APPLICATION_RETURNED, draft), cast) == ford
        assert told(notices.APPLICATION_RETURNED, cast) == ford
        notice = Notice.objects.get(event=notices.APPLICATION_RETURNED, user=cast["ford"])
        assert "18 Desember 2026" in notice.title  # Ford reads Indonesian (the default)
        assert "Legalise the deed." in notice.body
        english = Notice.objects.get(
            event=notices.APPLICATION_RETURNED, user=cast["ford_colleague"]
        )
        assert "18 December 2026" in english.title
        services.application_resubmit(
            application_id=draft.pk, response_text="Done.", actor=cast["ford"]
        )
        assert told(notices.APPLICATION_ANSWERED, cast) == {"kemlu_officer", "kemlu_viewer"}
        # A second query is a second notice (keyed by the query's number), and so its answer.
        services.application_return(
            application_id=draft.pk, reasons=["other"], text="One more thing.", actor=secretariat
        )
        services.application_resubmit(
            application_id=draft.pk, response_text="Done.", actor=cast["ford"]
        )
    returned = Notice.objects.filter(event=notices.APPLICATION_RETURNED, user=cast["ford"])
    assert returned.count() == 2
    answered = Notice.objects.filter(event=notices.APPLICATION_ANSWERED, user=secretariat)
    assert answered.count() == 2


def test_circulation_tells_each_member_asked_and_not_a_non_reviewer(draft, cast):
    secretariat = cast["kemlu_officer"]
    to_verification(draft, cast["ford"], secretariat)
    services.application_circulate(application_id=draft.pk, actor=secretariat)
    asked = (MEMBER_OFFICERS - {"kemlu_officer"}) | {"kemlu_viewer"}  # the actor is not told
    assert told(notices.APPLICATION_CIRCULATED, cast) == asked
    assert "kemenkes" not in names(event_recipients(notices.APPLICATION_CIRCULATED, draft), cast)
    notice = Notice.objects.get(event=notices.APPLICATION_CIRCULATED, user=cast["kemhan_officer"])
    assert notice.url.endswith("/permits/reviews/")


def test_a_reopened_review_asks_only_that_agency_again(draft, cast):
    secretariat = cast["kemlu_officer"]
    to_verification(draft, cast["ford"], secretariat)
    services.application_circulate(application_id=draft.pk, actor=secretariat)
    review = draft.reviews.get(agency__key="kemhan")
    services.review_decide(
        review_id=review.pk, state="objection", reason_code="security", text="Concern.",
        actor=cast["kemhan_officer"],
    )  # fmt: skip
    before = set(Notice.objects.values_list("pk", flat=True))
    services.review_reopen(review_id=review.pk, actor=secretariat)
    new = Notice.objects.filter(event=notices.APPLICATION_CIRCULATED).exclude(pk__in=before)
    assert {n.user_id for n in new} == {cast["kemhan_officer"].pk}


def test_an_opinion_tells_the_secretariat_but_not_its_own_author(draft, cast):
    secretariat = cast["kemlu_officer"]
    to_verification(draft, cast["ford"], secretariat)
    services.application_circulate(application_id=draft.pk, actor=secretariat)
    kemhan = draft.reviews.get(agency__key="kemhan")
    expected = {"kemlu_officer", "kemlu_viewer"}
    assert names(event_recipients(notices.OPINION_RECORDED, kemhan), cast) == expected
    services.review_decide(
        review_id=kemhan.pk, state="objection", reason_code="security", text="Concern.",
        actor=cast["kemhan_officer"],
    )  # fmt: skip
    assert told(notices.OPINION_RECORDED, cast) == expected  # not Polri, not Ford
    # Kemlu's own opinion: its officer who gave it is not told; its viewer is.
    own = draft.reviews.get(agency__key="kemlu")
    services.review_decide(
        review_id=own.pk, state="no_objection", reason_code="none", text="", actor=secretariat
    )
    mine = Notice.objects.filter(event=notices.OPINION_RECORDED, target_id=str(own.pk))
    assert {n.user_id for n in mine} == {cast["kemlu_viewer"].pk}
    [notice] = Notice.objects.filter(event=notices.OPINION_RECORDED, user=secretariat)
    assert draft.reference in notice.title
    assert notice.url.endswith(f"/permits/applications/{draft.pk}/")


def test_deliberation_tells_secretariat_members_and_applicant(draft, cast):
    with freeze_today(TODAY):
        to_decision(draft, cast, "approve")
    expected = MEMBER_OFFICERS | {"kemlu_viewer", "ford", "ford_colleague"}
    assert names(event_recipients(notices.DELIBERATION_SCHEDULED, draft), cast) == expected
    # The secretariat officer opened it: everyone else was told, Kemenkes and others not.
    assert told(notices.DELIBERATION_SCHEDULED, cast) == expected - {"kemlu_officer"}


@pytest.mark.parametrize("approve", [True, False])
def test_the_decision_tells_applicant_secretariat_and_partner_ministry(
    draft, cast, approve, django_capture_on_commit_callbacks
):
    with freeze_today(TODAY):
        to_decision(draft, cast, "approve" if approve else "reject")
        with django_capture_on_commit_callbacks(execute=True):
            services.application_decide(
                application_id=draft.pk,
                approve=approve,
                valid_from=TODAY,
                valid_until=date(2029, 11, 28),
                reasons=[] if approve else ["funds"],
                actor=cast["kemlu_officer"],
            )
    event = notices.APPLICATION_APPROVED if approve else notices.APPLICATION_REJECTED
    # Kemendagri is the proposed partner ministry; Kemhan reviewed but is not told.
    expected = {"ford", "ford_colleague", "kemlu_officer", "kemlu_viewer", "kemendagri_officer"}
    assert names(event_recipients(event, draft), cast) == expected
    assert told(event, cast) == expected - {"kemlu_officer"}
    notice = Notice.objects.get(event=event, user=cast["ford"])
    assert notice.language == "id"
    if approve:
        permit = Permit.objects.get(application=draft)
        assert permit.number in notice.body
        assert "28 November 2029" in notice.body
    else:
        english = Notice.objects.get(event=event, user=cast["ford_colleague"])
        assert english.language == "en"
        assert english.title.endswith("was rejected")
        assert "Origin or use of funds" in english.body
    assert any(cast["ford"].email in m.to for m in mail.outbox)


@pytest.fixture
def regions(ngo: Any) -> dict[str, Any]:
    jateng = ProvinceFactory(code="33", name="Jawa Tengah")
    dki = ProvinceFactory(code="31", name="DKI Jakarta")
    papua = ProvinceFactory(code="91", name="Papua")
    bodies = {
        name: GovernmentBodyFactory(
            key=f"pemprov-{name}", kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province=p
        )
        for name, p in [("jateng", jateng), ("dki", dki), ("papua", papua)]
    }
    kesbangpol = GovernmentBodyFactory(
        key="jateng-kesbangpol", kind=GovernmentBody.Kind.UNIT, parent=bodies["jateng"]
    )
    users = {f"{name}_officer": UserFactory(officer=True, body=b) for name, b in bodies.items()}
    users["jateng_kesbangpol"] = UserFactory(officer=True, body=kesbangpol)
    return {"jateng": jateng, "dki": dki, "papua": papua, "users": users}


def ended_permit(ngo: Any, partner: Any, province: Any, agreement_province: Any, owner: Any):
    application = Application.objects.create(
        reference="TPOA-2024-0001", organization=ngo, track="tpoa", status="approved"
    )
    application.provinces.set([province])
    permit = PermitFactory(
        organization=ngo,
        application=application,
        partner_ministry=partner,
        valid_from=date(2024, 4, 4),
        valid_until=date(2027, 4, 3),
    )
    msp = AgreementFactory(owner=owner, foreign_parties=[ngo], active=True)
    msp.provinces.set([agreement_province])
    return permit


def test_a_permit_ended_tells_partner_kemendagri_owners_and_the_provinces_by_the_worker(
    ngo, cast, regions, agencies, kemenkes, django_capture_on_commit_callbacks
):
    cast.update(regions["users"])
    kemensos = GovernmentBodyFactory(key="kemensos")
    kemensos_unit = GovernmentBodyFactory(key="kemensos-biro", unit=True, parent=kemensos)
    cast["kemensos_unit_officer"] = UserFactory(officer=True, body=kemensos_unit)
    permit = ended_permit(ngo, kemenkes, regions["jateng"], regions["dki"], kemensos_unit)
    expected = {
        "kemenkes",  # the partner ministry
        "kemendagri_officer",  # Kemendagri (its Ditjen Polpum is not registered here)
        "kemensetneg_officer",  # Biro KTLN's ministry (the unit is not registered here)
        "kemensos_unit_officer",  # the MSP's lead body (its whole ministry)
        "jateng_officer",  # the permit's region
        "jateng_kesbangpol",  # ... with its units
        "dki_officer",  # the MSP's region
        "ford",  # the holder's representatives
        "ford_colleague",
    }  # not Papua, not Kemlu or Kemhan, not another organization
    assert names(event_recipients(notices.PERMIT_ENDED, permit), cast) == expected
    with django_capture_on_commit_callbacks(execute=True):
        assert services.permits_daily(on=date(2027, 4, 4))["expired"] == 1
    assert told(notices.PERMIT_ENDED, cast) == expected
    notice = Notice.objects.get(event=notices.PERMIT_ENDED, user=cast["dki_officer"])
    assert permit.number in notice.title
    assert "Memorandum" in notice.body  # the dependent agreement is listed
    emailed = {address for m in mail.outbox for address in m.to}
    assert {cast[name].email for name in expected} <= emailed
    services.permits_daily(on=date(2027, 4, 5))
    assert Notice.objects.filter(event=notices.PERMIT_ENDED).count() == len(expected)


def test_permit_ended_recipients_take_a_constant_number_of_queries(
    ngo, regions, kemenkes, kemendagri
):
    permit = ended_permit(ngo, kemenkes, regions["jateng"], regions["dki"], kemendagri)

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            event_recipients(notices.PERMIT_ENDED, permit)
        return len(queries)

    few = count()
    for n in range(4):
        msp = AgreementFactory(owner=GovernmentBodyFactory(), foreign_parties=[ngo], active=True)
        province = ProvinceFactory(code=f"7{n}")
        msp.provinces.set([province])
        UserFactory(officer=True, body=msp.owner)
        UserFactory(
            officer=True,
            body=GovernmentBodyFactory(
                kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT, province=province
            ),
        )
    assert count() == few
    assert len(event_recipients(notices.PERMIT_ENDED, permit)) == 3 + 8


def test_a_lapse_tells_only_the_organizations_active_representatives(draft, cast):
    assert names(event_recipients(notices.APPLICATION_LAPSED, draft), cast) == {
        "ford",
        "ford_colleague",
    }


def test_review_reminders_tell_the_reviewing_agency_and_when_overdue_the_secretariat(draft, cast):
    secretariat = cast["kemlu_officer"]
    with freeze_today(TODAY):
        to_verification(draft, cast["ford"], secretariat)
        services.application_circulate(application_id=draft.pk, actor=secretariat)
    kemhan = draft.reviews.get(agency__key="kemhan")
    [deadline] = [
        d for d in permit_deadlines(start=None, end=kemhan.due_date) if d.record == kemhan
    ]
    assert (deadline.due_event, deadline.overdue_event) == (
        notices.REVIEW_DUE,
        notices.REVIEW_OVERDUE,
    )
    context = {"deadline": deadline}
    assert names(event_recipients(notices.REVIEW_DUE, kemhan, context), cast) == {"kemhan_officer"}
    assert names(event_recipients(notices.REVIEW_OVERDUE, kemhan, context), cast) == {
        "kemhan_officer",
        "kemlu_officer",
        "kemlu_viewer",
    }
    # The reminder job sends them: a week before, then once after the date.
    reminders_send(on=kemhan.due_date - timedelta(days=7))
    due = Notice.objects.filter(event=notices.REVIEW_DUE, target_id=str(kemhan.pk))
    assert {n.user_id for n in due} == {cast["kemhan_officer"].pk}
    assert draft.reference in due.get().title
    services.review_decide(
        review_id=draft.reviews.get(agency__key="polri").pk, state="no_objection",
        reason_code="none", text="", actor=cast["polri_officer"],
    )  # fmt: skip
    reminders_send(on=kemhan.due_date + timedelta(days=1))
    overdue = Notice.objects.filter(event=notices.REVIEW_OVERDUE, target_id=str(kemhan.pk))
    assert {n.user_id for n in overdue} == {
        cast[name].pk for name in ("kemhan_officer", "kemlu_officer", "kemlu_viewer")
    }
    polri = draft.reviews.get(agency__key="polri")  # given: no overdue notice
    assert not Notice.objects.filter(event=notices.REVIEW_OVERDUE, target_id=str(polri.pk))


def test_the_extension_window_opening_tells_the_holder(ngo, cast, kemendagri):
    permit = PermitFactory(
        organization=ngo,
        partner_ministry=kemendagri,
        valid_from=date(2024, 4, 4),
        valid_until=date(2027, 4, 3),
    )
    [window] = [
        d
        for d in permit_deadlines(start=None, end=date(2027, 12, 31))
        if d.key.endswith(":extension_window")
    ]
    assert window.due == date(2026, 10, 3)  # six months before the end
    assert window.window
    assert window.opened_event == notices.EXTENSION_WINDOW_OPENED
    ford = {"ford", "ford_colleague"}
    context = {"deadline": window}
    assert names(event_recipients(notices.EXTENSION_WINDOW_OPENED, permit, context), cast) == ford
    reminders_send(on=date(2026, 10, 2))  # the day before: nothing yet
    assert not Notice.objects.filter(event=notices.EXTENSION_WINDOW_OPENED).exists()
    reminders_send(on=date(2026, 10, 3))  # the day it opens
    opened = Notice.objects.filter(event=notices.EXTENSION_WINDOW_OPENED)
    assert {n.user_id for n in opened} == {cast["ford"].pk, cast["ford_colleague"].pk}
    assert "3 Januari 2027" in opened.get(user=cast["ford"]).title  # file by, in Indonesian
    reminders_send(on=date(2026, 10, 5))
    assert opened.count() == 2  # never twice


def test_an_open_review_of_an_application_no_longer_in_review_is_not_reminded(draft, cast):
    secretariat = cast["kemlu_officer"]
    to_verification(draft, cast["ford"], secretariat)
    services.application_circulate(application_id=draft.pk, actor=secretariat)
    services.application_withdraw(application_id=draft.pk, actor=cast["ford"])
    assert AgencyReview.objects.filter(state="requested").exists()
    assert not [
        d for d in permit_deadlines(start=None, end=date(2030, 1, 1)) if d.key.startswith("review")
    ]
