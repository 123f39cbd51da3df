"""Writing licensing records, one module per sub-domain; the public names are re-exported here.

Every change re-checks the actor, locks the rows whose state matters, validates, writes and
audits in one transaction; a refusal writes nothing. The after-issue acts (suspend, revoke,
reinstate, expiry) are in `mitra.permits.lifecycle`."""

from .applications import (
    PROFILE_FIELDS,
    ApplicationInput,
    application_create,
    application_document_upload,
    application_documents_confirm,
    application_open_verification,
    application_resubmit,
    application_return,
    application_submit,
    application_update,
    application_withdraw,
    initial_from_application,
    initial_from_organization,
    track_for,
)
from .daily import application_lapse_returned, permits_daily, review_apply_deemed
from .decisions import application_decide, application_open_deliberation, deliberation_record
from .operational import OperationalInput, izin_operasional_create, izin_operasional_recheck
from .permits import permit_record_existing
from .presentations import latest_presentation, presentation_record, presentation_schedule
from .reviews import (
    DECISIONS,
    application_circulate,
    application_share_opinions,
    latest_reviews,
    member_agencies,
    review_decide,
    review_reopen,
    review_start,
    unresolved_objections,
)
from .staff import StaffInput, staff_assignment_create

__all__ = [
    "latest_presentation",
    "presentation_record",
    "presentation_schedule",
    # applications
    "PROFILE_FIELDS",
    "ApplicationInput",
    "application_create",
    "application_document_upload",
    "application_documents_confirm",
    "application_open_verification",
    "application_resubmit",
    "application_return",
    "application_submit",
    "application_update",
    "application_withdraw",
    "initial_from_application",
    "initial_from_organization",
    "track_for",
    # reviews
    "DECISIONS",
    "application_circulate",
    "application_share_opinions",
    "latest_reviews",
    "member_agencies",
    "review_decide",
    "review_reopen",
    "review_start",
    "unresolved_objections",
    # decisions
    "application_decide",
    "application_open_deliberation",
    "deliberation_record",
    # permits
    "permit_record_existing",
    # operational
    "OperationalInput",
    "izin_operasional_create",
    "izin_operasional_recheck",
    # staff
    "StaffInput",
    "staff_assignment_create",
    # daily
    "application_lapse_returned",
    "permits_daily",
    "review_apply_deemed",
]
