"""Role × URL rows for the sanctions app (collected by core's test_every_url_has_a_row).

Columns: anonymous, operator, officer (Kemendagri, on a unit), viewer (Kemendagri), other_officer
(Kemenkes), org_representative (Ford). Kemendagri oversees every case; Kemenkes sees the cases
of organizations it has agreements with (PATH); Ford's representative sees Ford's cases from
persuasion on, without internal evidence. Only the TPOA secretariat (Kemlu) and operators move
cases: officers of other agencies get 404 on a move.
"""

GET = {
    ("sanctions:list", ""): (302, 200, 200, 200, 200, 200),
    ("sanctions:create", ""): (302, 200, 200, 403, 200, 403),
    ("sanctions:detail", "ford_case"): (302, 200, 200, 200, 404, 200),
    ("sanctions:detail", "ford_reported"): (302, 200, 200, 200, 404, 404),
    ("sanctions:detail", "path_case"): (302, 200, 200, 200, 200, 404),
    ("sanctions:evidence_download", "ford_public_evidence"): (302, 200, 200, 200, 404, 200),
    ("sanctions:evidence_download", "ford_internal_evidence"): (302, 200, 200, 200, 404, 404),
    # Evidence fetched through a case it does not belong to.
    ("sanctions:evidence_download", "path_case_with_ford_evidence"): (302, 404, 404, 404, 404, 404),
    # POST only.
    ("sanctions:move", "ford_case_lift"): (302, 405, 405, 403, 405, 403),
    ("sanctions:notes", "ford_case"): (302, 405, 405, 403, 405, 403),
    ("sanctions:evidence_add", "ford_case"): (302, 405, 405, 403, 405, 403),
    # The organization's side (issue 15 §3), POST only: members reach the view, the view
    # answers only the case's own representatives (404 for everyone else, see test_org_side).
    ("sanctions:reply", "ford_case"): (302, 405, 405, 405, 405, 405),
    ("sanctions:objection_add", "ford_case"): (302, 405, 405, 405, 405, 405),
    # Deciding an objection: editors reach the view; the deciding authority only (404 else).
    ("sanctions:objection_decide", "ford_objection"): (302, 405, 405, 403, 405, 403),
}
