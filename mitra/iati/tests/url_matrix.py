"""Role × URL rows for the IATI app (collected by core's test_every_url_has_a_row).

Columns: anonymous, operator, officer (Kemendagri), viewer (Kemendagri), other_officer
(Kemenkes), org_representative (Ford). Upload, review and decisions: operators only; findings:
government users (404 for a finding outside their scope). The decisions are POST only (405).
The follow-up form: operators, the TPOA secretariat and the partner ministry of the finding's
agreement (the matrix's finding has none and none of the officers is the secretariat: 403).
"""

GET = {
    ("iati:findings", "none"): (302, 200, 200, 200, 200, 403),
    ("iati:upload", "none"): (302, 200, 403, 403, 403, 403),
    ("iati:import_folder", "none"): (302, 405, 403, 403, 403, 403),
    ("iati:review", "none"): (302, 200, 403, 403, 403, 403),
    ("iati:org_match_decide", "match"): (302, 405, 403, 403, 403, 403),
    ("iati:activity_match_decide", "match"): (302, 405, 403, 403, 403, 403),
    ("iati:finding_dismiss", "finding"): (302, 405, 403, 403, 403, 403),
    ("iati:finding_detail", "finding"): (302, 200, 200, 200, 200, 403),
    ("iati:finding_follow_up", "finding"): (302, 200, 403, 403, 403, 403),
    ("iati:follow_up_escalate", "finding"): (302, 405, 405, 405, 405, 403),
    ("iati:organization_findings", "ford"): (302, 200, 200, 200, 200, 403),
    ("iati:summary", "none"): (302, 200, 200, 200, 200, 403),
}
