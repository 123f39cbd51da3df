"""The application's life through the services: happy path, each refusal (nothing written),
audit, the decision rule, the 3-year cap, immutability of opinions."""

from datetime import date, timedelta
from typing import Any

import pytest

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.core.tests.helpers import freeze_today
from mitra.notifications.models import Notice
from mitra.permits import services
from mitra.permits.models import (
    AgencyReview,
    Application,
    Deliberation,
    Permit,
    ReviewDecidedError,
    StageVisit,
)
from mitra.permits.tests.factories import present_and_deliberate

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
S = Application.Status


def counts() -> dict[str, int]:
    return {
        "applications": Application.objects.count(),
        "reviews": AgencyReview.objects.count(),
        "permits": Permit.objects.count(),
        "deliberations": Deliberation.objects.count(),
        "visits": StageVisit.objects.count(),
        "audit": AuditEvent.objects.count(),
        "statuses": sorted(Application.objects.values_list("pk", "status")),
        "review_states": sorted(AgencyReview.objects.values_list("pk", "state", "text")),
    }


def refused(call: Any, *args: Any, **kwargs: Any) -> ApplicationError:
    before = counts()
    with pytest.raises(ApplicationError) as info:
        call(*args, **kwargs)
    assert counts() == before
    return info.value


def to_review(draft: Application, rep: Any, secretariat: Any) -> Application:
    services.application_submit(application_id=draft.pk, actor=rep)
    services.application_open_verification(application_id=draft.pk, actor=secretariat)
    services.application_circulate(application_id=draft.pk, actor=secretariat)
    draft.refresh_from_db()
    return draft


def decide_all(application: Application, officers: dict[str, Any], objection: str = "") -> None:
    for review in application.reviews.filter(state__in=AgencyReview.OPEN_STATES):
        state = "objection" if review.agency.key == objection else "no_objection"
        services.review_decide(
            review_id=review.pk,
            state=state,
            reason_code="security" if state == "objection" else "none",
            text="Concern." if state == "objection" else "",
            actor=officers[review.agency.key],
        )


def test_happy_path_issues_a_permit_within_three_years(draft, rep, secretariat, officers):
    with freeze_today(TODAY):
        application = to_review(draft, rep, secretariat)
        assert application.status == S.REVIEW
        assert application.reviews.count() == 7
        assert all(r.due_date > TODAY for r in application.reviews.all())
        decide_all(application, officers)
        present_and_deliberate(application.pk, secretariat)
        services.deliberation_record(
            application_id=application.pk,
            held_on=TODAY,
            agencies_present=[r.agency for r in application.reviews.all()],
            recommendation="approve",
            actor=secretariat,
        )
        refused(
            services.application_decide,
            application_id=application.pk,
            approve=True,
            valid_from=date(2026, 12, 1),
            valid_until=date(2029, 12, 1),  # one day over 3 years
            actor=secretariat,
        )
        permit = services.application_decide(
            application_id=application.pk,
            approve=True,
            valid_from=date(2026, 12, 1),
            valid_until=date(2029, 11, 30),
            actor=secretariat,
        )
    assert permit is not None
    assert permit.status == Permit.Status.ACTIVE
    application.refresh_from_db()
    assert application.status == S.APPROVED
    assert AuditEvent.objects.filter(event="permit.issued").count() == 1
    stages = list(application.stage_visits.values_list("stage", flat=True))
    assert stages[:3] == ["draft", "submitted", "verification"]


def test_incomplete_draft_cannot_be_submitted(ngo, rep, agencies):
    application = services.application_create(organization=ngo, actor=rep)
    error = refused(services.application_submit, application_id=application.pk, actor=rep)
    assert "documents" in error.extra
    assert "nonprofit_statement" in error.extra


def test_country_without_relations_fails_the_gate(draft, rep, settings):
    settings.MITRA = {**settings.MITRA, "DIPLOMATIC_RELATIONS": ["ID", "GB"]}
    error = refused(services.application_submit, application_id=draft.pk, actor=rep)
    assert "country" in error.extra


def test_only_the_applicant_submits_and_only_the_secretariat_moves(
    draft, rep, secretariat, officers
):
    refused(services.application_submit, application_id=draft.pk, actor=secretariat)
    services.application_submit(application_id=draft.pk, actor=rep)
    refused(
        services.application_open_verification, application_id=draft.pk, actor=officers["kemhan"]
    )
    refused(services.application_open_verification, application_id=draft.pk, actor=rep)


def test_return_answer_and_default_deadline(draft, rep, secretariat):
    with freeze_today(TODAY):
        services.application_submit(application_id=draft.pk, actor=rep)
        services.application_open_verification(application_id=draft.pk, actor=secretariat)
        refused(
            services.application_return,
            application_id=draft.pk,
            reasons=[],
            text="",
            actor=secretariat,
        )
        application = services.application_return(
            application_id=draft.pk,
            reasons=["missing_document"],
            text="Legalise the deed.",
            actor=secretariat,
        )
        assert application.status == S.RETURNED
        # 15 working days from Sunday 29 Nov 2026: Friday 18 December.
        assert application.query_deadline == date(2026, 12, 18)
        refused(services.application_resubmit, application_id=draft.pk, response_text="", actor=rep)
        services.application_resubmit(application_id=draft.pk, response_text="Done.", actor=rep)
    draft.refresh_from_db()
    assert draft.status == S.VERIFICATION


def test_decided_review_is_immutable(draft, rep, secretariat, officers):
    application = to_review(draft, rep, secretariat)
    review = application.reviews.get(agency__key="kemhan")
    refused(
        services.review_decide,
        review_id=review.pk,
        state="objection",
        reason_code="security",
        text="x",
        actor=officers["polri"],  # not a member of this review's agency
    )
    refused(
        services.review_decide,
        review_id=review.pk,
        state="objection",
        reason_code="security",
        text="",  # an objection needs a text
        actor=officers["kemhan"],
    )
    services.review_decide(
        review_id=review.pk,
        state="objection",
        reason_code="security",
        text="Concern.",
        actor=officers["kemhan"],
    )
    refused(
        services.review_decide,
        review_id=review.pk,
        state="no_objection",
        reason_code="none",
        text="",
        actor=officers["kemhan"],
    )
    review.refresh_from_db()
    review.text = "changed behind the service's back"
    with pytest.raises(ReviewDecidedError):
        review.save()


def test_objection_blocks_approval_unless_overridden_and_can_be_withdrawn(
    draft, rep, secretariat, officers
):
    with freeze_today(TODAY):
        application = to_review(draft, rep, secretariat)
        decide_all(application, officers, objection="kemhan")
        present_and_deliberate(application.pk, secretariat)
        present = [r.agency for r in application.reviews.all()]
        error = refused(
            services.deliberation_record,
            application_id=application.pk,
            held_on=TODAY,
            agencies_present=present,
            recommendation="approve",
            actor=secretariat,
        )
        assert "override_reason" in error.extra
        # Kemhan withdraws its objection: a new review, the old one kept unchanged.
        old = application.reviews.get(agency__key="kemhan")
        new = services.review_reopen(review_id=old.pk, actor=officers["kemhan"])
        application.refresh_from_db()
        assert application.status == S.REVIEW
        services.review_decide(
            review_id=new.pk,
            state="no_objection",
            reason_code="none",
            text="",
            actor=officers["kemhan"],
        )
        old.refresh_from_db()
        assert old.state == "objection"
        assert services.unresolved_objections(application) == []
        present_and_deliberate(application.pk, secretariat)
        services.deliberation_record(
            application_id=application.pk,
            held_on=TODAY,
            agencies_present=present,
            recommendation="approve",
            actor=secretariat,
        )
    application.refresh_from_db()
    assert application.status == S.DECISION_PENDING


def test_override_reason_allows_approval(draft, rep, secretariat, officers):
    with freeze_today(TODAY):
        application = to_review(draft, rep, secretariat)
        decide_all(application, officers, objection="bin")
        present_and_deliberate(application.pk, secretariat)
        services.deliberation_record(
            application_id=application.pk,
            held_on=TODAY,
            agencies_present=[r.agency for r in application.reviews.all()],
            recommendation="approve",
            override_reason="Addressed by conditions.",
            actor=secretariat,
        )
        permit = services.application_decide(
            application_id=application.pk,
            approve=True,
            valid_from=TODAY,
            valid_until=date(2029, 11, 28),
            conditions="No activities in Papua without notice.",
            actor=secretariat,
        )
    assert permit is not None


def test_rejection_needs_reasons(draft, rep, secretariat, officers):
    with freeze_today(TODAY):
        application = to_review(draft, rep, secretariat)
        decide_all(application, officers)
        present_and_deliberate(application.pk, secretariat)
        services.deliberation_record(
            application_id=application.pk,
            held_on=TODAY,
            agencies_present=[r.agency for r in application.reviews.all()],
            recommendation="reject",
            actor=secretariat,
        )
        refused(
            services.application_decide, application_id=draft.pk, approve=False, actor=secretariat
        )
        services.application_decide(
            application_id=draft.pk, approve=False, reasons=["funds"], actor=secretariat
        )
    draft.refresh_from_db()
    assert draft.status == S.REJECTED
    assert not Permit.objects.exists()


def test_deemed_no_objection_is_off_by_default_and_applies_when_configured(
    draft, rep, secretariat, settings
):
    application = to_review(draft, rep, secretariat)
    late = max(r.due_date for r in application.reviews.all()) + timedelta(days=1)
    assert services.review_apply_deemed(on=late) == 0
    settings.MITRA = {**settings.MITRA, "DEEMED_NO_OBJECTION": True}
    assert services.review_apply_deemed(on=late) == 7
    assert set(application.reviews.values_list("state", flat=True)) == {"no_objection"}


def test_withdraw_from_any_open_state(draft, rep, secretariat):
    services.application_submit(application_id=draft.pk, actor=rep)
    refused(services.application_withdraw, application_id=draft.pk, actor=secretariat)
    services.application_withdraw(application_id=draft.pk, actor=rep)
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN
    refused(services.application_withdraw, application_id=draft.pk, actor=rep)


def test_multilateral_track_clears_without_permit(agencies, officers, province):
    from mitra.accounts.tests.factories import UserFactory
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    from ..factories import complete_application

    uclg = ForeignOrganizationFactory(regional=True, country="ID")
    rep = UserFactory(username="uclg", org_representative=True, organization=uclg)
    application = complete_application(uclg, rep, agencies["kemendagri"], province)
    assert application.track == "multilateral_clearance"
    assert application.reference.startswith("MLC-")
    ktln = officers["kemensetneg"]
    services.application_submit(application_id=application.pk, actor=rep)
    refused(
        services.application_open_verification,
        application_id=application.pk,
        actor=officers["kemlu"],
    )
    services.application_open_verification(application_id=application.pk, actor=ktln)
    services.application_circulate(application_id=application.pk, actor=ktln)
    assert set(application.reviews.values_list("agency__key", flat=True)) == {
        "kemensetneg",
        "kemendagri",
    }


def test_an_unanswered_query_lapses_only_when_configured_and_only_after_its_deadline(
    draft, ngo, rep, secretariat, settings
):
    from mitra.accounts.tests.factories import UserFactory
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    colleague = UserFactory(org_representative=True, organization=ngo, preferred_language="id")
    former = UserFactory(org_representative=True, organization=ngo, is_active=False)
    stranger = UserFactory(org_representative=True, organization=ForeignOrganizationFactory())
    rep.preferred_language = "en"
    rep.save(update_fields=["preferred_language"])
    with freeze_today(TODAY):
        services.application_submit(application_id=draft.pk, actor=rep)
        services.application_open_verification(application_id=draft.pk, actor=secretariat)
        services.application_return(
            application_id=draft.pk, reasons=["missing_document"], text="Legalise the deed.",
            actor=secretariat,
        )  # fmt: skip
    deadline = date(2026, 12, 18)
    after = deadline + timedelta(days=1)
    assert services.permits_daily(on=after)["lapsed"] == 0  # off by default
    settings.MITRA = {**settings.MITRA, "RETURNED_LAPSES": True}
    assert services.application_lapse_returned(on=deadline) == 0  # the last day still counts
    assert services.permits_daily(on=after)["lapsed"] == 1
    draft.refresh_from_db()
    assert draft.status == S.WITHDRAWN
    event = AuditEvent.objects.get(event="permit_application.lapsed", target_id=draft.pk)
    assert (event.actor, event.data["deadline"]) == (None, "2026-12-18")
    [notice] = Notice.objects.filter(user=rep, event="permits.application_lapsed")
    assert draft.reference in notice.title
    assert "18 December 2026" in notice.title
    [in_indonesian] = Notice.objects.filter(user=colleague, event="permits.application_lapsed")
    assert "18 Desember 2026" in in_indonesian.title
    assert in_indonesian.url.startswith("/id/")
    assert not Notice.objects.filter(
        user__in=[former, stranger], event="permits.application_lapsed"
    ).exists()
    assert services.application_lapse_returned(on=after) == 0  # never twice
    # The organization may apply again.
    assert services.application_create(organization=ngo, actor=rep).status == S.DRAFT
