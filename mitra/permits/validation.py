"""Rules that need more than one field or row: the task list, eligibility gates, the 3-year
cap, the extension window, foreign staff limits. Pure functions; services call them."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from mitra.core.dates import add_months
from mitra.core.exceptions import ApplicationError
from mitra.deadlines.engine import apply_rule, period_text, versions
from mitra.deadlines.models import DeadlineRule

from .conf import (
    RULE_EXTENSION_FILING,
    RULE_EXTENSION_WINDOW,
    RULE_MAX_VALIDITY,
    diplomatic_relations,
    setting,
)
from .models import DOCUMENT_LABELS, REQUIRED_DOCUMENTS, Application, ForeignStaffAssignment

if TYPE_CHECKING:
    from mitra.organizations.models import ForeignOrganization


def _max_validity(valid_from: date) -> DeadlineRule | None:
    """The `permit.max_validity` version in force on the permit's first day; None before any
    (a permit older than UU 17/2013 had no statutory cap)."""
    try:
        return versions(RULE_MAX_VALIDITY).in_force(valid_from)
    except ApplicationError:
        return None


def max_valid_until(valid_from: date) -> date | None:
    """The last day an izin prinsip starting on `valid_from` may run (N1: the maximum validity
    rule in force on that day, 3 years by default); None when no cap was in force."""
    rule = _max_validity(valid_from)
    return apply_rule(rule, valid_from) - timedelta(days=1) if rule is not None else None


def validity_problems(valid_from: date, valid_until: date) -> dict[str, list[str]]:
    if valid_until < valid_from:
        return {"valid_until": [_("The end date is before the start date.")]}
    rule = _max_validity(valid_from)
    if rule is None:
        return {}
    last = apply_rule(rule, valid_from) - timedelta(days=1)
    if valid_until > last:
        return {
            "valid_until": [
                _("An izin prinsip is valid for at most %(period)s (until %(day)s).")
                % {"period": period_text(rule), "day": last.isoformat()}
            ]
        }
    return {}


def extension_deadline(valid_until: date) -> date:
    """The last day to file an extension: the `permit.extension_filing` period in force on the
    end date, before it (3 months by default, UU 17/2013 Ps 45(3))."""
    return versions(RULE_EXTENSION_FILING).due(valid_until)


def extension_window_opens(valid_until: date) -> date:
    """The day the extension window opens (the `permit.extension_window` period before the end,
    6 months by default, never after the filing deadline): the holder is told to prepare the
    filing."""
    return min(versions(RULE_EXTENSION_WINDOW).due(valid_until), extension_deadline(valid_until))


def extension_is_late(valid_until: date, filed_on: date) -> bool:
    return filed_on > extension_deadline(valid_until)


def present_documents(application: Application) -> set[str]:
    return {d.item for d in application.documents.all()}


def section_status(application: Application) -> dict[str, bool]:
    """Which task-list sections are complete (for the task list and the submit check)."""
    profile = application.profile or {}
    docs = present_documents(application)
    status = {
        "profile": all(
            (profile.get(k) or "").strip()
            for k in ("legal_name", "country", "headquarters", "representative_name")
        ),
        "documents": all(code in docs for code in REQUIRED_DOCUMENTS),
        "programmes": bool(application.programmes.strip()) and application.provinces.exists(),
        "partner_ministry": application.partner_ministry_id is not None,
        "funds": bool(application.funding_sources.strip())
        and application.funding_amount is not None,
        "local_partners": True,  # optional: an organization may work with the ministry only
    }
    if application.kind == Application.Kind.EXTENSION:
        status["changes"] = bool(application.changes_summary.strip())
    return status


SECTION_MESSAGES = {
    "profile": lambda: _("Complete the organization profile."),
    "documents": lambda: _("Upload every required document."),
    "programmes": lambda: _("Describe the programmes and choose at least one region."),
    "partner_ministry": lambda: _("Propose a partner ministry."),
    "funds": lambda: _("Give the sources and amount of funds."),
    "changes": lambda: _("Say what changed since the current izin prinsip."),
}


def missing_sections(application: Application) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    for name, done in section_status(application).items():
        if not done:
            problems[name] = [str(SECTION_MESSAGES[name]())]
    docs = present_documents(application)
    missing = [DOCUMENT_LABELS[c] for c in REQUIRED_DOCUMENTS if c not in docs]
    if missing:
        problems["documents"] = [
            _("Missing: %(items)s.") % {"items": "; ".join(str(m) for m in missing)}
        ]
    return problems


def eligibility_problems(application: Application) -> dict[str, list[str]]:
    """Hard gates at submission (N12): diplomatic relations; a non-profit statement."""
    problems: dict[str, list[str]] = {}
    country = str((application.profile or {}).get("country") or application.organization.country)
    if country.upper() not in diplomatic_relations():
        problems["country"] = [
            _("Indonesia has no diplomatic relations with %(country)s.") % {"country": country}
        ]
    if "nonprofit_statement" not in present_documents(application):
        problems["nonprofit_statement"] = [
            _("The statement of non-profit aims and activities is required.")
        ]
    return problems


def staff_problems(organization: "ForeignOrganization", data: Any) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name in ("name", "position", "ktln_approval_number"):
        if not str(getattr(data, name) or "").strip():
            errors[name] = [_("Required.")]
    if len(data.nationality or "") != 2:
        errors["nationality"] = [_("Use a two-letter country code.")]
    if data.end_date < data.start_date:
        errors["end_date"] = [_("The end date is before the start date.")]
    elif data.end_date > add_months(data.start_date, 12 * setting("STAFF_MAX_YEARS")) - timedelta(
        days=1
    ):
        errors["end_date"] = [
            _("An assignment lasts at most %(years)d years and cannot be extended.")
            % {"years": setting("STAFF_MAX_YEARS")}
        ]
    if data.ktln_approved_on > data.start_date:
        errors["ktln_approved_on"] = [_("KTLN approval must come before the assignment starts.")]
    overlapping = ForeignStaffAssignment.objects.filter(
        organization=organization,
        status=ForeignStaffAssignment.Status.ACTIVE,
        start_date__lte=data.end_date,
        end_date__gte=data.start_date,
    ).count()
    if overlapping >= setting("STAFF_MAX_ACTIVE"):
        errors["organization"] = [
            _("%(org)s already has %(n)d active foreign staff (the limit).")
            % {"org": organization.legal_name, "n": overlapping}
        ]
    if organization.needs_izin_prinsip:
        from .selectors import izin_prinsip_period

        period = izin_prinsip_period(organization_id=organization.pk, on=data.start_date)
        if period is None:
            errors["start_date"] = [_("The organization has no valid izin prinsip then.")]
    return errors
