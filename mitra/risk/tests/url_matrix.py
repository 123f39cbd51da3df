"""Role × URL rows for the risk app (collected by core's test_every_url_has_a_row, checked by
test_url_matrix.py). Columns: anonymous, operator, Kemendagri officer (unit), Kemendagri viewer,
Kemenkes officer, Ford Foundation's representative. The supervisor's risk list is for the TPOA
secretariat (Kemlu), Biro KTLN and operators only (risk.access): none of the other roles of the
world is one of them, so they get 403 (test_url_matrix.py also proves Kemlu and KTLN get 200).
The configuration and the recompute button are the operators'; recompute is POST only.
"""

GET = {
    ("risk:list", ""): (302, 200, 403, 403, 403, 403),
    ("risk:detail", "ford"): (302, 200, 403, 403, 403, 403),
    ("risk:configuration", ""): (302, 200, 403, 403, 403, 403),
    ("risk:refresh", ""): (302, 405, 403, 403, 403, 403),  # POST only
}
