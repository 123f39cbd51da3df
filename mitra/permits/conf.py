"""Licensing settings: read from settings.MITRA with the documented defaults (domain.md §7)."""

from typing import Any

from django.conf import settings

# Indonesia has no diplomatic relations with these (override the whole list with
# settings.MITRA["DIPLOMATIC_RELATIONS"], a list of ISO 3166 alpha-2 codes).
NO_RELATIONS = {"IL", "TW", "XK", "EH"}

DEFAULTS: dict[str, Any] = {
    # The agency (top-level body key) whose officers run the TPOA secretariat.
    "TPOA_SECRETARIAT": "kemlu",
    # The multilateral working group: Biro KTLN's ministry (with the partner ministry).
    "MULTILATERAL_SECRETARIAT": "kemensetneg",
    # The agency whose officers record KTLN approval of foreign staff.
    "STAFF_APPROVER": "kemensetneg",
    "DIPLOMATIC_RELATIONS": None,  # None: every country except NO_RELATIONS
    "QUERY_DEADLINE_WORKING_DAYS": 15,
    # When True, the daily job withdraws an application returned to the applicant (for
    # completion by the secretariat, or for more information from the deliberation: both are
    # state 3a) whose query deadline passed without an answer (domain.md §3.2, row 3a: "lapse →
    # WITHDRAWN", marked uncertain, hence off by default: the applicant or an operator then
    # withdraws it).
    "RETURNED_LAPSES": False,
    "REVIEW_DUE_WORKING_DAYS": 15,
    # When True, a member review still open after its due date counts as "no objection".
    "DEEMED_NO_OBJECTION": False,
    # "objection_blocks": an unresolved objection blocks approval unless overridden with a
    # recorded reason; "recommendation": the deliberation's recommendation alone decides.
    "DECISION_RULE": "objection_blocks",
    "IZIN_PRINSIP_MAX_MONTHS": 36,
    "EXTENSION_LEAD_MONTHS": 3,
    # Months before the end when the extension window opens: the holder is told to prepare
    # the filing (domain.md N2: reminders from T-6 months; like agreements' RENEWAL_LEAD_MONTHS).
    "EXTENSION_WINDOW_MONTHS": 6,
    "EXTENSION_LATE_BLOCKS": False,
    "STAFF_MAX_ACTIVE": 3,
    "STAFF_MAX_YEARS": 5,
}


# Settings whose default lives in config/settings/base.py MITRA because other apps read them
# too (one source): the TPOA member list (also the visibility grant "tpoa.ormas_asing").
SHARED = {"TPOA_MEMBERS"}


def setting(name: str) -> Any:
    if name in SHARED:
        return settings.MITRA[name]
    return getattr(settings, "MITRA", {}).get(name, DEFAULTS[name])


def diplomatic_relations() -> set[str]:
    configured = setting("DIPLOMATIC_RELATIONS")
    if configured is not None:
        return {code.upper() for code in configured}
    from django_countries import countries

    return {code for code, _name in countries} - NO_RELATIONS


def add_working_days(start: Any, days: int) -> Any:
    """`start` + `days` Indonesian working days (the deadlines app's calendar: holidays and
    collective leave)."""
    from mitra.deadlines.calendar import add_working_days as calendar_add

    return calendar_add(start, days)
