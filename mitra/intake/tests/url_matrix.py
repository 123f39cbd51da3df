"""Import URLs × roles (intake's foundation URLs are in core's matrix).

Columns: anonymous, operator, officer, viewer, other_officer, org_representative.
Anonymous users are sent to the login page (302); viewers may not import (403).
"""

GET = {
    ("intake:import", ""): (302, 200, 200, 403, 200, 200),
    ("intake:import_errors", ""): (302, 200, 200, 403, 200, 200),
    ("intake:import_template", "activities"): (302, 200, 200, 403, 200, 200),
    ("intake:import_template", "reports"): (302, 200, 200, 403, 200, 200),
    ("intake:import_template", "nothing"): (302, 404, 404, 403, 404, 404),
}
