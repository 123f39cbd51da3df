"""Import of activities and reports from CSV or XLSX: all or nothing, in the task worker.

The request only stores the upload (`check_size`: empty, larger than IMPORT_MAX_BYTES) and
creates a job (mitra/jobs); the worker runs `run_import_job`, which reads the file within hard
limits (`import_limits`: zip directory, unpacked sizes counted while reading, defusedxml,
rows counting blank ones, columns, cells, cell length, time) and then imports it.

Each row goes through the same services people use (workplans.services.activity_create,
monitoring.services.report_submit) inside ONE transaction; when any row fails, the whole
transaction is rolled back and the errors come back as (row, column, message), row numbers
counted as in a spreadsheet (the header is row 1). When it succeeds, the job is marked finished
in that same transaction, so a job run again after a crash finds it done and imports nothing
twice.

Files are judged by their content: XLSX = a zip holding `xl/workbook.xml`; CSV = UTF-8 text
without NUL bytes.

Activities: one row per activity, for a draft work plan of an agreement the user may see
(`Agreement.visible_to`), given by its reference number.
Reports: rows grouped by (agreement_reference, kind, period_start) fill one expected report
(status due or revision requested) and submit it; for a funding disclosure each row of the
group is one disclosure line.
"""

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from mitra.agreements.models import Agreement
from mitra.core.exceptions import ApplicationError
from mitra.core.exports import safe_row
from mitra.jobs.services import job_finish
from mitra.monitoring.models import Report
from mitra.monitoring.services import ReportInput, report_submit
from mitra.monitoring.validation import LineInput
from mitra.organizations.models import Sector
from mitra.regions.models import Province, Regency
from mitra.workplans.models import AGE_GROUPS, SEXES, WorkPlan
from mitra.workplans.services import ActivityInput, activity_create
from mitra.workplans.tally import refreshes_deferred

from .import_limits import (
    Budget,
    ImportFileError,
    ImportLimits,
    Progress,
    bounded_rows,
    check_header,
    inspect_xlsx,
    malformed,
)

if TYPE_CHECKING:
    from mitra.accounts.models import User
    from mitra.jobs.models import Job

__all__ = ["ImportFileError"]

JOB_KIND = "intake.import"
MAX_KEPT_ERRORS = 2000
BENEFICIARY_COLUMNS = [f"{sex}_{age}" for sex in SEXES for age in AGE_GROUPS]

KINDS = ("activities", "reports")
COLUMNS: dict[str, list[str]] = {
    "activities": [
        "agreement_reference", "work_plan", "title", "sector", "province_codes",
        "regency_codes", "start_date", "end_date", *BENEFICIARY_COLUMNS, "currency",
        "planned_budget", "description",
    ],
    "reports": [
        "agreement_reference", "kind", "period_start", "activities", "outputs", "problems",
        "staffing", "media_name", "published_on", "publication_url", "donor_name",
        "donor_country", "intermediaries", "amount", "currency", "programme", "province_code",
        "regency_code", "local_partner",
    ],
}  # fmt: skip
REQUIRED = {
    "activities": {"agreement_reference", "work_plan", "title", "start_date", "end_date"},
    "reports": {"agreement_reference", "kind", "period_start"},
}
SAMPLES: dict[str, list[list[str]]] = {
    "activities": [
        ["001/MSP/2024", "12", "Pelatihan perencanaan daerah", "governance", "33",
         "33.74", "2025-03-01", "2025-03-31", "0", "10", "25", "0", "0", "12", "20", "0",
         "IDR", "150000000", "Tiga hari di Semarang"],
    ],
    "reports": [
        ["001/MSP/2024", "funding_disclosure", "2025-01-01", "", "", "", "", "Kompas",
         "2025-07-10", "https://example.org/pengumuman", "Ford Foundation", "US", "",
         "250000", "USD", "Tata kelola", "33", "33.74", "Yayasan Mitra Lokal"],
    ],
}  # fmt: skip


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict[str, Any]:
        """What the job keeps (the job page and the error report read it)."""
        return {
            "kind": self.kind,
            "rows": self.rows,
            "created": self.created,
            "ok": self.ok,
            "error_count": len(self.errors),
            "errors": [
                {"row": e.row, "column": e.column, "message": e.message}
                for e in self.errors[:MAX_KEPT_ERRORS]
            ],
        }


# --- reading files --------------------------------------------------------------------------


def check_size(upload: IO[bytes] | UploadedFile, limits: ImportLimits | None = None) -> None:
    """The one check the request makes: the upload is not empty and not too large."""
    limits = limits or ImportLimits.from_settings()
    size = getattr(upload, "size", None) or 0
    if not size:
        raise ImportFileError(_("The file is empty."), {"file": [_("Empty file.")]})
    if size > limits.max_bytes:
        raise ImportFileError(
            _("The file is larger than the limit of %(size)s.")
            % {"size": filesizeformat(limits.max_bytes)},
            {"file": [_("File too large.")]},
        )


def read_table(
    upload: IO[bytes] | UploadedFile,
    *,
    limits: ImportLimits | None = None,
    progress: Progress | None = None,
) -> tuple[list[str], Iterator[list[Any]]]:
    """(header, data rows) from a CSV or XLSX file, judged by content, within the limits.
    Raises ImportFileError for an empty, too large, wrong-type or hostile file; the rows are
    counted and checked as they are read (bounded_rows)."""
    limits = limits or ImportLimits.from_settings()
    check_size(upload, limits)
    budget = Budget(limits)
    upload.seek(0)
    data = upload.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        raise ImportFileError(
            _("The file is larger than the limit of %(size)s.")
            % {"size": filesizeformat(limits.max_bytes)},
            {"file": [_("File too large.")]},
        )
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, limits, budget, progress)
    import filetype

    if b"\x00" in data or filetype.guess(data[:8192]) is not None:  # PDF, images, …
        raise _wrong_type()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _wrong_type() from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise _csv_error(1) from exc
    if not header:
        raise ImportFileError(_("The file has no header row."), {"file": [_("No header.")]})
    check_header(header, limits)
    rows = bounded_rows(
        _csv_rows(reader), limits=limits, budget=budget, progress=progress, total=text.count("\n")
    )
    return [h.strip() for h in header], rows


def _csv_rows(reader: Iterator[list[str]]) -> Iterator[list[str]]:
    number = 1
    while True:
        number += 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _csv_error(number) from exc
        yield row


def _csv_error(row: int) -> ImportFileError:
    return ImportFileError(
        _("Row %(row)s of the CSV file cannot be read (a cell too long, or a quote not closed).")
        % {"row": row},
        {"file": [_("Damaged file.")]},
    )


def _wrong_type() -> ImportFileError:
    return ImportFileError(
        _("Only CSV (UTF-8 text) and XLSX files are accepted (judged by the file's content)."),
        {"file": [_("Wrong file type.")]},
    )


def _read_xlsx(
    data: bytes, limits: ImportLimits, budget: Budget, progress: Progress | None
) -> tuple[list[str], Iterator[list[Any]]]:
    """openpyxl, read-only, only after `inspect_xlsx` has judged the whole archive."""
    from openpyxl import load_workbook

    facts = inspect_xlsx(data, limits=limits, budget=budget)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ApplicationError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the reader: a damaged file
        raise malformed() from exc
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # the <dimension> element can lie: never pad rows to it
        rows = sheet.iter_rows(min_row=1, max_col=limits.max_columns, values_only=True)
        first = next(rows, None)
    except ApplicationError:
        workbook.close()
        raise
    except Exception as exc:  # noqa: BLE001
        workbook.close()
        raise malformed() from exc
    if not first or not any(first):
        workbook.close()
        raise ImportFileError(_("The file has no header row."), {"file": [_("No header.")]})
    check_header(first, limits)
    header = [str(h or "").strip() for h in first]
    while header and not header[-1]:
        header.pop()  # the padding to IMPORT_MAX_COLUMNS
    total = max(facts.rows.values(), default=1) - 1
    values = (["" if v is None else v for v in r] for r in rows)
    bounded = bounded_rows(values, limits=limits, budget=budget, progress=progress, total=total)
    return header, _closing(bounded, workbook.close)


def _closing(rows: Iterator[list[Any]], close: Callable[[], None]) -> Iterator[list[Any]]:
    """The rows; a failure of the reader half-way is a damaged file; the workbook is closed."""
    try:
        yield from rows
    except ApplicationError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise malformed() from exc
    finally:
        close()


# --- cell parsing ---------------------------------------------------------------------------


class CellError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column, self.message = column, message


def _text(row: dict[str, Any], name: str) -> str:
    value = row.get(name, "")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def _date(row: dict[str, Any], name: str) -> date:
    value = _optional_date(row, name)
    if value is None:
        raise CellError(name, _("Give a date (YYYY-MM-DD)."))
    return value


def _optional_date(row: dict[str, Any], name: str) -> date | None:
    value = row.get(name, "")
    if hasattr(value, "date") and callable(value.date):  # datetime from XLSX
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(row, name)
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise CellError(name, _("“%(v)s” is not a date (YYYY-MM-DD).") % {"v": text}) from exc


def _decimal(row: dict[str, Any], name: str, default: str = "0") -> Decimal:
    text = _text(row, name) or default
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise CellError(name, _("“%(v)s” is not a number.") % {"v": text}) from exc
    if not value.is_finite():
        raise CellError(name, _("“%(v)s” is not a number.") % {"v": text})
    return value


def _count(row: dict[str, Any], name: str) -> int:
    text = _text(row, name) or "0"
    if not text.isdigit():
        raise CellError(name, _("Give a whole number, zero or more."))
    return int(text)


def _codes(row: dict[str, Any], name: str) -> list[str]:
    return [c.strip() for c in _text(row, name).replace(",", ";").split(";") if c.strip()]


class _Lookups:
    """Reference rows by code, cached for the file (a few queries, not one per row)."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.regencies: dict[str, Regency] = {}
        self.sectors = {s.code: s for s in Sector.objects.all()}
        self.agreements: dict[str, Agreement] = {}

    def regency(self, code: str, column: str) -> Regency:
        if code not in self.regencies:
            found = Regency.objects.select_related("province").filter(code=code).first()
            if found is None:
                raise CellError(column, _("Unknown regency/city code “%(c)s”.") % {"c": code})
            self.regencies[code] = found
        return self.regencies[code]

    def province(self, code: str, column: str) -> Province:
        if code not in self.provinces:
            raise CellError(column, _("Unknown province code “%(c)s”.") % {"c": code})
        return self.provinces[code]

    def agreement(self, reference: str) -> Agreement:
        """SECURITY: only agreements the user may see (visible_to); anything else is unknown."""
        if reference not in self.agreements:
            found = list(Agreement.objects.visible_to(self.user).filter(reference=reference)[:2])
            if not found:
                raise CellError(
                    "agreement_reference",
                    _("No agreement of yours has the reference “%(r)s”.") % {"r": reference},
                )
            if len(found) > 1:
                raise CellError(
                    "agreement_reference",
                    _("Several agreements have the reference “%(r)s”.") % {"r": reference},
                )
            self.agreements[reference] = found[0]
        return self.agreements[reference]


# --- importing ------------------------------------------------------------------------------

ACTIVITY_FIELD_COLUMNS = {
    "provinces": "province_codes",
    "regencies": "regency_codes",
    "planned_beneficiaries": BENEFICIARY_COLUMNS[0],
    "period": "start_date",
    "__all__": "",
}
REPORT_FIELD_COLUMNS = {"province": "province_code", "regency": "regency_code", "__all__": ""}


def _rows(header: list[str], data: Iterator[list[Any]], kind: str) -> list[tuple[int, dict]]:
    missing = sorted(REQUIRED[kind] - set(header))
    if missing:
        raise ImportFileError(
            _("The header lacks the columns: %(cols)s.") % {"cols": ", ".join(missing)},
            {"file": [_("Missing columns.")]},
        )
    rows: list[tuple[int, dict]] = []
    # `data` counts every row, blank ones too, against the limits (import_limits.bounded_rows).
    for number, values in enumerate(data, start=2):
        if not any(str(v).strip() for v in values):
            continue  # blank line
        rows.append((number, dict(zip(header, values, strict=False))))
    return rows


def _application_errors(
    number: int, error: ApplicationError, columns: dict[str, str]
) -> list[RowError]:
    extra = getattr(error, "extra", None) or {}
    if not extra:
        return [RowError(number, "", str(error.message if hasattr(error, "message") else error))]
    found = []
    for key, messages in extra.items():
        for message in messages if isinstance(messages, list) else [messages]:
            found.append(RowError(number, columns.get(key, key), str(message)))
    return found


def import_file(
    *,
    upload: IO[bytes] | UploadedFile,
    kind: str,
    actor: "User",
    progress: Progress | None = None,
    on_success: Callable[[ImportResult], object] | None = None,
) -> ImportResult:
    """Read, validate and write every row, or nothing. Raises ImportFileError for a file that
    cannot be read at all or passes a limit; otherwise returns the result with the row errors
    (if any). `on_success` runs inside the transaction when every row was written (the job is
    marked finished there, so its writes and the job's success commit together)."""
    if kind not in KINDS:
        raise ImportFileError(_("Choose what the file holds."), {"kind": [_("Unknown kind.")]})
    header, data = read_table(upload, progress=progress)
    rows = _rows(header, data, kind)
    result = ImportResult(kind=kind, rows=len(rows))
    if not rows:
        result.errors.append(RowError(1, "", _("The file has no data rows.")))
        return result
    lookups = _Lookups(actor)
    if progress is not None:
        # Inside the transaction below nothing written is visible to the job page until the
        # end: the bar shows "saving" (of unknown length) meanwhile.
        progress(0, total=0, stage="saving")
    with transaction.atomic():
        # The activity tally is recomputed once per work plan, after the last row.
        with refreshes_deferred():
            if kind == "activities":
                _import_activities(rows, lookups, actor, result)
            else:
                _import_reports(rows, lookups, actor, result)
        if result.errors:
            transaction.set_rollback(True)
            result.created = 0
        elif on_success is not None:
            on_success(result)
    return result


def run_import_job(job: "Job", progress: Progress) -> dict[str, Any]:
    """The handler of the "intake.import" job (registered in apps.py): read the stored upload
    and import it as its owner. A file refused as a whole raises ImportFileError (the job
    fails with its message); row errors are the job's result (nothing was saved)."""
    kind = str(job.params.get("kind", ""))
    if not job.input_file:
        raise ImportFileError(_("The uploaded file is gone; upload it again."), {"file": []})
    progress(0, total=0, stage="reading")
    with job.input_file.open("rb") as stored:
        result = import_file(
            upload=stored,
            kind=kind,
            actor=job.owner,
            progress=progress,
            on_success=lambda done: job_finish(job_id=job.pk, result=done.as_json()),
        )
    return result.as_json()


def _activity_input(row: dict[str, Any], lookups: _Lookups) -> tuple[WorkPlan, ActivityInput]:
    agreement = lookups.agreement(_text(row, "agreement_reference"))
    plan_text = _text(row, "work_plan").removeprefix("wp-")
    if not plan_text.isdigit():
        raise CellError("work_plan", _("Give the work plan's number."))
    work_plan = (
        WorkPlan.objects.visible_to(lookups.user)
        .filter(pk=int(plan_text), agreement=agreement)
        .first()
    )
    if work_plan is None:
        raise CellError("work_plan", _("This agreement has no work plan %(n)s.") % {"n": plan_text})
    sector = None
    if code := _text(row, "sector"):
        sector = lookups.sectors.get(code)
        if sector is None:
            raise CellError("sector", _("Unknown sector code “%(c)s”.") % {"c": code})
    provinces = [lookups.province(c, "province_codes") for c in _codes(row, "province_codes")]
    regencies = [lookups.regency(c, "regency_codes") for c in _codes(row, "regency_codes")]
    beneficiaries = {sex: {age: _count(row, f"{sex}_{age}") for age in AGE_GROUPS} for sex in SEXES}
    return work_plan, ActivityInput(
        title=_text(row, "title"),
        start_date=_date(row, "start_date"),
        end_date=_date(row, "end_date"),
        provinces=provinces,
        regencies=regencies,
        sector=sector,
        description=_text(row, "description"),
        planned_beneficiaries=beneficiaries,
        currency=_text(row, "currency") or "IDR",
        planned_budget=_decimal(row, "planned_budget"),
    )


def _import_activities(
    rows: list[tuple[int, dict]], lookups: _Lookups, actor: "User", result: ImportResult
) -> None:
    for number, row in rows:
        try:
            work_plan, data = _activity_input(row, lookups)
            activity_create(work_plan_id=work_plan.pk, data=data, actor=actor)
        except CellError as error:
            result.errors.append(RowError(number, error.column, error.message))
        except ApplicationError as error:
            result.errors.extend(_application_errors(number, error, ACTIVITY_FIELD_COLUMNS))
        else:
            result.created += 1


def _line(row: dict[str, Any], lookups: _Lookups) -> LineInput:
    province = regency = None
    if code := _text(row, "province_code"):
        province = lookups.province(code, "province_code")
    if code := _text(row, "regency_code"):
        regency = lookups.regency(code, "regency_code")
    return LineInput(
        donor_name=_text(row, "donor_name"),
        donor_country=_text(row, "donor_country"),
        amount=_text(row, "amount"),
        currency=_text(row, "currency"),
        programme=_text(row, "programme"),
        intermediaries=_text(row, "intermediaries"),
        province=province,
        regency=regency,
        local_partner=_text(row, "local_partner"),
    )


def _import_reports(
    rows: list[tuple[int, dict]], lookups: _Lookups, actor: "User", result: ImportResult
) -> None:
    groups: dict[tuple[str, str, str], list[tuple[int, dict]]] = {}
    for number, row in rows:
        key = (_text(row, "agreement_reference"), _text(row, "kind"), _text(row, "period_start"))
        groups.setdefault(key, []).append((number, row))
    for (reference, kind, _start), members in groups.items():
        first_number, first = members[0]
        try:
            agreement = lookups.agreement(reference)
            if kind not in Report.Kind.values:
                raise CellError(
                    "kind", _("Give activity_report or funding_disclosure as the kind.")
                )
            start = _date(first, "period_start")
            report = (
                Report.objects.visible_to(actor)
                .filter(agreement=agreement, kind=kind, period_start=start)
                .first()
            )
            if report is None:
                raise CellError(
                    "period_start", _("No report of this kind is expected for this period.")
                )
            lines: list[LineInput] = []
            line_errors: list[RowError] = []
            if kind == Report.Kind.DISCLOSURE:
                for number, row in members:
                    try:
                        lines.append(_line(row, lookups))
                    except CellError as error:
                        line_errors.append(RowError(number, error.column, error.message))
            if line_errors:
                result.errors.extend(line_errors)
                continue
            data = ReportInput(
                activities=_text(first, "activities"),
                outputs=_text(first, "outputs"),
                problems=_text(first, "problems"),
                staffing=_text(first, "staffing"),
                media_name=_text(first, "media_name"),
                published_on=_optional_date(first, "published_on"),
                publication_url=_text(first, "publication_url"),
                lines=lines,
            )
            report_submit(report_id=report.pk, data=data, actor=actor)
        except CellError as error:
            result.errors.append(RowError(first_number, error.column, error.message))
        except ApplicationError as error:
            for found in _application_errors(first_number, error, REPORT_FIELD_COLUMNS):
                if found.column.startswith("lines."):  # lines.<n>.<field> → that row, column
                    _prefix, index, name = found.column.split(".", 2)
                    found.row = members[int(index)][0] if int(index) < len(members) else found.row
                    found.column = REPORT_FIELD_COLUMNS.get(name, name)
                result.errors.append(found)
        else:
            result.created += 1


# --- files to download ----------------------------------------------------------------------


def template_csv(kind: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(safe_row(COLUMNS[kind]))
    writer.writerows(safe_row(sample) for sample in SAMPLES[kind])
    return out.getvalue()


def errors_csv(errors: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "column", "message"])
    for error in errors:
        # The column and message can repeat what the uploaded file said: quote formulas.
        writer.writerow(safe_row([error["row"], error["column"], error["message"]]))
    return out.getvalue()
