"""Licensing rows of the role × URL matrix (checked by test_url_matrix.py; collected by
core's test_every_url_has_a_row). Roles: anonymous, operator, Kemendagri officer (unit),
Kemendagri viewer, Kemenkes officer, Ford Foundation's representative.

Targets: `app` = Ford's application in inter-agency review proposing Kemendagri (with a
Kemendagri and a Kemhan review); `other_draft` = another organization's draft;
`review_own` = Kemendagri's review; `review_kemhan`; `permit` = Ford's izin prinsip;
`other_permit` = another organization's; `io` = Ford's izin operasional issued by Kemendagri;
`staff` = a foreign staff assignment of Ford's (approved by Biro KTLN).
"""

GET = {
    ("permits:home", ""): (302, 200, 200, 200, 200, 200),
    ("permits:application_list", ""): (302, 200, 200, 200, 200, 200),
    # An operator names the organization (?organization=…): without it, 404.
    ("permits:application_create", ""): (302, 404, 403, 403, 403, 200),
    ("permits:application_detail", "app"): (302, 200, 200, 200, 404, 200),
    ("permits:application_detail", "other_draft"): (302, 200, 404, 404, 404, 404),
    ("permits:application_edit", "app"): (302, 200, 404, 404, 404, 200),
    ("permits:application_edit", "other_draft"): (302, 200, 404, 404, 404, 404),
    # Check your answers (a draft only: else back to the application) and the confirmation.
    ("permits:application_check", "app"): (302, 302, 404, 404, 404, 302),
    ("permits:application_check", "other_draft"): (302, 200, 404, 404, 404, 404),
    ("permits:application_submitted", "app"): (302, 200, 404, 404, 404, 200),
    ("permits:application_submitted", "other_draft"): (302, 302, 404, 404, 404, 404),
    ("permits:application_document", "app"): (302, 405, 405, 405, 405, 405),  # POST only
    ("permits:application_document_confirm", "app"): (302, 405, 405, 405, 405, 405),  # POST
    # One uploaded version: whoever sees the application (its detail row above), else 404.
    ("permits:application_document_file", "app_doc"): (302, 200, 200, 200, 404, 200),
    ("permits:application_action", "app_withdraw"): (302, 405, 405, 405, 405, 405),
    ("permits:review_inbox", ""): (302, 200, 200, 200, 200, 403),
    ("permits:review_detail", "review_own"): (302, 200, 200, 200, 404, 403),
    ("permits:review_detail", "review_kemhan"): (302, 200, 404, 404, 404, 403),
    ("permits:permit_list", ""): (302, 200, 200, 200, 200, 200),
    # The fragment of an organization's page: scoped rows (a representative: its own only).
    ("permits:organization_permits", "ford"): (302, 200, 200, 200, 200, 200),
    ("permits:permit_detail", "permit"): (302, 200, 200, 200, 200, 200),
    ("permits:permit_detail", "other_permit"): (302, 200, 200, 200, 200, 404),
    ("permits:permit_letter", "permit"): (302, 200, 200, 200, 200, 200),
    ("permits:permit_extend", "permit"): (302, 405, 405, 405, 405, 405),  # POST only
    ("permits:operational_create", "permit"): (302, 405, 405, 403, 405, 403),
    ("permits:staff_create", "permit"): (302, 405, 405, 403, 405, 403),
    # The acts after issue: a confirmation page for the issuing authority only (the TPOA
    # secretariat; the issuer of the izin operasional; Biro KTLN), else 403.
    ("permits:permit_suspend", "permit"): (302, 200, 403, 403, 403, 403),
    ("permits:permit_reinstate", "permit"): (302, 200, 403, 403, 403, 403),
    ("permits:permit_revoke", "permit"): (302, 200, 403, 403, 403, 403),
    ("permits:operational_end", "io"): (302, 200, 200, 403, 403, 403),
    ("permits:staff_end", "staff"): (302, 200, 403, 403, 403, 403),
    ("permits:public_status", ""): (200, 200, 200, 200, 200, 200),
    ("permits:public_statistics", ""): (200, 200, 200, 200, 200, 200),
}
