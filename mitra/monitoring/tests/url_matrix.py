"""Role × URL rows for the monitoring pages (collected by core's test_every_url_has_a_row).

Columns: anonymous, operator, Kemendagri officer (unit), Kemendagri viewer, Kemenkes officer,
Ford Foundation's representative. Targets are built in test_url_matrix.py: `a`/`k`/`d` the
world's Kemendagri active, Kemenkes active and Kemendagri draft agreements; `r_a`/`r_k` a due
report on each; `att` an attachment of `r_a`; `v_a`/`v_k` monitoring visits; `f_a` a finding
and `fu_a` a follow-up item on `v_a`.
"""

GET = {
    ("monitoring:reports", ""): (302, 200, 200, 200, 200, 200),
    ("monitoring:agreement_reports", "a"): (302, 200, 200, 200, 404, 200),
    ("monitoring:agreement_reports", "d"): (302, 200, 200, 200, 404, 404),
    # Kemenkes–PATH (ormas asing): Kemendagri reads it as a TPOA member (ADR 0015).
    ("monitoring:agreement_reports", "k"): (302, 200, 200, 200, 200, 404),
    ("monitoring:schedule_set", "a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("monitoring:visit_create", "a"): (302, 200, 200, 403, 404, 403),
    ("monitoring:visit_create", "k"): (302, 200, 404, 403, 200, 403),
    ("monitoring:report_detail", "r_a"): (302, 200, 200, 200, 404, 200),
    ("monitoring:report_detail", "r_k"): (302, 200, 200, 200, 200, 404),
    # Only the organization (or an operator recording a paper report) submits.
    ("monitoring:report_submit", "r_a"): (302, 200, 403, 403, 404, 200),
    ("monitoring:report_submit", "r_k"): (302, 200, 403, 403, 403, 404),
    ("monitoring:report_accept", "r_a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("monitoring:report_revision", "r_a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("monitoring:attachment_add", "r_a"): (302, 405, 405, 405, 405, 405),  # POST only
    ("monitoring:attachment_download", "att"): (302, 200, 200, 200, 404, 200),
    ("monitoring:attachment_download", "r_k_with_att"): (302, 404, 404, 404, 404, 404),
    ("monitoring:visits", ""): (302, 200, 200, 200, 200, 403),
    ("monitoring:visit_detail", "v_a"): (302, 200, 200, 200, 404, 403),
    ("monitoring:visit_detail", "v_k"): (302, 200, 200, 200, 200, 403),
    ("monitoring:finding_add", "v_a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("monitoring:follow_up_add", "f_a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("monitoring:finding_escalate", "f_a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("monitoring:follow_up_status", "fu_a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("portal:non_filers", ""): (200, 200, 200, 200, 200, 200),
}
