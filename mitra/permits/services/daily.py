"""The daily licensing job: lapsed queries, expiries and deemed opinions."""

from datetime import date

from django.db import transaction

from mitra.audit.services import audit_event_record
from mitra.core.dates import today
from mitra.notifications.services import notify

from .. import notices
from ..conf import setting
from ..lifecycle import permit_expire_due
from ..models import AgencyReview, Application
from ..org_status import organization_statuses_refresh
from ._common import S, _lock, _lock_review, _move, _now


def review_apply_deemed(*, on: date | None = None) -> int:
    """Daily, when configured: open reviews past their due date count as no objection."""
    if not setting("DEEMED_NO_OBJECTION"):
        return 0
    on = on or today()
    count = 0
    overdue = AgencyReview.objects.filter(
        state__in=AgencyReview.OPEN_STATES, due_date__lt=on, application__status=S.REVIEW
    )
    for pk, application_id in list(overdue.values_list("pk", "application_id")):
        with transaction.atomic():
            _lock(application_id)
            review = _lock_review(pk)
            if review.is_decided or review.due_date >= on:
                continue
            review.no_objection()
            review.reason_code = AgencyReview.Reason.DEEMED
            review.deemed = True
            review.decided_at = _now()
            review.save()
            audit_event_record(
                event="permit_review.deemed",
                target=review.application,
                actor=None,
                data={"new": {"agency": review.agency.key, "state": review.state}},
            )
            notify(event=notices.OPINION_RECORDED, subject=review)
            count += 1
    return count


def application_lapse_returned(*, on: date | None = None) -> int:
    """Daily, when configured (RETURNED_LAPSES): applications returned to the applicant
    (for completion, or for more information from the deliberation) whose query deadline
    passed without an answer are withdrawn, by no one (the job), with the deadline in the
    audit event `permit_application.lapsed`."""
    if not setting("RETURNED_LAPSES"):
        return 0
    on = on or today()
    count = 0
    lapsed = Application.objects.filter(status=S.RETURNED, query_deadline__lt=on)
    for pk in list(lapsed.values_list("pk", flat=True)):
        with transaction.atomic():
            application = _lock(pk)
            deadline = application.query_deadline
            if application.status != S.RETURNED or deadline is None or deadline >= on:
                continue  # resubmitted, or given more time, meanwhile
            data = {"deadline": deadline.isoformat()}
            _move(application, "withdraw", None, "permit_application.lapsed", data)
            notify(event=notices.APPLICATION_LAPSED, subject=application)
            count += 1
    return count


def permits_daily(*, on: date | None = None) -> dict[str, int]:
    """The daily licensing job for the day `on` (default today): lapsed queries first (a
    lapsed extension no longer keeps its permit valid), then expiries with their cascade
    (lifecycle.py), then deemed opinions (each of the first and last if configured), then the
    organizations' licensing status (org_status.py). Every
    step works on `on`, never on the clock."""
    on = on or today()
    lapsed = application_lapse_returned(on=on)
    counts = permit_expire_due(on=on)
    counts["deemed"] = review_apply_deemed(on=on)
    counts["lapsed"] = lapsed
    # Last: the organizations' status follows what the steps above did (issue 15 §5).
    counts["statuses"] = organization_statuses_refresh()
    return counts
