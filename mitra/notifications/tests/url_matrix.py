"""Role × URL rows for the notifications app (collected by core's test_every_url_has_a_row).

Columns: anonymous, operator, officer (Kemendagri, on a unit), viewer (Kemendagri), other_officer
(Kemenkes), org_representative (Ford). Every page shows the signed-in user's own notices only.
"""

GET = {
    ("notifications:list", ""): (302, 200, 200, 200, 200, 200),
    ("notifications:preferences", ""): (302, 200, 200, 200, 200, 200),
    # POST only.
    ("notifications:read_all", ""): (302, 405, 405, 405, 405, 405),
    ("notifications:read", "officer_notice"): (302, 405, 405, 405, 405, 405),
}
