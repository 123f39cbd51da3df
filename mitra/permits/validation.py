"""Rules that need more than one field or row: the task list, eligibility gates, the 3-year
cap, the extension window, foreign staff limits. Pure functions; services call them."""

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from mitra.core.dates import add_months, today
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
from .models import (
    DOCUMENT_LABELS,
    REQUIRED_DOCUMENTS,
    Application,
    ApplicationDocument,
    ForeignStaffAssignment,
)

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


def latest_documents(application: Application) -> dict[str, "ApplicationDocument"]:
    """The latest version of each checklist item (reads `application.documents`, prefetched
    by the detail selector)."""
    latest: dict[str, ApplicationDocument] = {}
    for document in application.documents.all():
        current = latest.get(document.item)
        if current is None or document.version > current.version:
            latest[document.item] = document
    return latest


def document_counts(document: "ApplicationDocument", on: date) -> bool:
    """Whether a checklist item's latest version counts: not a carried-over document the
    applicant has yet to confirm, and not past its own "valid until" date."""
    if document.needs_confirmation:
        return False
    return document.expires_on is None or document.expires_on >= on


def document_carries_over(document: "ApplicationDocument", on: date) -> bool:
    """Whether an extension may re-use this document of the current application (documented
    in conf DOCUMENTS_ALWAYS_NEW): its item is not one filed anew every time, and its own
    "valid until" date, where it has one, has not passed."""
    if document.item in setting("DOCUMENTS_ALWAYS_NEW"):
        return False
    return document.expires_on is None or document.expires_on >= on


def present_documents(application: Application) -> set[str]:
    """The checklist items whose latest version counts (see `document_counts`)."""
    on = today()
    return {
        item
        for item, document in latest_documents(application).items()
        if document_counts(document, on)
    }


def unconfirmed_documents(application: Application) -> list[str]:
    """The items whose latest version was carried over and awaits the applicant's confirmation."""
    return [
        item
        for item, document in latest_documents(application).items()
        if document.needs_confirmation
    ]


# The task-list sections an extension says "what changed" for (in this order).
CHANGE_SECTIONS = [
    "profile",
    "documents",
    "programmes",
    "partner_ministry",
    "funds",
    "local_partners",
]


def changes_answered(application: Application) -> bool:
    """An extension answers "what changed" for every section (CHANGE_SECTIONS; "no change" is
    an answer). An application filed through the API before the per-section answers existed
    gives one summary instead: it counts when no section was answered."""
    answers = application.section_changes or {}
    if any(str(answers.get(name) or "").strip() for name in CHANGE_SECTIONS):
        return all(str(answers.get(name) or "").strip() for name in CHANGE_SECTIONS)
    return bool(application.changes_summary.strip())


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
        status["changes"] = changes_answered(application)
    return status


def _started(application: Application, name: str) -> bool:
    """Whether anything of a section is filled in (for "In progress" against "Not started")."""
    profile = application.profile or {}
    if name == "profile":
        return any(str(v or "").strip() for v in profile.values())
    if name == "documents":
        return bool(present_documents(application))
    if name == "programmes":
        return bool(application.programmes.strip()) or application.provinces.exists()
    if name == "funds":
        return bool(application.funding_sources.strip()) or application.funding_amount is not None
    if name == "local_partners":
        return bool(application.local_partners.strip())
    if name == "changes":
        answers = (application.section_changes or {}).values()
        return bool(application.changes_summary.strip()) or any(str(a).strip() for a in answers)
    return False


def section_progress(application: Application) -> dict[str, str]:
    """Each task-list section's tag (issue 16 §1): "completed", "in_progress" (something filled
    in, not everything needed) or "not_started". An optional section counts as completed once
    anything is entered, and stays "not_started" (never blocking) until then."""
    progress = {}
    for name, done in section_status(application).items():
        started = _started(application, name)
        if name == "local_partners":
            progress[name] = "completed" if started else "not_started"
        elif done:
            progress[name] = "completed"
        else:
            progress[name] = "in_progress" if started else "not_started"
    return progress


SECTION_LABELS = {
    "profile": _lazy("Organization profile"),
    "documents": _lazy("Documents"),
    "programmes": _lazy("Programmes and regions"),
    "partner_ministry": _lazy("Proposed partner ministry"),
    "funds": _lazy("Sources and amounts of funds"),
    "local_partners": _lazy("Local partners"),
}

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
    unconfirmed = set(unconfirmed_documents(application))
    missing = [
        DOCUMENT_LABELS[c] for c in REQUIRED_DOCUMENTS if c not in docs and c not in unconfirmed
    ]
    if missing:
        problems["documents"] = [
            _("Missing: %(items)s.") % {"items": "; ".join(str(m) for m in missing)}
        ]
    if unconfirmed:
        problems.setdefault("documents", []).append(
            _("Confirm or replace the documents carried over: %(items)s.")
            % {"items": "; ".join(str(DOCUMENT_LABELS[c]) for c in sorted(unconfirmed))}
        )
    if "changes" in problems:
        answers = application.section_changes or {}
        unanswered = [n for n in CHANGE_SECTIONS if not str(answers.get(n) or "").strip()]
        if unanswered and any(str(answers.get(n) or "").strip() for n in CHANGE_SECTIONS):
            problems["changes"] = [
                _("Say what changed in each section (or that nothing changed): %(sections)s.")
                % {"sections": ", ".join(str(SECTION_LABELS[n]) for n in unanswered)}
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
