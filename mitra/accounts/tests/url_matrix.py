"""Role × URL rows for the accounts app (collected by core's test_every_url_has_a_row; the
login and logout rows are core's). Every page shows or changes the signed-in user's own account.

Columns: anonymous, operator, officer (Kemendagri, on a unit), viewer (Kemendagri), other_officer
(Kemenkes), org_representative (Ford).
"""

GET = {
    # Public: the second sign-in step says to start again without a first one.
    ("accounts:login_code", ""): (200, 200, 200, 200, 200, 200),
    ("accounts:account", ""): (302, 200, 200, 200, 200, 200),
    ("accounts:mfa_setup", ""): (302, 200, 200, 200, 200, 200),
    ("accounts:password_change", ""): (302, 200, 200, 200, 200, 200),
    ("accounts:password_reset", ""): (200, 200, 200, 200, 200, 200),
    ("accounts:password_reset_done", ""): (200, 200, 200, 200, 200, 200),
    ("accounts:password_reset_confirm", "reset"): (200, 200, 200, 200, 200, 200),
    ("accounts:password_reset_complete", ""): (200, 200, 200, 200, 200, 200),
    # POST only.
    ("accounts:logout_everywhere", ""): (302, 405, 405, 405, 405, 405),
    ("accounts:token_create", ""): (302, 405, 405, 405, 405, 405),
    ("accounts:token_revoke", "officer_token"): (302, 405, 405, 405, 405, 405),
    ("accounts:mfa_recovery_codes", ""): (302, 405, 405, 405, 405, 405),
    ("accounts:mfa_disable", ""): (302, 405, 405, 405, 405, 405),
}
