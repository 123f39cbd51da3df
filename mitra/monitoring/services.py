"""Writing reports, disclosures, schedules and monitoring visits. Every change is audited."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mitra.agreements import documents
from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.permissions import agreement_is_editable_by
from mitra.audit.services import audit_event_record, model_snapshot, snapshot_diff
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.core.fsm import refused_unless_allowed
from mitra.deadlines.engine import versions
from mitra.notifications.services import notify

from . import tally
from .models import (
    DEFAULT_RESUBMIT_DAYS,
    REPORT_RULE,
    Finding,
    FollowUpItem,
    FundingDisclosureLine,
    MonitoringVisit,
    Report,
    ReportAttachment,
    ReportingSchedule,
    setting,
)
from .validation import LineInput, check_lines, closed_period_reason

if TYPE_CHECKING:
    from mitra.accounts.models import User

SCHEDULE_FIELDS = ["frequency", "first_period_start", "activity_reports", "funding_disclosures"]
REPORT_CONTENT_FIELDS = [
    "activities", "outputs", "problems", "staffing", "media_name", "published_on",
    "publication_url",
]  # fmt: skip
SCHEDULABLE = (Agreement.Status.SIGNED, Agreement.Status.ACTIVE, Agreement.Status.EXPIRED)


# --- who may do what ------------------------------------------------------------------------


def _require_agreement_editor(actor: "User", agreement: Agreement) -> None:
    """SECURITY: the partner ministry (the agreement's owner agency) and operators."""
    if not agreement_is_editable_by(user=actor, agreement=agreement):
        raise ApplicationError(_("Only the partner ministry's officers may do this."))


def user_may_submit(*, user: Any, agreement: Agreement) -> bool:
    """SECURITY: a representative of a foreign organization party to the agreement, or an
    operator (recording a report received on paper)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_operator:
        return True
    if user.role != user.Role.ORG_REPRESENTATIVE or not user.organization_id:
        return False
    if agreement.status in (Agreement.Status.DRAFT, Agreement.Status.UNDER_REVIEW):
        return False
    return AgreementParty.objects.filter(
        agreement_id=agreement.pk, organization_id=user.organization_id
    ).exists()


def _require_submitter(actor: "User", agreement: Agreement) -> None:
    if not user_may_submit(user=actor, agreement=agreement):
        raise ApplicationError(
            _("Only a representative of the organization party to the agreement may submit.")
        )


# --- schedules and periods ------------------------------------------------------------------


@dataclass
class ScheduleInput:
    frequency: str
    first_period_start: date | None
    activity_reports: bool = True
    funding_disclosures: bool = True


@transaction.atomic
def reporting_schedule_set(
    *, agreement_id: int, data: ScheduleInput, actor: "User"
) -> ReportingSchedule:
    """Create or change an agreement's reporting schedule (the partner ministry does).

    Refused: unknown frequency, no first period start, a start outside the agreement's term,
    an agreement not signed yet, no kind of report. Reports already generated stay as they are.
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    _require_agreement_editor(actor, agreement)
    errors: dict[str, list[str]] = {}
    if data.frequency not in ReportingSchedule.Frequency.values:
        errors["frequency"] = [_("Choose quarterly, every six months or annual.")]
    if data.first_period_start is None:
        errors["first_period_start"] = [_("Give the start of the first reporting period.")]
    elif agreement.end_date and data.first_period_start > agreement.end_date:
        errors["first_period_start"] = [
            _("The first period starts after the agreement ends (%(end)s).")
            % {"end": agreement.end_date.isoformat()}
        ]
    elif agreement.start_date and data.first_period_start < agreement.start_date:
        errors["first_period_start"] = [
            _("The first period starts before the agreement does (%(start)s).")
            % {"start": agreement.start_date.isoformat()}
        ]
    if not (data.activity_reports or data.funding_disclosures):
        errors["activity_reports"] = [_("Ask for activity reports, disclosures or both.")]
    if agreement.status not in SCHEDULABLE:
        errors["__all__"] = [_("Only a signed agreement gets a reporting schedule.")]
    if errors:
        raise ApplicationError(_("The reporting schedule was not saved."), extra=errors)
    schedule = ReportingSchedule.objects.filter(agreement=agreement).first()
    before = model_snapshot(schedule, SCHEDULE_FIELDS) if schedule else None
    if schedule is None:
        schedule = ReportingSchedule(agreement=agreement, created_by=actor)
    for name in SCHEDULE_FIELDS:
        setattr(schedule, name, getattr(data, name))
    schedule.save()
    after = model_snapshot(schedule, SCHEDULE_FIELDS)
    audit_event_record(
        event="reporting_schedule.updated" if before else "reporting_schedule.created",
        target=agreement,
        actor=actor,
        data=snapshot_diff(before, after) if before else {"new": after},
    )
    return schedule


def report_due_date(period_end: date) -> date:
    """When the report of a period ending on `period_end` is due: the `report.submission` rule
    in force on that day (30 calendar days by default). A period that ended before any version
    was in force takes the first version."""
    rules = versions(REPORT_RULE)
    try:
        return rules.due(period_end)
    except ApplicationError:
        first = rules.active[0].valid_from if rules.active else today()
        return rules.due(period_end, on=first)


def report_periods_generate(*, schedule: ReportingSchedule, on: date | None = None) -> int:
    """Create the `due` reports of every period that has started by `on`. Returns how many.

    Idempotent (one report per agreement, kind and period start). Each new report is audited
    as `report.scheduled` by the system.
    """
    on = on or today()
    agreement = schedule.agreement
    existing = set(agreement.reports.values_list("kind", "period_start"))
    created = 0
    for start, end in schedule.periods(until=on, end=agreement.end_date):
        for kind in schedule.kinds():
            if (kind, start) in existing:
                continue
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        report = Report.objects.create(
                            agreement=agreement,
                            kind=kind,
                            period_start=start,
                            period_end=end,
                            due_date=report_due_date(end),
                        )
                except IntegrityError:  # made concurrently by another run
                    continue
                audit_event_record(
                    event="report.scheduled",
                    target=report,
                    actor=None,
                    data={"new": {"due_date": report.due_date.isoformat(), "kind": kind}},
                )
            created += 1
    return created


def report_refresh_statuses(*, on: date | None = None) -> dict[str, int]:
    """Daily job: generate due periods from every schedule; record reports that became overdue;
    count the compliance tally's missing reports as of `on` (`tally.report_tally_new_day`).

    Overdue is computed (querysets.overdue_q); the job writes one `report.overdue` audit event
    the first time it sees a report overdue, so the record's history shows when it lapsed.
    """
    on = on or today()
    counts = {"created": 0, "overdue": 0, "rescheduled": 0}
    schedules = ReportingSchedule.objects.select_related("agreement").filter(
        agreement__status__in=SCHEDULABLE
    )
    for schedule in schedules.iterator():
        counts["created"] += report_periods_generate(schedule=schedule, on=on)
    counts["rescheduled"] = _report_due_dates_follow_the_rule(on)
    newly = Report.objects.overdue(on).filter(overdue_recorded_on__isnull=True)
    for pk in list(newly.values_list("pk", flat=True)):
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=pk)
            if not report.is_overdue(on) or report.overdue_recorded_on:
                continue
            report.overdue_recorded_on = on
            report.save(update_fields=["overdue_recorded_on", "updated_at"])
            audit_event_record(
                event="report.overdue",
                target=report,
                actor=None,
                data={"deadline": report.deadline.isoformat(), "on": on.isoformat()},
            )
            counts["overdue"] += 1
    # The compliance tally's `missing` as of the new day (docs/dev/performance.md).
    tally.report_tally_new_day(on)
    return counts


def _report_due_dates_follow_the_rule(on: date) -> int:
    """Reports the schedule generated (they have no creator; an extra report asked for by the
    ministry keeps the due date it was given) whose period has not ended yet: their clock has
    not started, so a version of the report rule entered since applies to them (audited as
    `report.rescheduled`). Reports whose period ended keep their due date."""
    changed = 0
    waiting = Report.objects.filter(
        status=Report.Status.DUE, period_end__gte=on, created_by__isnull=True
    )
    for pk, period_end, due in list(waiting.values_list("pk", "period_end", "due_date")):
        new_due = report_due_date(period_end)
        if new_due == due:
            continue
        with transaction.atomic():
            report = Report.objects.select_for_update().get(pk=pk)
            old_due = report.due_date
            report.due_date = new_due
            report.save(update_fields=["due_date", "updated_at"])
            audit_event_record(
                event="report.rescheduled",
                target=report,
                actor=None,
                data={
                    "old": {"due_date": old_due.isoformat()},
                    "new": {"due_date": new_due.isoformat()},
                },
            )
        changed += 1
    return changed


@transaction.atomic
def report_create(
    *, agreement_id: int, kind: str, period_start: date, period_end: date, due_date: date,
    actor: "User",
) -> Report:  # fmt: skip
    """An extra report outside the schedule (e.g. an end-of-term report): the ministry asks.

    Refused for a closed period (accepted already, or the agreement ended beyond grace).
    """
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    _require_agreement_editor(actor, agreement)
    if kind not in Report.Kind.values:
        raise ApplicationError(_("Unknown kind of report."), {"kind": [_("Unknown kind.")]})
    if period_end < period_start:
        raise ApplicationError(
            _("The period ends before it starts."), {"period_end": [_("Before the start.")]}
        )
    report = Report(
        agreement=agreement,
        kind=kind,
        period_start=period_start,
        period_end=period_end,
        due_date=due_date,
        created_by=actor,
    )
    reason = closed_period_reason(report, today())
    if reason:
        raise ApplicationError(reason, {"period_start": [reason]})
    if agreement.reports.filter(kind=kind, period_start=period_start).exists():
        raise ApplicationError(
            _("A report of this kind already exists for this period."),
            {"period_start": [_("Already expected.")]},
        )
    report.save()
    audit_event_record(
        event="report.scheduled",
        target=report,
        actor=actor,
        data={"new": {"due_date": due_date.isoformat(), "kind": kind}},
    )
    return report


# --- submitting and reviewing ---------------------------------------------------------------


@dataclass
class ReportInput:
    activities: str = ""
    outputs: str = ""
    problems: str = ""
    staffing: str = ""
    media_name: str = ""
    published_on: date | None = None
    publication_url: str = ""
    lines: list[LineInput] = field(default_factory=list)


def _check_content(report: Report, data: ReportInput, on: date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if report.kind == Report.Kind.ACTIVITY and not data.activities.strip():
        errors["activities"] = [_("Describe the activities carried out against the plan.")]
    if report.kind == Report.Kind.DISCLOSURE:
        if not data.lines:
            errors["lines"] = [_("Disclose at least one source of funds.")]
        errors.update(check_lines(data.lines))
    if data.published_on and data.published_on > on:
        errors["published_on"] = [_("The publication date cannot be in the future.")]
    if (data.publication_url or data.published_on) and not data.media_name.strip():
        errors["media_name"] = [_("Name the Indonesian-language medium it was published in.")]
    return errors


@transaction.atomic
def report_submit(
    *, report_id: int, data: ReportInput, actor: "User", received_on: date | None = None
) -> Report:
    """The organization submits a report or disclosure (again, after a revision request).

    Refused, with nothing written: someone other than the organization's representative; a
    closed period; a report already submitted or accepted; missing or malformed content
    (every disclosure line is checked: donor, country, amount > 0, ISO 4217 currency,
    programme, region). Resubmitting replaces the disclosure lines.

    `received_on`: an operator recording a report received earlier on paper gives the date
    it arrived (not in the future); it counts for on-time/late instead of today.
    """
    report = Report.objects.select_for_update().select_related("agreement").get(pk=report_id)
    _require_submitter(actor, report.agreement)
    now = today()
    reason = closed_period_reason(report, now)
    if reason:
        raise ApplicationError(reason)
    if report.status not in (Report.Status.DUE, Report.Status.REVISION_REQUESTED):
        raise ApplicationError(
            _("This report is %(status)s; it cannot be submitted now.")
            % {"status": report.get_status_display().lower()}
        )
    errors = _check_content(report, data, now)
    if received_on is not None and (not actor.is_operator or received_on > now):
        errors["received_on"] = [_("Only an operator records a past receipt date.")]
    if errors:
        raise ApplicationError(_("The report was not submitted."), extra=errors)
    before = model_snapshot(report, REPORT_CONTENT_FIELDS)
    old_status = report.status
    for name in REPORT_CONTENT_FIELDS:
        setattr(report, name, getattr(data, name))
    report.submit()
    report.submitted_at = timezone.now()
    report.submitted_by = actor
    if report.first_submitted_on is None:
        report.first_submitted_on = received_on or now
    with tally.refreshes_deferred():  # the save, the old lines' deletes, the new lines: once
        report.save()
        if report.kind == Report.Kind.DISCLOSURE:
            report.lines.all().delete()
            FundingDisclosureLine.objects.bulk_create(
                FundingDisclosureLine(
                    report=report,
                    donor_name=line.donor_name.strip(),
                    donor_country=line.donor_country.strip().upper(),
                    intermediaries=line.intermediaries.strip(),
                    amount=Decimal(str(line.amount)),
                    currency=line.currency.strip().upper(),
                    programme=line.programme.strip(),
                    province=line.province,
                    regency=line.regency,
                    local_partner=line.local_partner.strip(),
                )
                for line in data.lines
            )
            tally.report_changed(report.agreement_id)  # a bulk insert sends no signals
    diff = snapshot_diff(before, model_snapshot(report, REPORT_CONTENT_FIELDS))
    recorded = audit_event_record(
        event="report.submitted",
        target=report,
        actor=actor,
        data={
            "old": {**diff["old"], "status": old_status},
            "new": {**diff["new"], "status": report.status},
            "late": report.first_submitted_on > report.due_date,
            "lines": len(data.lines),
        },
    )
    # The partner ministry is told of each submission (a resubmission is news again).
    notify(event="monitoring.report_received", subject=report, actor=actor, key=str(recorded.pk))
    return report


@transaction.atomic
def report_accept(*, report_id: int, actor: "User") -> Report:
    """The partner ministry accepts a submitted report; its period is then closed."""
    report = Report.objects.select_for_update().select_related("agreement").get(pk=report_id)
    _require_agreement_editor(actor, report.agreement)
    _move(report, "accept", actor)
    return report


@transaction.atomic
def report_request_revision(
    *, report_id: int, reason: str, actor: "User", resubmit_days: int | None = None
) -> Report:
    """The partner ministry sends a submitted report back, with a reason and a new deadline
    (default settings.MITRA["REPORT_RESUBMIT_DAYS"] days from today)."""
    report = Report.objects.select_for_update().select_related("agreement").get(pk=report_id)
    _require_agreement_editor(actor, report.agreement)
    if not reason.strip():
        raise ApplicationError(
            _("Say what needs to change."), {"reason": [_("Give the reason for the request.")]}
        )
    days = resubmit_days or int(setting("REPORT_RESUBMIT_DAYS", DEFAULT_RESUBMIT_DAYS))
    _move(report, "request_revision", actor, reason=reason.strip(), days=days)
    return report


def _move(report: Report, name: str, actor: "User", reason: str = "", days: int = 0) -> None:
    old = report.status
    with refused_unless_allowed(
        _("This action is not possible while the report is %(status)s.")
        % {"status": report.get_status_display().lower()}
    ):
        if name == "request_revision":
            report.request_revision(reason, today() + timedelta(days=days))
        else:
            getattr(report, name)()
    report.reviewed_at = timezone.now()
    report.reviewed_by = actor
    report.save()
    audit_event_record(
        event="report.accepted" if name == "accept" else "report.revision_requested",
        target=report,
        actor=actor,
        data={
            "old": {"status": old},
            "new": {
                "status": report.status,
                "resubmit_by": report.resubmit_by.isoformat() if report.resubmit_by else None,
            },
            "reason": reason,
        },
    )


def report_attachment_add(
    *, report_id: int, upload: UploadedFile, title: str, actor: "User"
) -> ReportAttachment:
    """Attach a PDF/DOCX/ODT to a report not yet accepted (type judged by content)."""
    checked = documents.checked_upload(upload)
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("agreement").get(pk=report_id)
        _require_submitter(actor, report.agreement)
        if report.status == Report.Status.ACCEPTED:
            raise ApplicationError(_("An accepted report can no longer change."))
        attachment = documents.store_upload(
            ReportAttachment(
                report=report,
                title=(title.strip() or upload.name or "attachment")[:255],
                uploaded_by=actor,
            ),
            checked,
            fallback="attachment",
        )
        audit_event_record(
            event="report.attachment_added",
            target=report,
            actor=actor,
            data={"new": {"attachment": attachment.title, "sha256": attachment.sha256}},
        )
    return attachment


# --- monitoring visits ------------------------------------------------------------------------


@dataclass
class VisitInput:
    start_date: date | None
    end_date: date | None = None
    province: Any = None
    regency: Any = None
    team_bodies: Iterable[Any] = ()
    summary: str = ""
    organization: Any = None  # default: the agreement's lead foreign party


@transaction.atomic
def monitoring_visit_create(
    *, agreement_id: int, data: VisitInput, actor: "User"
) -> MonitoringVisit:
    """Record a monev visit on an agreement (the partner ministry's officers)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    _require_agreement_editor(actor, agreement)
    errors: dict[str, list[str]] = {}
    if data.start_date is None:
        errors["start_date"] = [_("Give the date of the visit.")]
    elif data.end_date and data.end_date < data.start_date:
        errors["end_date"] = [_("The visit ends before it starts.")]
    if (
        data.regency is not None
        and data.province is not None
        and data.regency.province_id != data.province.pk
    ):
        errors["regency"] = [_("The regency/city is not in the chosen province.")]
    party_orgs = list(
        agreement.parties.filter(organization__isnull=False).values_list(
            "organization_id", flat=True
        )
    )
    organization_id = data.organization.pk if data.organization is not None else None
    if organization_id is None and party_orgs:
        organization_id = party_orgs[0]
    if organization_id not in party_orgs:
        errors["organization"] = [_("Choose a foreign organization party to the agreement.")]
    # Both None cases have an error above; naming them lets the checker know.
    if errors or data.start_date is None or organization_id is None:
        raise ApplicationError(_("The monitoring visit was not saved."), extra=errors)
    visit = MonitoringVisit.objects.create(
        agreement=agreement,
        organization_id=organization_id,
        start_date=data.start_date,
        end_date=data.end_date,
        province=data.province,
        regency=data.regency,
        summary=data.summary.strip(),
        created_by=actor,
    )
    teams = [b.root() for b in data.team_bodies]
    visit.team_bodies.set(teams)
    audit_event_record(
        event="monitoring_visit.created",
        target=visit,
        actor=actor,
        data={
            "new": {
                "agreement": agreement.pk,
                "start_date": visit.start_date.isoformat(),
                "team": sorted(b.pk for b in teams),
            }
        },
    )
    return visit


@transaction.atomic
def finding_add(*, visit_id: int, description: str, severity: str, actor: "User") -> Finding:
    visit = MonitoringVisit.objects.select_for_update().select_related("agreement").get(pk=visit_id)
    _require_agreement_editor(actor, visit.agreement)
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("Describe the finding.")]
    if severity not in Finding.Severity.values:
        errors["severity"] = [_("Choose a severity.")]
    if errors:
        raise ApplicationError(_("The finding was not saved."), extra=errors)
    finding = Finding.objects.create(
        visit=visit, description=description.strip(), severity=severity
    )
    audit_event_record(
        event="monitoring_visit.finding_added",
        target=visit,
        actor=actor,
        data={"new": {"finding": finding.pk, "severity": severity}},
    )
    return finding


@transaction.atomic
def follow_up_add(
    *, finding_id: int, description: str, owner: str, due_date: date | None, actor: "User"
) -> FollowUpItem:
    finding = Finding.objects.select_related("visit__agreement").get(pk=finding_id)
    visit = MonitoringVisit.objects.select_for_update().get(pk=finding.visit_id)
    _require_agreement_editor(actor, finding.visit.agreement)
    errors: dict[str, list[str]] = {}
    if not description.strip():
        errors["description"] = [_("Describe what is to be done.")]
    if not owner.strip():
        errors["owner"] = [_("Say who is responsible.")]
    if errors:
        raise ApplicationError(_("The follow-up item was not saved."), extra=errors)
    item = FollowUpItem.objects.create(
        finding=finding, description=description.strip(), owner=owner.strip(), due_date=due_date
    )
    audit_event_record(
        event="monitoring_visit.follow_up_added",
        target=visit,
        actor=actor,
        data={"new": {"follow_up": item.pk, "owner": item.owner, "due_date": str(due_date)}},
    )
    return item


@transaction.atomic
def follow_up_set_status(*, item_id: int, status: str, actor: "User") -> FollowUpItem:
    item = (
        FollowUpItem.objects.select_for_update()
        .select_related("finding__visit__agreement")
        .get(pk=item_id)
    )
    _require_agreement_editor(actor, item.finding.visit.agreement)
    if status not in FollowUpItem.Status.values:
        raise ApplicationError(_("Unknown status."), {"status": [_("Unknown status.")]})
    old = item.status
    if old == status:
        return item
    item.status = status
    item.save(update_fields=["status"])
    audit_event_record(
        event="monitoring_visit.follow_up_changed",
        target=item.finding.visit,
        actor=actor,
        data={"old": {"status": old}, "new": {"status": status}, "follow_up": item.pk},
    )
    return item


# --- escalation to a sanction case (when mitra.sanctions provides it) ------------------------


def sanction_opener() -> Any:
    """The sanctions app's `sanction_case_open_from_finding` (imported here: sanctions sits
    beside monitoring and loads after it)."""
    from mitra.sanctions.services import sanction_case_open_from_finding

    return sanction_case_open_from_finding


def finding_escalate(*, finding_id: int, actor: "User") -> Any:
    """Open a sanction case from a finding (once). Refused when sanctions are unavailable."""
    opener = sanction_opener()
    if opener is None:
        raise ApplicationError(_("Sanction cases are not available in this installation."))
    with transaction.atomic():
        finding = (
            Finding.objects.select_for_update()
            .select_related("visit__agreement", "visit__organization")
            .get(pk=finding_id)
        )
        _require_agreement_editor(actor, finding.visit.agreement)
        if finding.sanction_case_id:
            raise ApplicationError(_("This finding was already escalated."))
        case = opener(
            organization=finding.visit.organization,
            finding_text=finding.description,
            actor=actor,
        )
        finding.sanction_case_id = getattr(case, "pk", None)
        finding.save(update_fields=["sanction_case_id"])
        audit_event_record(
            event="monitoring_visit.finding_escalated",
            target=finding.visit,
            actor=actor,
            data={"new": {"finding": finding.pk, "sanction_case": finding.sanction_case_id}},
        )
    return case
