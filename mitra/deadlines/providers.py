"""Deadlines of agreements (the deadlines app's own provider; other apps register theirs)."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _

from mitra.core.dates import add_months

from .registry import FILER, REGULATOR, Deadline


def agreement_deadlines(
    *, end: date, start: date | None = None, user: Any = None
) -> Iterator[Deadline]:
    """Signed and active agreements: the start of the renewal window (met once a renewal is
    recorded) and the end date (gone once the agreement is no longer signed or active)."""
    from mitra.agreements.models import Agreement, AgreementParty

    lead = settings.MITRA["RENEWAL_LEAD_MONTHS"]
    qs = Agreement.objects.visible_to(user) if user is not None else Agreement.objects.all()
    # Every signed or active agreement whose renewal window opens by `end`: its window (unless
    # renewed) and its end (when that falls by `end`). However old: unmet stays listed.
    qs = (
        qs.filter(
            status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE],
            end_date__lte=add_months(end, lead),
        )
        .annotate(renewed=Exists(Agreement.objects.filter(renews=OuterRef("pk"))))
        .only("id", "title", "end_date", "owner_id", "status")
        .prefetch_related(
            Prefetch(
                "parties",
                queryset=AgreementParty.objects.only(
                    "id", "agreement_id", "agency_id", "organization_id"
                ),
            )
        )
        .order_by("end_date", "id")
    )
    for agreement in qs:
        agencies = sorted(
            {agreement.owner_id} | {p.agency_id for p in agreement.parties.all() if p.agency_id}
        )
        organizations = sorted(
            {p.organization_id for p in agreement.parties.all() if p.organization_id}
        )
        url = reverse("agreements:detail", args=[agreement.pk])
        window = add_months(agreement.end_date, -lead)
        common = {
            "url": url,
            "record": agreement,
            "agencies": agencies,
            "organizations": organizations,
        }
        if window <= end and not agreement.renewed:
            yield Deadline(
                key=f"agreement:{agreement.pk}:renewal_window",
                title=_("Prepare the renewal of %(title)s") % {"title": agreement.title},
                due=window,
                kind=REGULATOR,
                description=_("The renewal-preparation window opens."),
                window=True,
                **common,
            )
        if agreement.end_date <= end:
            yield Deadline(
                key=f"agreement:{agreement.pk}:end",
                title=_("%(title)s ends") % {"title": agreement.title},
                due=agreement.end_date,
                kind=FILER,
                description=_("Last day of the agreement."),
                **common,
            )
