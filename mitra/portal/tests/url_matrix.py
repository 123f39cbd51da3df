"""Open data URLs × roles (the portal's foundation URLs are in core's matrix).

Columns: anonymous, operator, officer, viewer, other_officer, org_representative.
"""

GET = {
    ("portal:register", ""): (200, 200, 200, 200, 200, 200),
    ("portal:opendata", ""): (200, 200, 200, 200, 200, 200),
    ("portal:opendata_download", "organizations.csv"): (200, 200, 200, 200, 200, 200),
    ("portal:opendata_download", "activities.xlsx"): (200, 200, 200, 200, 200, 200),
    ("portal:opendata_download", "agreements.json"): (200, 200, 200, 200, 200, 200),
    ("portal:opendata_download", "nothing.csv"): (404, 404, 404, 404, 404, 404),
    ("portal:opendata_download", "agreements.pdf"): (404, 404, 404, 404, 404, 404),
}
