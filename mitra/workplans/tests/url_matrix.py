"""Role × URL rows for the work plan pages (collected by core's test_every_url_has_a_row and
checked by test_url_matrix.py). Columns: anonymous, operator, Kemendagri officer (unit),
Kemendagri viewer, Kemenkes officer, Ford Foundation's representative.

Objects (see test_url_matrix.extend_world): on the Kemendagri–Ford MSP an active RIK (`rik`), a
draft RKT for Jawa Tengah (`rkt`) with a planned activity (`activity`); on the Kemenkes
agreement an RIK (`k_rik`) with an activity (`k_activity`); an N5 notice to Kemendagri on the
RIK (`n5`): Kemendagri's officer (of a unit) may acknowledge it, its viewer only reads it.
"""

GET = {
    ("workplans:list", ""): (302, 200, 200, 200, 200, 200),
    ("workplans:create", "a_agreement"): (302, 200, 200, 404, 404, 200),
    ("workplans:create", "k_agreement"): (302, 200, 404, 404, 200, 404),
    ("workplans:detail", "rik"): (302, 200, 200, 200, 404, 200),
    ("workplans:detail", "rkt"): (302, 200, 200, 200, 404, 200),
    # Kemenkes–PATH (ormas asing): Kemendagri reads it as a TPOA member (ADR 0015).
    ("workplans:detail", "k_rik"): (302, 200, 200, 200, 200, 404),
    ("workplans:update", "rkt"): (302, 200, 200, 404, 404, 200),
    ("workplans:update", "k_rik"): (302, 200, 404, 404, 200, 404),
    ("workplans:transition", "rkt_approve"): (302, 405, 405, 405, 405, 405),  # POST only
    ("workplans:activity_create", "rkt"): (302, 200, 200, 404, 404, 200),
    ("workplans:notification_create", "rik"): (302, 200, 200, 404, 404, 200),
    ("workplans:activity_detail", "activity"): (302, 200, 200, 200, 404, 200),
    ("workplans:activity_detail", "k_activity"): (302, 200, 200, 200, 200, 404),
    ("workplans:activity_update", "activity"): (302, 200, 200, 404, 404, 200),
    ("workplans:activity_transition", "activity_start"): (302, 405, 405, 405, 405, 405),
    ("workplans:activity_actuals", "activity"): (302, 405, 405, 405, 405, 405),  # POST only
    # The N5 inbox: government users and operators (each sees only what is addressed to them).
    ("workplans:n5_inbox", ""): (302, 200, 200, 200, 200, 403),
    ("workplans:n5_acknowledge", "n5"): (302, 405, 405, 403, 405, 403),  # POST only, officers
}
