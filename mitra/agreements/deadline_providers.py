"""Deadlines of agreements for the deadline engine (registered in apps.py): the renewal
window of each signed or active agreement and its end."""

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from mitra.deadlines.engine import versions
from mitra.deadlines.registry import FILER, REGULATOR, Deadline, ids_or_subquery, url_maker

from .models import RENEWAL_RULE, Agreement, AgreementParty, renewal_window_opens


def agreement_deadlines(
    *, end: date, start: date | None = None, user: Any = None
) -> Iterator[Deadline]:
    """Signed and active agreements: the start of the renewal window (met once a renewal is
    recorded) and the end date (gone once the agreement is no longer signed or active).

    The window opens by the `agreement.renewal_consultation` rule in force on the end date."""
    renewal = versions(RENEWAL_RULE)
    # A viewer's deadlines are those of its own agreements (a grant only lets it read more).
    qs = Agreement.objects.owned_by(user) if user is not None else Agreement.objects.all()
    # Every signed or active agreement whose renewal window opens by `end`: its window (unless
    # renewed) and its end (when that falls by `end`). However old: unmet stays listed. The
    # database filter allows the longest lead of any version; the window is exact below.
    qs = qs.filter(
        status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE],
        end_date__lte=end + timedelta(days=renewal.reach_days()),
    )
    # Plain tuples (a big agency has thousands of agreements here); the Agreement instances
    # (the notices' subject) are loaded only for the reminder job, which runs without a viewer.
    agreements = list(
        qs.annotate(renewed=Exists(Agreement.objects.filter(renews=OuterRef("pk"))))
        .order_by("end_date", "id")
        .values_list("id", "title", "end_date", "owner_id", "renewed")
    )
    instances = Agreement.objects.in_bulk([row[0] for row in agreements]) if user is None else {}
    # The parties as plain tuples in one query (a big agency has thousands of agreements here:
    # model instances and a prefetch cost more than the whole rest of the provider).
    agencies: dict[int, set[int]] = {}
    organizations: dict[int, set[int]] = {}
    parties = AgreementParty.objects.filter(
        agreement__in=ids_or_subquery({row[0] for row in agreements}, qs.values("pk"))
    )
    for agreement_id, agency_id, organization_id in parties.values_list(
        "agreement_id", "agency_id", "organization_id"
    ):
        if agency_id:
            agencies.setdefault(agreement_id, set()).add(agency_id)
        if organization_id:
            organizations.setdefault(agreement_id, set()).add(organization_id)
    url = url_maker("agreements:detail")
    renew_title = _("Prepare the renewal of %(title)s")
    renew_text = _("The renewal-preparation window opens.")
    end_title = _("%(title)s ends")
    end_text = _("Last day of the agreement.")
    for pk, title, end_date, owner_id, renewed in agreements:
        if end_date is None:  # none: the filter above needs an end date (the column allows none)
            continue
        window = renewal_window_opens(end_date)
        common: dict[str, Any] = {
            "url": url(pk),
            "record": instances.get(pk),
            "agencies": sorted({owner_id} | agencies.get(pk, set())),
            "organizations": sorted(organizations.get(pk, set())),
        }
        if window is not None and window <= end and not renewed:
            yield Deadline(
                key=f"agreement:{pk}:renewal_window",
                title=renew_title % {"title": title},
                due=window,
                kind=REGULATOR,
                description=renew_text,
                window=True,
                **common,
            )
        if end_date <= end:
            yield Deadline(
                key=f"agreement:{pk}:end",
                title=end_title % {"title": title},
                due=end_date,
                kind=FILER,
                description=end_text,
                **common,
            )
