"""The presentation step (issue 15 §5; domain.md §3.2 step 5): scheduled by the secretariat
once the opinions are in, recorded as held, and only then the deliberation. Each refusal writes
nothing; audit, notices; the organization's status follows the application."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from mitra.audit.models import AuditEvent
from mitra.core.tests.helpers import freeze_today
from mitra.notifications.models import Notice
from mitra.organizations.models import ForeignOrganization
from mitra.permits import notices, services
from mitra.permits.models import Application, Presentation

from .test_application_flow import decide_all, refused, to_review

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
S = Application.Status


def test_presentation_then_deliberation(draft, rep, secretariat, officers, agencies):
    with freeze_today(TODAY):
        application = to_review(draft, rep, secretariat)
        ngo = application.organization
        ngo.refresh_from_db()
        assert ngo.status == ForeignOrganization.Status.APPLICANT  # status follows licensing
        # Opinions still open: no presentation yet.
        refused(
            services.presentation_schedule,
            application_id=application.pk,
            scheduled_for=TODAY,
            place="Kemlu",
            actor=secretariat,
        )
        decide_all(application, officers)
        # Not past review without the presentation.
        refused(
            services.application_open_deliberation, application_id=application.pk, actor=secretariat
        )
        # Bad input: no date, no place.
        error = refused(
            services.presentation_schedule,
            application_id=application.pk,
            scheduled_for=None,
            place=" ",
            actor=secretariat,
        )
        assert set(error.extra) == {"scheduled_for", "place"}
        # Only the secretariat.
        refused(
            services.presentation_schedule,
            application_id=application.pk,
            scheduled_for=TODAY,
            place="Kemlu",
            actor=rep,
        )
        services.presentation_schedule(
            application_id=application.pk,
            scheduled_for=TODAY + timedelta(days=7),
            place="Ruang Nusantara, Kemlu",
            actor=secretariat,
        )
        application.refresh_from_db()
        assert application.status == S.PRESENTATION
        assert AuditEvent.objects.filter(
            event="permit_application.presentation_scheduled", target_id=application.pk
        ).exists()
        assert Notice.objects.filter(event=notices.PRESENTATION_SCHEDULED, user=rep).exists()
        # Not held yet: no deliberation.
        refused(
            services.application_open_deliberation, application_id=application.pk, actor=secretariat
        )
        # Bad input for the record: a future date, nobody present.
        error = refused(
            services.presentation_record,
            application_id=application.pk,
            held_on=TODAY + timedelta(days=1),
            agencies_present=[],
            actor=secretariat,
        )
        assert set(error.extra) == {"held_on", "agencies_present"}
        services.presentation_record(
            application_id=application.pk,
            held_on=TODAY,
            agencies_present=[agencies["kemlu"], agencies["kemendagri"]],
            notes="Vision, mission and work plan presented; questions on funding answered.",
            actor=secretariat,
        )
        presentation = Presentation.objects.get(application=application)
        assert presentation.is_held
        assert presentation.attendees.count() == 2
        refused(  # recorded once
            services.presentation_record,
            application_id=application.pk,
            held_on=TODAY,
            agencies_present=[agencies["kemlu"]],
            actor=secretariat,
        )
        services.application_open_deliberation(application_id=application.pk, actor=secretariat)
        application.refresh_from_db()
        assert application.status == S.DELIBERATION


def test_the_web_form_shows_errors(client, draft, rep, secretariat, officers):
    with freeze_today(TODAY):
        application = to_review(draft, rep, secretariat)
        decide_all(application, officers)
        client.force_login(secretariat)
        url = reverse("permits:application_detail", args=[application.pk])
        response = client.get(url)
        assert "/actions/schedule_presentation/" in response.content.decode()
        before = Presentation.objects.count()
        response = client.post(
            reverse("permits:application_action", args=[application.pk, "schedule_presentation"]),
            {"scheduled_for": "not a date", "place": ""},
            follow=True,
        )
        assert "Enter a valid date." in response.content.decode()
        assert Presentation.objects.count() == before
        application.refresh_from_db()
        assert application.status == S.REVIEW
