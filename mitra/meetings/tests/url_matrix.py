"""Role × URL rows for the meetings pages (collected by core's test_every_url_has_a_row and
checked by test_url_matrix.py). Columns: anonymous, operator, Kemendagri officer (on a unit),
Kemendagri viewer, Kemenkes officer, Ford Foundation's representative.

Targets: `kd` a meeting Kemendagri organizes (Ford linked); `kk` a Kemenkes meeting to which
Kemendagri is invited; `kp` a Kemenkes meeting nobody else takes part in; `kd_item` an action
item of `kd`; `kd_hold` a transition of `kd`.
"""

POST_ONLY = (302, 405, 405, 403, 405, 403)

GET = {
    ("meetings:list", ""): (302, 200, 200, 200, 200, 200),
    ("meetings:create", ""): (302, 200, 200, 403, 200, 403),
    ("meetings:detail", "kd"): (302, 200, 200, 200, 404, 200),
    ("meetings:detail", "kk"): (302, 200, 200, 200, 200, 404),
    ("meetings:detail", "kp"): (302, 200, 404, 404, 200, 404),
    ("meetings:print", "kd"): (302, 200, 200, 200, 404, 200),
    ("meetings:print", "kp"): (302, 200, 404, 404, 200, 404),
    ("meetings:ics", "kd"): (302, 200, 200, 200, 404, 200),
    ("meetings:ics", "kp"): (302, 200, 404, 404, 200, 404),
    ("meetings:update", "kd"): (302, 200, 200, 403, 404, 403),
    ("meetings:update", "kk"): (302, 200, 404, 403, 200, 403),
    ("meetings:transition", "kd_hold"): POST_ONLY,
    ("meetings:invite", "kd"): POST_ONLY,
    ("meetings:send", "kd"): POST_ONLY,
    ("meetings:attendee_add", "kd"): POST_ONLY,
    ("meetings:attendance", "kd"): POST_ONLY,
    ("meetings:agenda_add", "kd"): POST_ONLY,
    ("meetings:minutes_add", "kd"): POST_ONLY,
    ("meetings:position_add", "kd"): POST_ONLY,
    ("meetings:decision_add", "kd"): POST_ONLY,
    ("meetings:action_item_add", "kd"): POST_ONLY,
    ("meetings:action_item_status", "kd_item"): POST_ONLY,
    ("meetings:signing", "kd"): POST_ONLY,
}
