"""Licensing deadlines for the deadline engine: the filer's and the regulator's clocks."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.bodies.models import GovernmentBody
from mitra.deadlines.registry import FILER, REGULATOR, Deadline

from .models import AgencyReview, Application, Permit
from .roles import secretariat_key
from .validation import extension_deadline


def _secretariat_id(track: str, cache: dict[str, int | None]) -> int | None:
    return _agency_id(secretariat_key(track), cache)


def _agency_id(key: str, cache: dict[str, int | None]) -> int | None:
    if key not in cache:
        cache[key] = GovernmentBody.objects.filter(key=key).values_list("pk", flat=True).first()
    return cache[key]


def permit_deadlines(*, start: date, end: date, user: Any = None) -> Iterator[Deadline]:
    """Izin prinsip: the last day to file its extension, and its expiry. Open applications:
    the applicant's answer to a query. Member reviews: each agency's opinion due date."""
    permits = Permit.objects.visible_to(user) if user is not None else Permit.objects.all()
    secretariats: dict[str, int | None] = {}
    for permit in permits.filter(status=Permit.Status.ACTIVE).select_related("organization"):
        # The partner ministry and Kemendagri are told of an izin prinsip's end (issue 3 §3).
        kemendagri = _agency_id("kemendagri", secretariats)
        agencies = sorted({a for a in [permit.partner_ministry_id, kemendagri] if a})
        common = {
            "url": reverse("permits:permit_detail", args=[permit.pk]),
            "record": permit,
            "agencies": agencies,
            "organizations": [permit.organization_id],
        }
        filing = extension_deadline(permit.valid_until)
        if start <= filing <= end:
            yield Deadline(
                key=f"permit:{permit.pk}:extension_filing",
                title=_("File the extension of izin prinsip %(number)s")
                % {"number": permit.number},
                due=filing,
                kind=FILER,
                description=_("An extension is filed at least 3 months before expiry."),
                **common,
            )
        if start <= permit.valid_until <= end:
            yield Deadline(
                key=f"permit:{permit.pk}:expiry",
                title=_("Izin prinsip %(number)s expires") % {"number": permit.number},
                due=permit.valid_until,
                kind=FILER,
                **common,
            )
    applications = (
        Application.objects.visible_to(user) if user is not None else Application.objects.all()
    )
    returned = applications.filter(
        status=Application.Status.RETURNED, query_deadline__gte=start, query_deadline__lte=end
    )
    for application in returned:
        secretariat = _secretariat_id(application.track, secretariats)
        yield Deadline(
            key=f"application:{application.pk}:query",
            title=_("Answer the query on application %(reference)s")
            % {"reference": application.reference},
            due=application.query_deadline,
            kind=FILER,
            url=reverse("permits:application_detail", args=[application.pk]),
            record=application,
            agencies=[secretariat] if secretariat else [],
            organizations=[application.organization_id],
        )
    reviews = (
        AgencyReview.objects.visible_to(user) if user is not None else AgencyReview.objects.all()
    )
    open_reviews = reviews.filter(
        state__in=[AgencyReview.State.REQUESTED, AgencyReview.State.IN_PROGRESS],
        due_date__gte=start,
        due_date__lte=end,
    ).select_related("application")
    for review in open_reviews:
        yield Deadline(
            key=f"review:{review.pk}:opinion",
            title=_("Give your agency's opinion on application %(reference)s")
            % {"reference": review.application.reference},
            due=review.due_date,
            kind=REGULATOR,
            url=reverse("permits:review_detail", args=[review.pk]),
            record=review,
            agencies=[review.agency_id],
        )
