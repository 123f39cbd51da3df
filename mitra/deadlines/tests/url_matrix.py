"""Role × URL rows for the deadlines app (collected by core's test_every_url_has_a_row).

Columns: anonymous, operator, officer (Kemendagri, on a unit), viewer (Kemendagri), other_officer
(Kemenkes), org_representative (Ford). Targets are built in test_url_matrix.targets().
"""

GET = {
    ("deadlines:mine", ""): (302, 200, 200, 200, 200, 200),
    # The feed is public by design (calendar clients cannot sign in): the token is the secret.
    ("deadlines:calendar_feed", "officer_token"): (200, 200, 200, 200, 200, 200),
    ("deadlines:calendar_feed", "wrong_token"): (404, 404, 404, 404, 404, 404),
    # POST only.
    ("deadlines:calendar_token", ""): (302, 405, 405, 405, 405, 405),
}
