"""Change-notice rows of the role × URL matrix (checked by test_url_matrix.py; collected by
core's test_every_url_has_a_row). Roles: anonymous, operator, Kemendagri officer (unit),
Kemendagri viewer, Kemenkes officer, Ford Foundation's representative.

Targets: `ford` / `other_org` (organizations), `ford_notice` (a change Ford reported)."""

GET = {
    ("organizations:change_list", "ford"): (302, 200, 200, 200, 200, 200),
    ("organizations:change_list", "other_org"): (302, 200, 200, 200, 200, 404),
    # Only the organization's own representatives (and operators) report changes.
    ("organizations:change_create", "ford"): (302, 200, 403, 403, 403, 200),
    ("organizations:change_create", "other_org"): (302, 200, 403, 403, 403, 404),
    ("organizations:change_detail", "ford_notice"): (302, 200, 200, 200, 200, 200),
}
