"""Licensing deadlines for the deadline engine: the filer's and the regulator's clocks. A
deadline is listed until its obligation is met, however overdue (issue 9 §4). Every period is
a deadline rule, by the version in force on the day its count starts from."""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mitra.bodies.models import GovernmentBody
from mitra.core.exceptions import ApplicationError
from mitra.deadlines.engine import period_text, versions
from mitra.deadlines.registry import FILER, REGULATOR, Deadline, url_maker

from .conf import RULE_DECISION, RULE_EXTENSION_FILING, RULE_EXTENSION_WINDOW, RULE_VERIFICATION
from .models import AgencyReview, Application, Deliberation, Permit, StageVisit
from .roles import secretariat_key
from .validation import extension_deadline, extension_window_opens


def _secretariat_id(track: str, cache: dict[str, int | None]) -> int | None:
    return _agency_id(secretariat_key(track), cache)


def _agency_id(key: str, cache: dict[str, int | None]) -> int | None:
    if key not in cache:
        cache[key] = GovernmentBody.objects.filter(key=key).values_list("pk", flat=True).first()
    return cache[key]


def _permits(user: Any) -> Any:
    permits = Permit.objects.visible_to(user) if user is not None else Permit.objects.all()
    filed = Application.objects.filter(extends=OuterRef("pk")).exclude(
        status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]
    )
    return permits.annotate(
        extension_filed=Exists(filed),
        extended=Exists(Permit.objects.filter(previous=OuterRef("pk"))),
    )


def permit_deadlines(*, start: date | None, end: date, user: Any = None) -> Iterator[Deadline]:
    """Every unmet licensing deadline due on or before `end`, however overdue unless `start`
    bounds them: the database then skips the records whose deadlines all fall before it (the
    registry's `collect` would drop them), as the reminder job's window asks.

    Izin prinsip: the day its extension window opens and the last day to file the extension
    (both met once an extension is filed, i.e. submitted and not withdrawn, or the permit was
    extended), and its expiry (gone once the permit is extended or no longer active).
    Returned applications: the applicant's answer to the query (met once answered). The
    secretariat's verification and the decision (`_secretariat_clocks`). Member reviews: each
    agency's opinion (met once given; moot once the application left review).
    """
    secretariats: dict[str, int | None] = {}
    filing_rule = versions(RULE_EXTENSION_FILING)
    lead = max(versions(RULE_EXTENSION_WINDOW).reach_days(), filing_rule.reach_days())
    current = _permits(user).filter(
        status=Permit.Status.ACTIVE,  # in force (a suspended holder's too)
        valid_until__lte=end + timedelta(days=lead),  # the longest lead of any version
    )
    if start is not None:  # its window, filing day and expiry fall on or before its end
        current = current.filter(valid_until__gte=start)
    # Made once, not per permit: Kemendagri is told of every izin prinsip's end, so a page of
    # its deadlines holds hundreds of them (the dashboard's costliest provider otherwise).
    permit_url = url_maker("permits:permit_detail")
    window_title = _("Extension window open for izin prinsip %(number)s: file by %(date)s")
    filing_title = _("File the extension of izin prinsip %(number)s")
    expiry_title = _("Izin prinsip %(number)s expires")
    filing_template = _("An extension is filed at least %(period)s before expiry.")
    # The reminder job (no viewer) needs each permit whole, as its notices' subject; a page
    # needs six columns.
    if user is None:
        current = current.select_related("organization")
    else:
        current = current.only(
            "id", "number", "status", "valid_until", "partner_ministry_id", "organization_id"
        )
    for permit in current:
        # The partner ministry and Kemendagri are told of an izin prinsip's end (issue 3 §3).
        kemendagri = _agency_id("kemendagri", secretariats)
        agencies = sorted({a for a in [permit.partner_ministry_id, kemendagri] if a})
        common = {
            "url": permit_url(permit.pk),
            "record": permit,
            "agencies": agencies,
            "organizations": [permit.organization_id],
        }
        filing = extension_deadline(permit.valid_until)
        filing_text = filing_template % {
            "period": period_text(filing_rule.in_force(permit.valid_until))
        }
        if not (permit.extension_filed or permit.extended):
            opens = extension_window_opens(permit.valid_until)
            if opens <= end:
                yield Deadline(
                    key=f"permit:{permit.pk}:extension_window",
                    title=window_title
                    % {"number": permit.number, "date": date_format(filing, "j F Y")},
                    due=opens,
                    kind=FILER,
                    description=filing_text,
                    # A window: one notice the day it opens, no countdown before it.
                    window=True,
                    opened_event="permits.extension_window_opened",
                    **{**common, "agencies": []},
                )
            if filing <= end:
                yield Deadline(
                    key=f"permit:{permit.pk}:extension_filing",
                    title=filing_title % {"number": permit.number},
                    due=filing,
                    kind=FILER,
                    description=filing_text,
                    **common,
                )
        if (
            permit.status == Permit.Status.ACTIVE
            and not permit.extended
            and permit.valid_until <= end
        ):
            yield Deadline(
                key=f"permit:{permit.pk}:expiry",
                title=expiry_title % {"number": permit.number},
                due=permit.valid_until,
                kind=FILER,
                **common,
            )
    applications = (
        Application.objects.visible_to(user) if user is not None else Application.objects.all()
    )
    returned = applications.filter(
        status=Application.Status.RETURNED,
        query_deadline__isnull=False,
        query_deadline__lte=end,
        **({"query_deadline__gte": start} if start is not None else {}),
    )
    application_url = url_maker("permits:application_detail")
    for application in returned:
        if application.query_deadline is None:  # filtered out above; the column allows it
            continue
        secretariat = _secretariat_id(application.track, secretariats)
        yield Deadline(
            key=f"application:{application.pk}:query",
            title=_("Answer the query on application %(reference)s")
            % {"reference": application.reference},
            due=application.query_deadline,
            kind=FILER,
            url=application_url(application.pk),
            record=application,
            agencies=[secretariat] if secretariat else [],
            organizations=[application.organization_id],
        )
    yield from _secretariat_clocks(applications, end, secretariats)
    reviews = (
        AgencyReview.objects.visible_to(user) if user is not None else AgencyReview.objects.all()
    )
    open_reviews = reviews.filter(
        state__in=AgencyReview.OPEN_STATES,
        application__status=Application.Status.REVIEW,
        due_date__lte=end,
        **({"due_date__gte": start} if start is not None else {}),
    ).select_related("application", "agency")
    review_url = url_maker("permits:review_detail")
    review_title = _("Give your agency's opinion on application %(reference)s")
    for review in open_reviews:
        yield Deadline(
            key=f"review:{review.pk}:opinion",
            title=review_title % {"reference": review.application.reference},
            due=review.due_date,
            kind=REGULATOR,
            url=review_url(review.pk),
            record=review,
            agencies=[review.agency_id],
            due_event="permits.review_due",
            overdue_event="permits.review_overdue",
        )


def _secretariat_clocks(
    applications: Any, end: date, secretariats: dict[str, int | None]
) -> Iterator[Deadline]:
    """The government's clocks on an application, on the secretariat of its track: verifying it
    (the `verification` rule, counted from the submission or from the applicant's latest answer
    to a query; met once it is circulated, returned or withdrawn) and deciding it (the
    `decision` rule, counted from the recommendation; met once decided). Each by the version
    in force on the day its count starts."""
    S = Application.Status
    answered = StageVisit.objects.filter(
        application=OuterRef("pk"), stage=S.RETURNED, left_at__isnull=False
    ).order_by("-left_at")
    recommended = Deliberation.objects.filter(application=OuterRef("pk")).order_by(
        "-held_on", "-id"
    )
    pending = (
        applications.filter(status__in=[S.SUBMITTED, S.VERIFICATION, S.DECISION_PENDING])
        .annotate(
            answered_at=Subquery(answered.values("left_at")[:1]),
            recommended_on=Subquery(recommended.values("held_on")[:1]),
        )
        .only("id", "reference", "track", "status", "submitted_on", "stage_since")
        .order_by("id")
    )
    verification, decision = versions(RULE_VERIFICATION), versions(RULE_DECISION)
    url = url_maker("permits:application_detail")
    for application in pending:
        if application.status == S.DECISION_PENDING:
            rules, key = decision, "decision"
            # The deliberation that recommended (its meeting day), else the day it was recorded.
            anchor = application.recommended_on or _local_day(application.stage_since)
            title = _("Decide on application %(reference)s")
            text = _("The decision is due %(period)s after the recommendation.")
        else:
            rules, key = verification, "verification"
            days = [application.submitted_on, _local_day(application.answered_at)]
            anchor = max((d for d in days if d is not None), default=None)
            title = _("Verify application %(reference)s")
            text = _("Verification is due %(period)s after the submission or the latest answer.")
        if anchor is None:
            continue
        try:
            rule = rules.in_force(anchor)
        except ApplicationError:  # no version in force then: no clock
            continue
        due = rules.due(anchor)
        if due > end:
            continue
        secretariat = _secretariat_id(application.track, secretariats)
        yield Deadline(
            key=f"application:{application.pk}:{key}",
            title=title % {"reference": application.reference},
            due=due,
            kind=REGULATOR,
            url=url(application.pk),
            record=application,
            agencies=[secretariat] if secretariat else [],
            description=text % {"period": period_text(rule)},
        )


def _local_day(moment: Any) -> date | None:
    return timezone.localdate(moment) if moment is not None else None
