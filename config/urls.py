"""HTML routes under /id/ and /en/ (i18n_patterns); the API unprefixed under /api/v1/."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from mitra.core.views import healthz

# A URL no route matches: the API's JSON error shape under /api/, the site's page elsewhere.
handler404 = "mitra.api.exception_handlers.page_not_found"

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", include("mitra.api.urls")),
    path("healthz", healthz, name="healthz"),
]
urlpatterns += i18n_patterns(
    path("", include("mitra.portal.urls")),
    path("accounts/", include("mitra.accounts.urls")),
    path("dashboard/", include("mitra.dashboard.urls")),
    path("agreements/", include("mitra.agreements.urls")),
    path("organizations/", include("mitra.organizations.urls")),
    path("bodies/", include("mitra.bodies.urls")),
    path("meetings/", include("mitra.meetings.urls")),
    path("workplans/", include("mitra.workplans.urls")),
    path("monitoring/", include("mitra.monitoring.urls")),
    path("permits/", include("mitra.permits.urls")),
    path("deadlines/", include("mitra.deadlines.urls")),
    path("notifications/", include("mitra.notifications.urls")),
    path("jobs/", include("mitra.jobs.urls")),
    path("iati/", include("mitra.iati.urls")),
    path("sanctions/", include("mitra.sanctions.urls")),
    path("risk/", include("mitra.risk.urls")),
    path("staff/", include("mitra.staff.urls")),
    path("intake/", include("mitra.intake.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

# No route serves MEDIA_ROOT, not even under DEBUG: uploaded files are read only through the
# access-checked download views of their records (issue 14 §3).
