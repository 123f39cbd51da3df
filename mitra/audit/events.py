"""Human labels for audit event names (the names themselves stay stable English keys)."""

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "agreement.created": _("Agreement recorded"),
    "agreement.updated": _("Agreement changed"),
    "agreement.submitted_for_review": _("Submitted for review"),
    "agreement.returned_to_draft": _("Returned to draft"),
    "agreement.signed": _("Marked signed"),
    "agreement.activated": _("Became active"),
    "agreement.expired": _("Expired"),
    "agreement.terminated": _("Terminated"),
    "agreement.superseded": _("Superseded by its renewal"),
    "agreement.signatory_added": _("Signatory added"),
    "agreement.document_uploaded": _("Document uploaded"),
    "organization.registered": _("Organization registered"),
    "organization.updated": _("Organization changed"),
}


def event_label(event: str) -> str:
    return str(EVENT_LABELS.get(event, event))
