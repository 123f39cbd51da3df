"""Licensing settings: read from settings.MITRA with the documented defaults (domain.md §7).

Policy switches and limits only. The periods (the izin prinsip maximum, the extension lead and
window, the query, verification, review and decision clocks) are deadline rules: ask
`mitra.deadlines.engine` by the codes below, never a setting.
"""

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
    # When True, the daily job withdraws an application returned to the applicant (for
    # completion by the secretariat, or for more information from the deliberation: both are
    # state 3a) whose query deadline passed without an answer (domain.md §3.2, row 3a: "lapse →
    # WITHDRAWN", marked uncertain, hence off by default: the applicant or an operator then
    # withdraws it).
    "RETURNED_LAPSES": False,
    # When True, a member review still open after its due date counts as "no objection".
    "DEEMED_NO_OBJECTION": False,
    # "objection_blocks": an unresolved objection blocks approval unless overridden with a
    # recorded reason; "recommendation": the deliberation's recommendation alone decides.
    "DECISION_RULE": "objection_blocks",
    "EXTENSION_LATE_BLOCKS": False,
    # An extension re-uses the current application's documents that are still valid: every
    # checklist item except these (always filed anew: the plans and the funding commitment
    # are for the new period), and only while a document's own "valid until" date, where it
    # has one, has not passed. The applicant confirms each carried document or replaces it.
    "DOCUMENTS_ALWAYS_NEW": ["programme_plan", "funding_commitment"],
    "STAFF_MAX_ACTIVE": 3,
    "STAFF_MAX_YEARS": 5,
    # The public processing-time statistics show a median and 90th percentile only for a
    # case type and stage with at least this many finished cases ("not enough cases yet").
    "STATISTICS_MIN_CASES": 5,
    # When True, an izin prinsip whose extension was filed in time (submitted, not late, not
    # yet decided) stays valid past its end date until the extension is decided; the daily
    # job expires it only then (rejected, withdrawn or lapsed). domain.md §3.3 and §7 q6 leave
    # the legal effect of a pending request open [D]; on by default, as the filing deadline of
    # Ps 45(3) exists so that the decision can come before the end.
    "EXTENSION_PENDING_KEEPS_VALID": True,
    # Organization kind → filing route code (routes.py); rows given here replace the defaults.
    "FILING_ROUTES": {},
    # The bodies every end, suspension or reinstatement of an izin prinsip is told to, besides
    # the partner ministry, the MSP owners and the regional governments with an active RKT
    # (domain.md N14 [D]): Kemendagri's Ditjen Polpum (regional supervision of ormas asing) and
    # Biro KTLN (staff facilities). A unit missing from the register falls back to its agency
    # (the key's first segment).
    "CASCADE_NOTIFY_BODIES": ["kemendagri-ditjen-polpum", "kemensetneg-biro-ktln"],
}


# The codes of licensing's deadline rules (mitra.deadlines.reference holds their defaults).
RULE_MAX_VALIDITY = "permit.max_validity"
RULE_EXTENSION_FILING = "permit.extension_filing"
RULE_EXTENSION_WINDOW = "permit.extension_window"
RULE_QUERY = "application.query_response"
RULE_VERIFICATION = "verification"
RULE_REVIEW = "review.member_opinion"
RULE_DECISION = "decision"


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
