"""Role × URL rows for the foreign staff app (collected by core's test_every_url_has_a_row).

Columns: anonymous, operator, officer (Kemendagri, on a unit), viewer (Kemendagri), other_officer
(Kemenkes, the partner ministry of the requests), org_representative (Ford). Government users
and operators see every request and person (the private numbers only Biro KTLN, the TPOA
secretariat, operators and the employing organization: test_privacy.py); a representative
sees their own organization's. Only representatives file requests; actions are POST only.
"""

GET = {
    ("staff:home", ""): (302, 200, 200, 200, 200, 200),
    ("staff:request_create", ""): (302, 403, 403, 403, 403, 200),
    ("staff:request_detail", "ford_request"): (302, 200, 200, 200, 200, 200),
    ("staff:request_detail", "other_request"): (302, 200, 200, 200, 200, 404),
    ("staff:request_action", "ford_request_recommend"): (302, 405, 405, 405, 405, 405),
    ("staff:person_detail", "ford_person"): (302, 200, 200, 200, 200, 200),
    ("staff:person_detail", "other_person"): (302, 200, 200, 200, 200, 404),
    ("staff:person_documents", "ford_person"): (302, 405, 405, 405, 405, 405),
}
