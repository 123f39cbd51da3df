"""Row builders of the open datasets added for issue 16 §2: izin prinsip, sanction outcomes,
meetings and funding disclosures. `opendata.DATASETS` names their columns; each builder returns
a `.values_list()` in that order with `updated_at` and `pk` last (the change feed's cursor).

SECURITY: each starts from what the public may see and names its columns one by one:
- permits: izin prinsip of published organizations: number, period, stored status and the date
  and legal basis of its last change, partner ministry, provinces of the application. Never the
  reason, conditions, staff or the application's other answers;
- sanction outcomes: `SanctionCase.objects.public()` (concluded with a sanction, of a published
  organization): the step reached, the public outcome text and the date. Never the violation,
  notes, replies or evidence;
- meetings: meetings whose minutes are approved (the official record that they took place;
  a meeting recorded from a press item or still awaiting its minutes is not published): date,
  kind, the organizing body, the invited bodies and the public agreements discussed. Never
  the title, minutes, attendees, positions or opinions (a title can name an applicant still
  under deliberation);
- disclosures: accepted funding disclosures of public agreements, one row per line: donor,
  donor country, intermediaries, amount, currency, programme, province (UU 17/2013 Ps 51(e):
  sources and amounts of funds are announced). Never the local partner or the attachments,
  unless `MITRA["PUBLISH_DISCLOSURE_DOCUMENTS"]` says so (it does not by default).
"""

from typing import Any

from django.db.models import (
    Case,
    CharField,
    F,
    OuterRef,
    QuerySet,
    StringAgg,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat

from mitra.agreements.models import Agreement, AgreementParty
from mitra.meetings.models import InvitedBody, Meeting
from mitra.monitoring.models import FundingDisclosureLine, Report
from mitra.organizations.models import ForeignOrganization
from mitra.permits.models import Application, Permit
from mitra.sanctions.models import SanctionCase

PUBLIC_MEETING_STATUSES = (Meeting.Status.MINUTES_APPROVED,)
# Statuses an agreement can have once it has been public (active): the change feed announces
# an agreement that ended with its new status instead of dropping it silently.
ONCE_PUBLIC_STATUSES = (
    Agreement.Status.ACTIVE,
    Agreement.Status.EXPIRED,
    Agreement.Status.TERMINATED,
    Agreement.Status.SUPERSEDED,
)


def _ident(prefix: str, field: str = "pk") -> Concat:
    return Concat(Value(prefix), F(field), output_field=CharField())


def _joined(queryset: QuerySet[Any], group: str, value: Any) -> Coalesce:
    """A ";"-joined list of `value` over `queryset` grouped by `group`, "" when none."""
    sub = (
        queryset.order_by()
        .values(group)
        .annotate(joined=StringAgg(value, delimiter=Value(";")))
        .values("joined")
    )
    return Coalesce(Subquery(sub), Value(""), output_field=CharField())


def _unpublished_parties() -> QuerySet[AgreementParty]:
    return AgreementParty.objects.filter(side=AgreementParty.Side.FOREIGN).exclude(
        organization_id__in=ForeignOrganization.objects.public().values("pk")
    )


def public_agreements() -> QuerySet[Agreement]:
    """SECURITY: active agreements none of whose foreign parties is unpublished."""
    return Agreement.objects.public().exclude(pk__in=_unpublished_parties().values("agreement_id"))


def once_public_agreements() -> QuerySet[Agreement]:
    """SECURITY: agreements that are or were active (now expired, terminated or superseded),
    none of whose foreign parties is unpublished: the change feed's view of agreements, so an
    ended agreement is announced with its new status. Drafts and agreements under review never
    appear."""
    return Agreement.objects.filter(status__in=ONCE_PUBLIC_STATUSES).exclude(
        pk__in=_unpublished_parties().values("agreement_id")
    )


def permits_rows() -> QuerySet[Any]:
    provinces = Application.provinces.through.objects.filter(
        application_id=OuterRef("application_id")
    )
    return (
        Permit.objects.filter(organization__in=ForeignOrganization.objects.public())
        .annotate(
            ident=_ident("ipr-"),
            organization_ident=_ident("org-", "organization_id"),
            public_status=Case(
                When(
                    status=Permit.Status.ACTIVE,
                    organization__status=ForeignOrganization.Status.SUSPENDED,
                    then=Value(Permit.EffectiveStatus.SUSPENDED.value),
                ),
                default=F("status"),
                output_field=CharField(),
            ),
            province_codes=_joined(provinces, "application_id", "province__code"),
        )
        .order_by("updated_at", "pk")
        .values_list(
            "ident",
            "organization_ident",
            "organization__legal_name",
            "number",
            "valid_from",
            "valid_until",
            "public_status",
            "status_changed_on",
            "status_legal_basis",
            "partner_ministry__name",
            "province_codes",
            "updated_at",
            "pk",
        )  # fmt: skip
    )


def sanction_outcome_rows() -> QuerySet[Any]:
    return (
        SanctionCase.objects.public()
        .annotate(
            ident=_ident("sanc-"),
            organization_ident=_ident("org-", "organization_id"),
        )
        .order_by("updated_at", "pk")
        .values_list(
            "ident",
            "organization_ident",
            "organization__legal_name",
            "reached_status",
            "status",
            "concluded_on",
            "public_outcome",
            "updated_at",
            "pk",
        )  # fmt: skip
    )


def meeting_rows() -> QuerySet[Any]:
    invited = InvitedBody.objects.filter(meeting_id=OuterRef("pk"), body__isnull=False)
    agreements = Meeting.agreements.through.objects.filter(
        meeting_id=OuterRef("pk"), agreement_id__in=public_agreements().values("pk")
    )
    return (
        Meeting.objects.filter(status__in=PUBLIC_MEETING_STATUSES)
        .annotate(
            ident=_ident("mtg-"),
            invited_bodies=_joined(invited, "meeting_id", "body__name"),
            agreement_ids=_joined(
                agreements,
                "meeting_id",
                Concat(Value("agr-"), F("agreement_id"), output_field=CharField()),
            ),
        )
        .order_by("updated_at", "pk")
        .values_list(
            "ident",
            "starts_at",
            "kind",
            "mode",
            "organizer_agency__name",
            "invited_bodies",
            "agreement_ids",
            "updated_at",
            "pk",
        )  # fmt: skip
    )


def disclosure_rows() -> QuerySet[Any]:
    return (
        FundingDisclosureLine.objects.filter(
            report__kind=Report.Kind.DISCLOSURE,
            report__status=Report.Status.ACCEPTED,
            report__agreement_id__in=public_agreements().values("pk"),
        )
        .annotate(
            ident=_ident("fdl-"),
            agreement_ident=_ident("agr-", "report__agreement_id"),
            updated_at=F("report__updated_at"),
        )
        .order_by("updated_at", "pk")
        .values_list(
            "ident",
            "agreement_ident",
            "report__agreement__reference",
            "report__period_start",
            "report__period_end",
            "donor_name",
            "donor_country",
            "intermediaries",
            "amount",
            "currency",
            "programme",
            "province__code",
            "updated_at",
            "pk",
        )  # fmt: skip
    )


def activity_report_rows() -> QuerySet[Any]:
    """Accepted activity reports of public agreements: the period and the summary of
    activities and outputs (UU 17/2013 Ps 51(f)). Never the problems, the staffing (names) or
    the attachments."""
    return (
        Report.objects.filter(
            kind=Report.Kind.ACTIVITY,
            status=Report.Status.ACCEPTED,
            agreement_id__in=public_agreements().values("pk"),
        )
        .annotate(ident=_ident("rpt-"), agreement_ident=_ident("agr-", "agreement_id"))
        .order_by("updated_at", "pk")
        .values_list(
            "ident",
            "agreement_ident",
            "agreement__reference",
            "period_start",
            "period_end",
            "first_submitted_on",
            "activities",
            "outputs",
            "updated_at",
            "pk",
        )  # fmt: skip
    )
