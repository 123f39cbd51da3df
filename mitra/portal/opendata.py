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

from django.db.models import Count, F, OuterRef, Q, QuerySet, StringAgg, Subquery, Value
from django.db.models.fields import CharField
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from mitra.agreements.models import Agreement, AgreementParty
from mitra.core.dates import today
from mitra.core.exports import safe_cell, xlsx_row
from mitra.monitoring.models import Report
from mitra.monitoring.querysets import overdue_q
from mitra.organizations.models import ForeignOrganization
from mitra.workplans.models import Activity, WorkPlan

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

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _unpublished_parties() -> QuerySet[AgreementParty]:
    return AgreementParty.objects.filter(side=AgreementParty.Side.FOREIGN).exclude(
        organization_id__in=ForeignOrganization.objects.public().values("pk")
    )


def public_agreements() -> QuerySet[Agreement]:
    """SECURITY: active agreements none of whose foreign parties is unpublished."""
    return Agreement.objects.public().exclude(pk__in=_unpublished_parties().values("agreement_id"))


def _organizations() -> QuerySet[Any]:
    return (
        ForeignOrganization.objects.public()
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


def _agreements() -> QuerySet[Any]:
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
        public_agreements()
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


UPDATED = Column("updated_at", _("When the record last changed (ISO 8601, UTC)."))

DATASETS: dict[str, Dataset] = {
    d.slug: d
    for d in (
        Dataset(
            "organizations",
            _("Foreign organizations"),
            _("Organizations published in the public directory."),
            (
                Column("id", _("Stable identifier, org-<number>.")),
                Column("legal_name", _("Legal name.")),
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
        ),
        Dataset(
            "agreements",
            _("Active agreements"),
            _("Cooperation agreements in force with foreign organizations."),
            (
                Column("id", _("Stable identifier, agr-<number>.")),
                Column("reference", _("Reference number of the agreement.")),
                Column("title", _("Title.")),
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
                Column("agreement_id", _("The agreement, agr-<number>.")),
                Column("agreement_reference", _("Reference number of the agreement.")),
                Column("work_plan_kind", _("rik (master plan) or rkt (annual plan).")),
                Column("title", _("Title.")),
                Column("sector", _("Sector code.")),
                Column("status", _("Status (planned, started, completed, cancelled).")),
                Column("start_date", _("Planned start (ISO date).")),
                Column("end_date", _("Planned end (ISO date).")),
                Column("province_codes", _("Kemendagri province codes, “;”-separated.")),
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
                Column("legal_name", _("Legal name.")),
                Column("on_time", _("Reports first submitted by their due date.")),
                Column("late", _("Reports first submitted after their due date.")),
                Column("overdue", _("Reports past their deadline and not submitted.")),
                Column("not_yet_due", _("Reports expected whose due date has not passed.")),
            ),
            _reporting_status,
            feed=False,
        ),
    )
}


def dataset_get(slug: str) -> Dataset | None:
    return DATASETS.get(slug)


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
    return dataset.rows().filter(Q(updated_at__gt=since) | Q(updated_at=since, pk__gt=after_id))[
        :limit
    ]


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
