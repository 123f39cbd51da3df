"""API v1: one list of routes. `route()` serves one URL by one API class per HTTP method."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, register_converter
from django.utils.csp import CSP
from django.views.decorators.csp import csp_override
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from .converters import IdConverter
from .v1 import agreements, auth, organizations, reference, workplans
from .v1 import deadlines as deadlines_api
from .v1 import intake as intake_api
from .v1 import meetings as meetings_api
from .v1 import monitoring as monitoring_api
from .v1 import notifications as notifications_api
from .v1 import opendata as opendata_api
from .v1 import permits as permit_apis
from .v1 import register as register_api
from .v1 import sanctions as sanctions_api
from .v1.base import route

# Ids in paths are 1..2**63-1: a larger one matches no route (404), never the database.
register_converter(IdConverter, "id")

schema_view = login_not_required(SpectacularAPIView.as_view())
schema_view.access = "public"  # type: ignore[attr-defined]
# Redoc renders with inline styles and a blob: worker; this one page relaxes those two
# directives (scripts still need our nonce) instead of weakening the site-wide policy.
docs_view = csp_override(
    {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, CSP.NONCE],
        "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
        "img-src": [CSP.SELF, "data:"],
        "font-src": [CSP.SELF, "data:"],
        "worker-src": [CSP.SELF, "blob:"],
        "object-src": [CSP.NONE],
        "frame-ancestors": [CSP.NONE],
    }
)(login_not_required(SpectacularRedocView.as_view(url_name="api-schema")))
docs_view.access = "public"  # type: ignore[attr-defined]

urlpatterns = [
    path("schema/", schema_view, name="api-schema"),
    path("docs/", docs_view, name="api-docs"),
    path("auth/token/", auth.TokenObtainApi.as_view(), name="api-auth-token"),
    # registry
    path(
        "organizations/",
        route(get=organizations.OrganizationListApi, post=organizations.OrganizationCreateApi),
        name="api-organization-list",
    ),
    path(
        "organizations/<id:pk>/",
        route(
            get=organizations.OrganizationDetailApi,
            put=organizations.OrganizationUpdateApi,
            patch=organizations.OrganizationUpdateApi,
        ),
        name="api-organization-detail",
    ),
    # reference data
    path("bodies/", reference.BodyListApi.as_view(), name="api-body-list"),
    path("bodies/<id:pk>/", reference.BodyDetailApi.as_view(), name="api-body-detail"),
    path("regions/provinces/", reference.ProvinceListApi.as_view(), name="api-province-list"),
    path("regions/regencies/", reference.RegencyListApi.as_view(), name="api-regency-list"),
    # agreements
    path(
        "agreements/",
        route(get=agreements.AgreementListApi, post=agreements.AgreementCreateApi),
        name="api-agreement-list",
    ),
    path(
        "agreements/<id:pk>/",
        route(
            get=agreements.AgreementDetailApi,
            put=agreements.AgreementUpdateApi,
            patch=agreements.AgreementUpdateApi,
        ),
        name="api-agreement-detail",
    ),
    path(
        "agreements/<id:pk>/transitions/<slug:name>/",
        agreements.AgreementTransitionApi.as_view(),
        name="api-agreement-transition",
    ),
    path(
        "agreements/<id:pk>/signatories/",
        agreements.AgreementSignatoryCreateApi.as_view(),
        name="api-agreement-signatories",
    ),
    path(
        "agreements/<id:pk>/documents/",
        route(get=agreements.AgreementDocumentListApi, post=agreements.AgreementDocumentUploadApi),
        name="api-agreement-documents",
    ),
    path(
        "agreements/<id:pk>/documents/<id:document_id>/download/",
        agreements.AgreementDocumentDownloadApi.as_view(),
        name="api-agreement-document-download",
    ),
    # work plans (RIK/RKT) and activities
    path(
        "workplans/",
        route(get=workplans.WorkPlanListApi, post=workplans.WorkPlanCreateApi),
        name="api-workplan-list",
    ),
    path(
        "workplans/<id:pk>/",
        route(get=workplans.WorkPlanDetailApi, patch=workplans.WorkPlanUpdateApi),
        name="api-workplan-detail",
    ),
    path(
        "workplans/<id:pk>/transitions/<slug:name>/",
        workplans.WorkPlanTransitionApi.as_view(),
        name="api-workplan-transition",
    ),
    path(
        "workplans/<id:pk>/notifications/",
        workplans.NotificationCreateApi.as_view(),
        name="api-workplan-notifications",
    ),
    path("workplans/n5-inbox/", workplans.N5InboxApi.as_view(), name="api-workplan-n5-inbox"),
    path(
        "workplans/n5-inbox/<id:pk>/acknowledge/",
        workplans.N5AcknowledgeApi.as_view(),
        name="api-workplan-n5-acknowledge",
    ),
    path(
        "activities/",
        route(get=workplans.ActivityListApi, post=workplans.ActivityCreateApi),
        name="api-activity-list",
    ),
    path(
        "activities/<id:pk>/",
        route(get=workplans.ActivityDetailApi, patch=workplans.ActivityUpdateApi),
        name="api-activity-detail",
    ),
    path(
        "activities/<id:pk>/transitions/<slug:name>/",
        workplans.ActivityTransitionApi.as_view(),
        name="api-activity-transition",
    ),
    # licensing (izin prinsip applications, member reviews, permits)
    path(
        "permits/applications/",
        route(get=permit_apis.ApplicationListApi, post=permit_apis.ApplicationCreateApi),
        name="api-permit-application-list",
    ),
    path(
        "permits/applications/<id:pk>/",
        route(get=permit_apis.ApplicationDetailApi, patch=permit_apis.ApplicationUpdateApi),
        name="api-permit-application-detail",
    ),
    path(
        "permits/applications/<id:pk>/actions/<slug:name>/",
        permit_apis.ApplicationActionApi.as_view(),
        name="api-permit-application-action",
    ),
    path(
        "permits/applications/<id:pk>/decision/",
        permit_apis.ApplicationDecisionApi.as_view(),
        name="api-permit-application-decision",
    ),
    path("permits/reviews/", permit_apis.ReviewListApi.as_view(), name="api-permit-review-list"),
    path(
        "permits/reviews/<id:pk>/",
        permit_apis.ReviewDetailApi.as_view(),
        name="api-permit-review-detail",
    ),
    path(
        "permits/reviews/<id:pk>/decision/",
        permit_apis.ReviewDecisionApi.as_view(),
        name="api-permit-review-decision",
    ),
    path("permits/permits/", permit_apis.PermitListApi.as_view(), name="api-permit-list"),
    path(
        "permits/permits/<id:pk>/", permit_apis.PermitDetailApi.as_view(), name="api-permit-detail"
    ),
    path(
        "permits/permits/<id:pk>/operational/",
        route(get=permit_apis.OperationalListApi, post=permit_apis.OperationalCreateApi),
        name="api-permit-operational",
    ),
    path(
        "permits/permits/<id:pk>/staff/",
        route(get=permit_apis.StaffListApi, post=permit_apis.StaffCreateApi),
        name="api-permit-staff",
    ),
    path(
        "permits/permits/<id:pk>/actions/<slug:name>/",
        permit_apis.PermitActionApi.as_view(),
        name="api-permit-action",
    ),
    path(
        "permits/operational/<id:pk>/end/",
        permit_apis.OperationalEndApi.as_view(),
        name="api-permit-operational-end",
    ),
    path(
        "permits/staff/<id:pk>/end/",
        permit_apis.StaffEndApi.as_view(),
        name="api-permit-staff-end",
    ),
    # meetings
    path(
        "meetings/",
        route(get=meetings_api.MeetingListApi, post=meetings_api.MeetingCreateApi),
        name="api-meeting-list",
    ),
    path(
        "meetings/<id:pk>/",
        route(
            get=meetings_api.MeetingDetailApi,
            put=meetings_api.MeetingUpdateApi,
            patch=meetings_api.MeetingUpdateApi,
        ),
        name="api-meeting-detail",
    ),
    path(
        "meetings/<id:pk>/transitions/<slug:name>/",
        meetings_api.MeetingTransitionApi.as_view(),
        name="api-meeting-transition",
    ),
    path(
        "meetings/<id:pk>/invited/",
        meetings_api.MeetingInviteApi.as_view(),
        name="api-meeting-invited",
    ),
    path(
        "meetings/<id:pk>/attendees/",
        route(get=meetings_api.MeetingAttendeeListApi, post=meetings_api.MeetingAttendeeCreateApi),
        name="api-meeting-attendees",
    ),
    path(
        "meetings/<id:pk>/minutes/",
        route(get=meetings_api.MeetingMinutesListApi, post=meetings_api.MeetingMinutesCreateApi),
        name="api-meeting-minutes",
    ),
    path(
        "meetings/<id:pk>/action-items/",
        route(
            get=meetings_api.MeetingActionItemListApi,
            post=meetings_api.MeetingActionItemCreateApi,
        ),
        name="api-meeting-action-items",
    ),
    path(
        "meetings/<id:pk>/action-items/<id:item_id>/",
        meetings_api.MeetingActionItemUpdateApi.as_view(),
        name="api-meeting-action-item",
    ),
    path(
        "meetings/<id:pk>/signings/",
        meetings_api.MeetingSigningApi.as_view(),
        name="api-meeting-signings",
    ),
    # intake (press items → proposed records)
    path("intake/extract/", intake_api.IntakeExtractApi.as_view(), name="api-intake-extract"),
    path("intake/confirm/", intake_api.IntakeConfirmApi.as_view(), name="api-intake-confirm"),
    # reports, disclosures and monitoring visits
    path("reports/", monitoring_api.ReportListApi.as_view(), name="api-report-list"),
    path("reports/<id:pk>/", monitoring_api.ReportDetailApi.as_view(), name="api-report-detail"),
    path(
        "reports/<id:pk>/submit/",
        monitoring_api.ReportSubmitApi.as_view(),
        name="api-report-submit",
    ),
    path(
        "reports/<id:pk>/review/",
        monitoring_api.ReportReviewApi.as_view(),
        name="api-report-review",
    ),
    path(
        "monitoring-visits/",
        monitoring_api.MonitoringVisitListApi.as_view(),
        name="api-monitoring-visit-list",
    ),
    path(
        "monitoring-visits/<id:pk>/",
        monitoring_api.MonitoringVisitDetailApi.as_view(),
        name="api-monitoring-visit-detail",
    ),
    # sanctions
    path(
        "sanctions/",
        route(get=sanctions_api.SanctionCaseListApi, post=sanctions_api.SanctionCaseCreateApi),
        name="api-sanction-list",
    ),
    path(
        "sanctions/<id:pk>/",
        sanctions_api.SanctionCaseDetailApi.as_view(),
        name="api-sanction-detail",
    ),
    path(
        "sanctions/<id:pk>/actions/<slug:action>/",
        sanctions_api.SanctionCaseMoveApi.as_view(),
        name="api-sanction-move",
    ),
    # deadlines
    path("deadlines/", deadlines_api.DeadlineListApi.as_view(), name="api-deadline-list"),
    path(
        "deadlines/rules/", deadlines_api.DeadlineRuleListApi.as_view(), name="api-deadline-rules"
    ),
    path(
        "deadlines/compute/",
        deadlines_api.DeadlineComputeApi.as_view(),
        name="api-deadline-compute",
    ),
    # notifications
    path("notifications/", notifications_api.NoticeListApi.as_view(), name="api-notice-list"),
    path(
        "notifications/<id:pk>/read/",
        notifications_api.NoticeReadApi.as_view(),
        name="api-notice-read",
    ),
    path(
        "notifications/preference/",
        route(get=notifications_api.PreferenceGetApi, put=notifications_api.PreferenceSetApi),
        name="api-notice-preference",
    ),
    # public register of izin prinsip (no login)
    path("register/", register_api.RegisterListApi.as_view(), name="api-register"),
    path("permits/status/", register_api.PublicStatusApi.as_view(), name="api-register-status"),
    path(
        "permits/statistics/",
        register_api.PublicStatisticsApi.as_view(),
        name="api-register-statistics",
    ),
    # open data (public, streamed): /open/<dataset>/ and /open/<dataset>/changes/
    *[
        path(f"open/{slug}/", list_api.as_view(), name=f"api-open-{slug}")
        for slug, (list_api, _) in opendata_api.APIS.items()
    ],
    *[
        path(f"open/{slug}/changes/", changes_api.as_view(), name=f"api-open-{slug}-changes")
        for slug, (_, changes_api) in opendata_api.APIS.items()
        if changes_api is not None
    ],
]
