"""Open data: the public datasets, streamed in constant memory as CSV, XLSX or JSON.

SECURITY: public data only. Every dataset starts from a `.public()` queryset:
- `organizations`: published, not archived organizations (`ForeignOrganization.public()`);
- `agreements`: active agreements (`Agreement.public()`), *withheld entirely* when a foreign
  party is an unpublished organization (the title or partner names would name it);
- `activities`: one row per activity of a public agreement whose work plan is past drafting
  (approved, signed, active, reported, closed). Published: title, sector code, status, dates,
  province and regency codes, beneficiary totals (planned, actual), budget (planned,
  realised) and currency (UU 17/2013 Ps 51(e): sources, amounts and uses of funds are
  announced). Never published: the description, the local partners (names of Indonesian
  organizations and people) and the breakdown of beneficiaries by sex and age group;
- `reporting-status`: per published organization, counts of its reports (activity reports
  and funding disclosures) by outcome: on time, late, overdue, not yet due. Computed.

Rows are plain values (`.values_list()` over `.iterator(chunk_size=2000)`), never model
instances; identifiers are stable: `org-<pk>`, `agr-<pk>`, `act-<pk>`.

Change feed (`changes()`): rows whose `updated_at` is at or after `since`, ordered by
(`updated_at`, `id`), at most `limit`; the cursor for the next page is the last row's
(`updated_at`, `id`). Records that left the public view (unpublished, expired) are not signalled:
integrators reconcile with the full download now and then. Indexes that serve the feed:
`updated_at` on organizations, agreements and activities (see docs in the report).
"""

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, F, OuterRef, Q, QuerySet, StringAgg, Subquery, Value
from django.db.models.fields import CharField
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.selectors import agreements_in_force_on
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.exports import safe_cell, xlsx_row
from mitra.monitoring.models import Report
from mitra.monitoring.querysets import overdue_q
from mitra.organizations.models import ForeignOrganization
from mitra.workplans.models import Activity, WorkPlan

from .opendata_rows import (
    activity_report_rows,
    disclosure_rows,
    meeting_rows,
    once_public_agreements,
    permits_rows,
    public_agreements,
    sanction_outcome_rows,
)

CHUNK = 2000
FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
PUBLIC_PLAN_STATUSES = (
    WorkPlan.Status.APPROVED,
    WorkPlan.Status.SIGNED,
    WorkPlan.Status.ACTIVE,
    WorkPlan.Status.REPORTED,
    WorkPlan.Status.CLOSED,
)


@dataclass(frozen=True)
class Column:
    name: str
    description: Any  # lazy text


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: Any
    description: Any
    columns: tuple[Column, ...]
    rows: Callable[[], QuerySet[Any]]  # values_list in column order (+ pk last when feedable)
    feed: bool = True  # has updated_at / a change feed
    # The change feed's rows when they are wider than the download's: records that left the
    # public view (an agreement that ended, an organization archived) are announced with their
    # new status instead of vanishing.
    feed_rows: Callable[[], QuerySet[Any]] | None = None
    # Rows as they stood on a past date (`?as_of=`), rebuilt from the audit history.
    as_of_rows: Callable[[date], QuerySet[Any]] | None = None
    # Whether the deployment publishes it (MITRA["PUBLIC_REPORTS"] for the reports' datasets).
    enabled: Callable[[], bool] = lambda: True

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _organizations(base: QuerySet[ForeignOrganization] | None = None) -> QuerySet[Any]:
    return (
        (ForeignOrganization.objects.public() if base is None else base)
        .annotate(ident=Concat(Value("org-"), F("pk"), output_field=CharField()))
        .order_by("updated_at", "pk")
        .values_list(
            "ident",
            "legal_name",
            "acronym",
            "kind",
            "country",
            "headquarters",
            "indonesian_office",
            "website",
            "status",
            "updated_at",
            "pk",
        )  # fmt: skip
    )


def _agreements(base: QuerySet[Agreement] | None = None) -> QuerySet[Any]:
    orgs = (
        AgreementParty.objects.filter(agreement_id=OuterRef("pk"), side=AgreementParty.Side.FOREIGN)
        .order_by()
        .values("agreement_id")
        .annotate(
            ids=StringAgg(
                Concat(Value("org-"), F("organization_id"), output_field=CharField()),
                delimiter=Value(";"),
            )
        )
        .values("ids")
    )
    return (
        (public_agreements() if base is None else base)
        .annotate(
            ident=Concat(Value("agr-"), F("pk"), output_field=CharField()),
            organization_ids=Coalesce(Subquery(orgs), Value(""), output_field=CharField()),
        )
        .order_by("updated_at", "pk")
        .values_list(
            "ident",
            "reference",
            "title",
            "type",
            "status",
            "start_date",
            "end_date",
            "owner__key",
            "owner__name",
            "partner_names",
            "organization_ids",
            "updated_at",
            "pk",
        )  # fmt: skip
    )


def _codes(through: Any, code_field: str) -> Subquery:
    return Subquery(
        through.objects.filter(activity_id=OuterRef("pk"))
        .order_by()
        .values("activity_id")
        .annotate(codes=StringAgg(code_field, delimiter=Value(";")))
        .values("codes")
    )


def public_activities() -> QuerySet[Activity]:
    """SECURITY: activities of approved (or later) work plans of public agreements."""
    return Activity.objects.filter(
        work_plan__status__in=PUBLIC_PLAN_STATUSES,
        work_plan__agreement_id__in=public_agreements().values("pk"),
    )


def _activities(base: QuerySet[Activity] | None = None) -> QuerySet[Any]:
    """The activities rows of `base` (default: the public ones). Only the bench passes another
    base (every activity, to time a 500,000-row export); nothing serves that to anyone."""
    return (
        (public_activities() if base is None else base)
        .annotate(
            ident=Concat(Value("act-"), F("pk"), output_field=CharField()),
            agreement_ident=Concat(
                Value("agr-"), F("work_plan__agreement_id"), output_field=CharField()
            ),
            province_codes=Coalesce(
                _codes(Activity.provinces.through, "province__code"),
                Value(""),
                output_field=CharField(),
            ),
            regency_codes=Coalesce(
                _codes(Activity.regencies.through, "regency__code"),
                Value(""),
                output_field=CharField(),
            ),
        )
        .order_by("updated_at", "pk")
        .values_list(
            "ident",
            "agreement_ident",
            "work_plan__agreement__reference",
            "work_plan__kind",
            "title",
            "sector__code",
            "status",
            "start_date",
            "end_date",
            "province_codes",
            "regency_codes",
            "planned_total",
            "actual_total",
            "currency",
            "planned_budget",
            "realised_budget",
            "updated_at",
            "pk",
        )  # fmt: skip
    )


def _reporting_status() -> QuerySet[Any]:
    on = today()
    reports = Report.objects.filter(
        agreement__parties__organization_id=OuterRef("pk"),
        agreement__parties__side=AgreementParty.Side.FOREIGN,
    ).order_by()

    def count(condition: Q) -> Coalesce:
        sub = (
            reports.filter(condition)
            .values("agreement__parties__organization_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(sub), Value(0))

    submitted = Q(first_submitted_on__isnull=False)
    return (
        ForeignOrganization.objects.public()
        .annotate(
            ident=Concat(Value("org-"), F("pk"), output_field=CharField()),
            on_time=count(submitted & Q(first_submitted_on__lte=F("due_date"))),
            late=count(submitted & Q(first_submitted_on__gt=F("due_date"))),
            overdue=count(overdue_q(on)),
            not_yet_due=count(Q(status=Report.Status.DUE, due_date__gte=on)),
        )
        .order_by("pk")
        .values_list("ident", "legal_name", "on_time", "late", "overdue", "not_yet_due", "pk")
    )


# Columns that several datasets have, with the same meaning.
UPDATED = Column("updated_at", _("When the record last changed (ISO 8601, UTC)."))
AGREEMENT_ID = Column("agreement_id", _("The agreement, agr-<number>."))
AGREEMENT_REFERENCE = Column("agreement_reference", _("Reference number of the agreement."))
PROVINCE_CODES = Column("province_codes", _("Kemendagri province codes, “;”-separated."))
LEGAL_NAME = Column("legal_name", _("Legal name."))
TITLE = Column("title", _("Title."))

DATASETS: dict[str, Dataset] = {
    d.slug: d
    for d in (
        Dataset(
            "organizations",
            _("Foreign organizations"),
            _("Organizations published in the public directory."),
            (
                Column("id", _("Stable identifier, org-<number>.")),
                LEGAL_NAME,
                Column("acronym", _("Acronym.")),
                Column("kind", _("Kind of organization (code).")),
                Column("country", _("Country of origin (ISO 3166-1 alpha-2).")),
                Column("headquarters", _("Headquarters.")),
                Column("indonesian_office", _("Office in Indonesia.")),
                Column("website", _("Website.")),
                Column("status", _("Registration status (code).")),
                UPDATED,
            ),
            _organizations,
            feed_rows=lambda: _organizations(ForeignOrganization.objects.filter(is_published=True)),
        ),
        Dataset(
            "agreements",
            _("Active agreements"),
            _("Cooperation agreements in force with foreign organizations."),
            (
                Column("id", _("Stable identifier, agr-<number>.")),
                Column("reference", _("Reference number of the agreement.")),
                TITLE,
                Column("type", _("Type (code: msp, mou, pks…).")),
                Column("status", _("Status (always active here).")),
                Column("start_date", _("Effective start (ISO date).")),
                Column("end_date", _("Effective end (ISO date).")),
                Column("owner_key", _("Key of the lead government body.")),
                Column("owner_name", _("Name of the lead government body.")),
                Column("partner_names", _("Names of the foreign parties.")),
                Column("organization_ids", _("Identifiers of the foreign parties, “;”-separated.")),
                UPDATED,
            ),
            _agreements,
            feed_rows=lambda: _agreements(once_public_agreements()),
            as_of_rows=lambda on: _agreements(
                agreements_in_force_on(on=on, candidates=once_public_agreements())
            ),
        ),
        Dataset(
            "activities",
            _("Activities by region"),
            _(
                "Activities of active agreements' approved work plans, with the provinces and "
                "regencies/cities where they take place."
            ),
            (
                Column("id", _("Stable identifier, act-<number>.")),
                AGREEMENT_ID,
                AGREEMENT_REFERENCE,
                Column("work_plan_kind", _("rik (master plan) or rkt (annual plan).")),
                TITLE,
                Column("sector", _("Sector code.")),
                Column("status", _("Status (planned, started, completed, cancelled).")),
                Column("start_date", _("Planned start (ISO date).")),
                Column("end_date", _("Planned end (ISO date).")),
                PROVINCE_CODES,
                Column("regency_codes", _("Kemendagri regency/city codes, “;”-separated.")),
                Column("planned_beneficiaries", _("Planned beneficiaries (total).")),
                Column("actual_beneficiaries", _("Beneficiaries reached (total).")),
                Column("currency", _("Currency of the budget (ISO 4217).")),
                Column("planned_budget", _("Planned budget.")),
                Column("realised_budget", _("Realised budget (empty until reported).")),
                UPDATED,
            ),
            _activities,
        ),
        Dataset(
            "reporting-status",
            _("Reporting status per organization"),
            _(
                "Per published organization, its activity reports and funding disclosures: "
                "submitted on time, late, overdue, and not yet due."
            ),
            (
                Column("id", _("The organization, org-<number>.")),
                LEGAL_NAME,
                Column("on_time", _("Reports first submitted by their due date.")),
                Column("late", _("Reports first submitted after their due date.")),
                Column("overdue", _("Reports past their deadline and not submitted.")),
                Column("not_yet_due", _("Reports expected whose due date has not passed.")),
            ),
            _reporting_status,
            feed=False,
        ),
        Dataset(
            "permits",
            _("Izin prinsip"),
            _(
                "Izin prinsip of published organizations, in force or ended, with their period, "
                "status, partner ministry and provinces."
            ),
            (
                Column("id", _("Stable identifier, ipr-<number>.")),
                Column("organization_id", _("The holder, org-<number>.")),
                Column("organization_name", _("Legal name of the holder.")),
                Column("number", _("Number of the izin prinsip.")),
                Column("valid_from", _("Valid from (ISO date).")),
                Column("valid_until", _("Valid until (ISO date).")),
                Column("status", _("Status: active, suspended, expired or revoked.")),
                Column("status_changed_on", _("Date of the last suspension, revocation or end.")),
                Column("status_legal_basis", _("Legal basis of that change.")),
                Column("partner_ministry", _("Partner ministry.")),
                PROVINCE_CODES,
                UPDATED,
            ),
            permits_rows,
        ),
        Dataset(
            "sanction-outcomes",
            _("Sanction outcomes"),
            _(
                "Concluded sanction cases against published organizations: the step reached, "
                "the outcome and its date. Never the report, replies or evidence."
            ),
            (
                Column("id", _("Stable identifier, sanc-<number>.")),
                Column("organization_id", _("The organization, org-<number>.")),
                Column("organization_name", _("Legal name of the organization.")),
                Column("reached", _("Highest sanction step reached (code).")),
                Column("status", _("Outcome: lifted (complied) or revoked.")),
                Column("concluded_on", _("Date the case was concluded (ISO date).")),
                Column("outcome", _("Public outcome text.")),
                UPDATED,
            ),
            sanction_outcome_rows,
        ),
        Dataset(
            "meetings",
            _("Meetings held"),
            _(
                "Coordination meetings, deliberations, signings and visits whose minutes are "
                "approved: the date, kind, bodies and the active agreements discussed. Never the "
                "minutes, attendees or any body's position."
            ),
            (
                Column("id", _("Stable identifier, mtg-<number>.")),
                Column("starts_at", _("When the meeting started (ISO 8601).")),
                Column("kind", _("Kind of meeting (code).")),
                Column("mode", _("In person, online or hybrid (code).")),
                Column("organizer", _("The organizing government body.")),
                Column("invited_bodies", _("Government bodies invited, “;”-separated.")),
                Column(
                    "agreement_ids", _("Active agreements discussed, agr-<number>, “;”-separated.")
                ),
                UPDATED,
            ),
            meeting_rows,
        ),
        Dataset(
            "disclosures",
            _("Funding disclosures"),
            _(
                "Accepted funding disclosures of active agreements, one row per source of funds "
                "(UU 17/2013 Ps 51(e)): donor, intermediaries, amount and where it is spent."
            ),
            (
                Column("id", _("Stable identifier, fdl-<number>.")),
                AGREEMENT_ID,
                AGREEMENT_REFERENCE,
                Column("period_start", _("Start of the period disclosed (ISO date).")),
                Column("period_end", _("End of the period disclosed (ISO date).")),
                Column("donor", _("Original donor.")),
                Column("donor_country", _("Donor country (ISO 3166-1 alpha-2).")),
                Column("intermediaries", _("Organizations the money passed through.")),
                Column("amount", _("Amount.")),
                Column("currency", _("Currency (ISO 4217).")),
                Column("programme", _("Programme.")),
                Column("province_code", _("Kemendagri province code where it is spent.")),
                UPDATED,
            ),
            disclosure_rows,
            enabled=lambda: reports_published("funding_totals"),
        ),
        Dataset(
            "activity-reports",
            _("Activity report summaries"),
            _(
                "Accepted activity reports of active agreements (UU 17/2013 Ps 51(f)): the "
                "period, the activities carried out and their outputs. Never the problems "
                "section, staff names or attachments."
            ),
            (
                Column("id", _("Stable identifier, rpt-<number>.")),
                AGREEMENT_ID,
                AGREEMENT_REFERENCE,
                Column("period_start", _("Start of the period reported (ISO date).")),
                Column("period_end", _("End of the period reported (ISO date).")),
                Column("first_submitted_on", _("Date first submitted (ISO date).")),
                Column("activities", _("Activities carried out against the plan.")),
                Column("outputs", _("Outputs and outcomes.")),
                UPDATED,
            ),
            activity_report_rows,
            enabled=lambda: reports_published("activity_summaries"),
        ),
    )
}


def reports_published(part: str) -> bool:
    """UU 17/2013 Ps 51(e)(f): what of the organizations' reports the public sees, by
    `MITRA["PUBLIC_REPORTS"]` (default: the funding totals by source and the activity report
    summaries are public; the documents are never served publicly)."""
    return bool(getattr(settings, "MITRA", {}).get("PUBLIC_REPORTS", {}).get(part, True))


def dataset_get(slug: str) -> Dataset | None:
    """A published dataset, or None (unknown, or not published by this deployment)."""
    dataset = DATASETS.get(slug)
    return dataset if dataset is not None and dataset.enabled() else None


def published_datasets() -> list[Dataset]:
    return [d for d in DATASETS.values() if d.enabled()]


def parse_as_of(raw: str, dataset: Dataset) -> date | None:
    """The `as_of` day of a request (None: now). A clear error for a malformed or future day,
    or a dataset that cannot be rebuilt for a past day."""
    raw = raw.strip()
    if not raw:
        return None
    if dataset.as_of_rows is None:
        raise ApplicationError(
            str(_("This dataset has no “as of” view.")),
            extra={"as_of": [_("Available for: %(slugs)s.") % {"slugs": ", ".join(AS_OF_SLUGS)}]},
        )
    try:
        on = date.fromisoformat(raw)
    except ValueError as exc:
        raise ApplicationError(
            str(_("Give the day as YYYY-MM-DD.")),
            extra={"as_of": [_("Not a date: %(value)s") % {"value": raw[:20]}]},
        ) from exc
    if on > today():
        raise ApplicationError(
            str(_("“As of” is for past days.")), extra={"as_of": [_("A day after today.")]}
        )
    return on


AS_OF_SLUGS = tuple(slug for slug, d in DATASETS.items() if d.as_of_rows)


# --- rows ----------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A JSON/CSV-friendly scalar."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def iter_rows(dataset: Dataset, queryset: QuerySet[Any] | None = None) -> Iterator[tuple]:
    """The dataset's rows (column values only), from the database in chunks."""
    width = len(dataset.columns)
    qs = queryset if queryset is not None else dataset.rows()
    for row in qs.iterator(chunk_size=CHUNK):
        yield row[:width]


def changes(
    dataset: Dataset, *, since: datetime, after_id: int = 0, limit: int = 1000
) -> QuerySet[Any]:
    """Rows changed at or after `since` (ties at `since` only with pk > after_id), ordered by
    (updated_at, pk), at most `limit`. The last row gives the next cursor."""
    rows = (dataset.feed_rows or dataset.rows)()
    return rows.filter(Q(updated_at__gt=since) | Q(updated_at=since, pk__gt=after_id))[:limit]


# --- writers (generators of bytes/str chunks: constant memory) ----------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def stream_csv(dataset: Dataset, rows: Iterable[tuple]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(dataset.names)
    for row in rows:
        # safe_cell before plain(): only text is quoted, a negative amount stays a number.
        yield writer.writerow([plain(safe_cell(v)) if v is not None else "" for v in row])


def stream_json_array(dataset: Dataset, rows: Iterable[tuple]) -> Iterator[str]:
    names = dataset.names
    yield "["
    first = True
    for row in rows:
        item = json.dumps(dict(zip(names, map(plain, row), strict=True)), ensure_ascii=False)
        yield item if first else "," + item
        first = False
    yield "]"


def stream_xlsx(dataset: Dataset, rows: Iterable[tuple]) -> Iterator[bytes]:
    """openpyxl write_only: rows go to a temporary file as they come, the zip is streamed."""
    import tempfile

    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(dataset.slug[:31])
    sheet.append(xlsx_row(sheet, dataset.names))
    for row in rows:
        sheet.append(xlsx_row(sheet, [_xlsx_value(v) for v in row]))
    with tempfile.TemporaryFile() as handle:
        workbook.save(handle)
        handle.seek(0)
        while chunk := handle.read(64 * 1024):
            yield chunk


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()  # Excel has no time zones: keep ISO 8601 text
    return value


def stream(dataset: Dataset, fmt: str, rows: Iterable[tuple] | None = None) -> Iterator[Any]:
    rows = rows if rows is not None else iter_rows(dataset)
    if fmt == "csv":
        return stream_csv(dataset, rows)
    if fmt == "xlsx":
        return stream_xlsx(dataset, rows)
    return stream_json_array(dataset, rows)


def filename(dataset: Dataset, fmt: str) -> str:
    return f"mitra-{dataset.slug}-{today().isoformat()}.{fmt}"


def count_rows(
    dataset: Dataset,
    fmt: str,
    sink: Any = None,
    queryset: QuerySet[Any] | None = None,
) -> int:
    """Write the whole export to `sink` (default: nowhere); return the rows written (bench)."""
    written = 0

    def counted() -> Iterator[tuple]:
        nonlocal written
        for row in iter_rows(dataset, queryset):
            written += 1
            yield row

    for chunk in stream(dataset, fmt, counted()):
        if sink is not None:
            sink.write(chunk.encode() if isinstance(chunk, str) else chunk)
    return written
