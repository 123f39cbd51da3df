"""Role × URL rows for the compliance dashboard and the activity map (collected by core's
test_every_url_has_a_row, checked by test_url_matrix.py). Columns: anonymous, operator,
Kemendagri officer (unit), Kemendagri viewer, Kemenkes officer, Ford Foundation's
representative. Both pages are for government users (GOVERNMENT): the representative gets 403.
The "Your work" lists (`work_list`, issue 10 §4) are for every member (MEMBER), each scoped by
its own selector (an unknown list is 404).
"""

GET = {
    ("dashboard:compliance", ""): (302, 200, 200, 200, 200, 403),
    ("dashboard:compliance", "by_region"): (302, 200, 200, 200, 200, 403),
    ("dashboard:activity_map", ""): (302, 200, 200, 200, 200, 403),
    ("dashboard:activity_map", "regency"): (302, 200, 200, 200, 200, 403),
    ("dashboard:work_list", "renewals"): (302, 200, 200, 200, 200, 200),
    ("dashboard:work_list", "unlicensed"): (302, 200, 200, 200, 200, 200),
    ("dashboard:work_list", "uncovered"): (302, 200, 200, 200, 200, 200),
    ("dashboard:work_list", "staff"): (302, 200, 200, 200, 200, 200),
    ("dashboard:work_list", "territory"): (302, 200, 200, 200, 200, 200),
    ("dashboard:work_list", "without_notice"): (302, 200, 200, 200, 200, 200),
    ("dashboard:work_list", "unknown"): (302, 404, 404, 404, 404, 404),
}
