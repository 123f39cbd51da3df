"""Role × URL rows for the compliance dashboard and the activity map (collected by core's
test_every_url_has_a_row, checked by test_url_matrix.py). Columns: anonymous, operator,
Kemendagri officer (unit), Kemendagri viewer, Kemenkes officer, Ford Foundation's
representative. Both pages are for government users (GOVERNMENT): the representative gets 403.
"""

GET = {
    ("dashboard:compliance", ""): (302, 200, 200, 200, 200, 403),
    ("dashboard:compliance", "by_region"): (302, 200, 200, 200, 200, 403),
    ("dashboard:activity_map", ""): (302, 200, 200, 200, 200, 403),
    ("dashboard:activity_map", "regency"): (302, 200, 200, 200, 200, 403),
}
