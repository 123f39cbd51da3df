"""Role × URL rows for the jobs app (collected by core's test_every_url_has_a_row).

Columns: anonymous, operator, officer (Kemendagri), viewer (Kemendagri), other_officer
(Kemenkes), org_representative (Ford). A job is its owner's only: everyone else gets 404,
operators included.
"""

GET = {
    ("jobs:detail", "officer_job"): (302, 404, 200, 404, 404, 404),
    ("jobs:progress", "officer_job"): (302, 404, 200, 404, 404, 404),
}
