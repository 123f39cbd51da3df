"""Work plans (RIK/RKT), their activities and regional notifications. Rules live in the
services of mitra.workplans; objects come through its scoped selectors (404 outside scope)."""

from typing import Any

from django.urls import path
from drf_spectacular.utils import (
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response

from mitra.core.access import EDITOR, GOVERNMENT, MEMBER
from mitra.workplans import selectors, services
from mitra.workplans.models import Activity, RegionalNotification, WorkPlan
from mitra.workplans.permissions import (
    activity_get_for_action,
    agreement_get_for_workplan_creation,
    workplan_can,
    workplan_get_for_action,
)

from .base import (
    WRITE_DETAIL_ERRORS,
    CodeField,
    DateField,
    DateTimeField,
    IdField,
    ProvinceField,
    RegencyField,
    SectorField,
    Serializer,
    YearField,
    route,
)
from .generic import (
    ActionApi,
    CreateApi,
    DetailApi,
    ListApi,
    NestedCreateApi,
    ShownApi,
    TransitionApi,
    UpdateApi,
)
from .reference import BodyRefSerializer

TAGS = ["work plans"]


# --- output shapes ------------------------------------------------------------------------


class BeneficiaryGroupsSerializer(serializers.Serializer):
    child = serializers.IntegerField(min_value=0, required=False, default=0)
    youth = serializers.IntegerField(min_value=0, required=False, default=0)
    adult = serializers.IntegerField(min_value=0, required=False, default=0)
    elderly = serializers.IntegerField(min_value=0, required=False, default=0)


@extend_schema_serializer(component_name="Beneficiaries")
class BeneficiariesSerializer(serializers.Serializer):
    female = BeneficiaryGroupsSerializer(required=False)
    male = BeneficiaryGroupsSerializer(required=False)


@extend_schema_serializer(component_name="LocalPartner")
class LocalPartnerSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    type = serializers.CharField(max_length=100, required=False, allow_blank=True)
    registration = serializers.CharField(max_length=100, required=False, allow_blank=True)


@extend_schema_serializer(component_name="WorkPlanSummary")
class WorkPlanSummarySerializer(Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=WorkPlan.Kind.choices)
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=WorkPlan.Status.choices)
    agreement = serializers.IntegerField(source="agreement_id")
    parent_ = serializers.IntegerField(source="parent_id", allow_null=True, help_text="The RIK.")
    start_date = DateField()
    end_date = DateField()
    year = serializers.IntegerField(allow_null=True)
    province = CodeField(slug_field="code", read_only=True, allow_null=True)
    regency = CodeField(slug_field="code", read_only=True, allow_null=True)
    regional_government = BodyRefSerializer(allow_null=True)
    activity_count = serializers.IntegerField()


@extend_schema_serializer(component_name="RegionalNotification")
class NotificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    recipient = serializers.ChoiceField(choices=RegionalNotification.Recipient.choices)
    notified_body = BodyRefSerializer()
    province = CodeField(slug_field="code", read_only=True)
    regency = CodeField(slug_field="code", read_only=True, allow_null=True)
    activity = serializers.IntegerField(source="activity_id", allow_null=True)
    notified_on = DateField()
    reference = serializers.CharField()
    acknowledged_at = DateTimeField(
        allow_null=True, help_text="When the notified body acknowledged it (null: awaiting)."
    )
    acknowledging_body = BodyRefSerializer(allow_null=True)


@extend_schema_serializer(component_name="Activity")
class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    work_plan = serializers.IntegerField(source="work_plan_id")
    title = serializers.CharField()
    description = serializers.CharField()
    sector = CodeField(slug_field="code", read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=Activity.Status.choices)
    provinces = CodeField(slug_field="code", many=True, read_only=True)
    regencies = CodeField(slug_field="code", many=True, read_only=True)
    start_date = DateField()
    end_date = DateField()
    actual_start = DateField(allow_null=True)
    actual_end = DateField(allow_null=True)
    local_partners = LocalPartnerSerializer(many=True)
    planned_beneficiaries = BeneficiariesSerializer()
    actual_beneficiaries = BeneficiariesSerializer()
    planned_total = serializers.IntegerField()
    actual_total = serializers.IntegerField()
    currency = serializers.CharField(help_text="ISO 4217 code.")
    planned_budget = serializers.DecimalField(max_digits=18, decimal_places=2)
    realised_budget = serializers.DecimalField(max_digits=18, decimal_places=2, allow_null=True)
    available_transitions = serializers.SerializerMethodField()
    version = serializers.IntegerField(
        read_only=True, help_text="Grows with every change; the ETag of the record."
    )

    def get_available_transitions(self, activity: Activity) -> list[str]:
        user = self.context.get("user") or self.context["request"].user
        return services.activity_available_transitions(activity=activity, actor=user)


@extend_schema_serializer(component_name="WorkPlan")
class WorkPlanDetailSerializer(WorkPlanSummarySerializer):
    version = serializers.IntegerField(
        read_only=True, help_text="Grows with every change; the ETag of the record."
    )
    objectives = serializers.CharField()
    approved_on = DateField(allow_null=True)
    signed_on = DateField(allow_null=True)
    activities = serializers.SerializerMethodField()
    notifications = NotificationSerializer(many=True)
    containment_problems = serializers.SerializerMethodField(
        help_text="How the plan leaves its RIK, agreement or izin prinsip (empty: it fits)."
    )
    available_transitions = serializers.SerializerMethodField(
        help_text="Transitions you may run now (POST …/actions/{name}/)."
    )
    can_edit = serializers.SerializerMethodField()

    @extend_schema_field(ActivitySerializer(many=True))
    def get_activities(self, work_plan: WorkPlan) -> Any:
        return ActivitySerializer(work_plan.activities.all(), many=True, context=self.context).data

    def get_containment_problems(self, work_plan: WorkPlan) -> list[str]:
        from mitra.workplans.validation import workplan_containment

        return workplan_containment(
            kind=work_plan.kind,
            agreement=work_plan.agreement,
            parent=work_plan.parent,
            start=work_plan.start_date,
            end=work_plan.end_date,
        )

    def get_available_transitions(self, work_plan: WorkPlan) -> list[str]:
        return services.workplan_available_transitions(
            work_plan=work_plan, actor=self.context["user"]
        )

    def get_can_edit(self, work_plan: WorkPlan) -> bool:
        return (
            workplan_can(user=self.context["user"], work_plan=work_plan, action="edit")
            and work_plan.status == WorkPlan.Status.DRAFT
        )


def workplan_detail_data(*, user: Any, pk: int) -> Any:
    work_plan = selectors.workplan_get_for_user(user=user, pk=pk)
    work_plan.activity_count = len(work_plan.activities.all())  # type: ignore[attr-defined]
    return WorkPlanDetailSerializer(work_plan, context={"user": user}).data


# --- work plans ---------------------------------------------------------------------------


@extend_schema_serializer(component_name="WorkPlanInput")
class WorkPlanInputSerializer(Serializer):
    kind = serializers.ChoiceField(choices=WorkPlan.Kind.choices, required=False)
    agreement = serializers.IntegerField(required=False, help_text="Id of the MSP or MoU.")
    parent_ = serializers.IntegerField(
        required=False, allow_null=True, help_text="An RKT: id of its RIK."
    )
    title = serializers.CharField(max_length=500)
    start_date = DateField()
    end_date = DateField()
    province = ProvinceField(
        required=False, allow_null=True, help_text='An RKT: Kemendagri province code, e.g. "33".'
    )
    regency = RegencyField(
        required=False,
        allow_null=True,
        help_text='An RKT (optional): regency/city code, e.g. "33.74".',
    )
    objectives = serializers.CharField(required=False, allow_blank=True)


def _workplan_input(values: dict[str, Any], agreement: Any, kind: str) -> services.WorkPlanInput:
    parent = None
    if values.get("parent"):
        # SECURITY: the RIK is looked up within the same agreement only.
        parent = (
            selectors.rik_choices(agreement_id=agreement.pk).filter(pk=values["parent"]).first()
        )
        if parent is None:
            raise serializers.ValidationError({"parent": ["Unknown RIK of this agreement."]})
    return services.WorkPlanInput(
        kind=kind,
        agreement=agreement,
        title=values["title"],
        start_date=values["start_date"],
        end_date=values["end_date"],
        parent=parent,
        province=values.get("province"),
        regency=values.get("regency"),
        objectives=values.get("objectives", ""),
    )


class WorkPlanApi(ShownApi):
    # The work plan resource: answers with the plan as its GET shows it, with its ETag.
    access = MEMBER
    tags = TAGS
    output = WorkPlanDetailSerializer
    detail = staticmethod(workplan_detail_data)
    record_id = "work_plan_id"


class ActivityApi(ShownApi):
    # The activity resource: answers with the activity as its GET shows it, with its ETag.
    access = MEMBER
    tags = TAGS
    output = ActivitySerializer
    read = staticmethod(selectors.activity_get_for_user)
    record_id = "activity_id"


class WorkPlanListApi(WorkPlanApi, ListApi):
    operation_id = "workplans_list"
    summary = "List the work plans you may see"
    description = (
        "Work plans of the agreements you may see, and (regional governments) the RKTs your "
        "government signs."
    )
    serializer_class = WorkPlanSummarySerializer

    class FilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=WorkPlan.Kind.choices, required=False)
        status = serializers.ChoiceField(choices=WorkPlan.Status.choices, required=False)
        agreement = IdField(required=False)
        province = ProvinceField(required=False)
        year = YearField(required=False)
        q = serializers.CharField(required=False)

    def get_queryset(self, request: Any, d: dict[str, Any]) -> Any:
        filters = selectors.WorkPlanFilters(
            q=d.get("q", ""),
            kind=d.get("kind", ""),
            status=d.get("status", ""),
            agreement=d.get("agreement"),
            province=d["province"].pk if d.get("province") else None,
            year=d.get("year"),
        )
        return selectors.workplan_list(viewer=request.user, filters=filters)


class WorkPlanCreateApi(WorkPlanApi, CreateApi):
    access = MEMBER  # the partner organization's representatives draft too; the service decides
    operation_id = "workplans_create"
    summary = "Draft an RIK or an RKT"
    description = (
        "Validated by the same service as the web form: RKT ⊆ RIK ⊆ agreement ⊆ izin prinsip, "
        "one calendar year and one region per RKT, one RKT per agreement, year and region (a "
        "second one is refused with 409). Nothing is written when a rule fails. Send an "
        "`Idempotency-Key` so that a retry cannot draft it twice."
    )
    InputSerializer = WorkPlanInputSerializer
    create_errors = WRITE_DETAIL_ERRORS

    def perform(self, request: Any, values: dict[str, Any]) -> WorkPlan:
        missing = {k: ["This field is required."] for k in ("kind", "agreement") if k not in values}
        if missing:
            raise serializers.ValidationError(missing)
        agreement = agreement_get_for_workplan_creation(user=request.user, pk=values["agreement"])
        return services.workplan_create(
            data=_workplan_input(values, agreement, values["kind"]), actor=request.user
        )


class WorkPlanDetailApi(WorkPlanApi, DetailApi):
    operation_id = "workplans_retrieve"
    summary = "A work plan with its activities, notifications and containment status"
    versioned = True


class WorkPlanUpdateApi(WorkPlanApi, UpdateApi):
    operation_id = "workplans_partial_update"
    summary = "Change a draft work plan"
    InputSerializer = WorkPlanInputSerializer

    def get_object(self, request: Any, pk: int) -> WorkPlan:
        return workplan_get_for_action(user=request.user, pk=pk, action="edit")

    def perform(
        self, request: Any, record: Any, values: dict[str, Any], *, partial: bool, expected: int
    ) -> None:
        stored = {
            "title": record.title,
            "start_date": record.start_date,
            "end_date": record.end_date,
            "parent": record.parent_id,
            "province": record.province,
            "regency": record.regency,
            "objectives": record.objectives,
        }
        services.workplan_update(
            work_plan_id=record.pk,
            data=_workplan_input({**stored, **values}, record.agreement, record.kind),
            actor=request.user,
            expected_version=expected,
        )


class WorkPlanTransitionApi(WorkPlanApi, TransitionApi):
    operation_id = "workplans_transition"
    summary = "Move a work plan through its lifecycle"
    description = (
        "draft → approved (the partner ministry) → signed (an RKT: the regional government) → "
        "active → reported → closed; approved → draft for changes."
    )
    transitions = services.WORKPLAN_TRANSITIONS
    service = staticmethod(services.workplan_transition)

    @extend_schema_serializer(component_name="WorkPlanTransition")
    class InputSerializer(serializers.Serializer):
        on = DateField(
            required=False, allow_null=True, help_text="Approval or signing date; default today."
        )

    def get_object(self, request: Any, pk: int) -> WorkPlan:
        return workplan_get_for_action(user=request.user, pk=pk, action=self.transition)


class NotificationCreateApi(NestedCreateApi):
    access = MEMBER
    tags = TAGS
    operation_id = "workplans_notifications_create"
    summary = "Record that Kemendagri or a regional government was notified"
    description = "Activities start in a region only after both were notified (rule N5)."
    serializer_class = NotificationSerializer

    @extend_schema_serializer(component_name="RegionalNotificationInput")
    class InputSerializer(serializers.Serializer):
        recipient = serializers.ChoiceField(choices=RegionalNotification.Recipient.choices)
        province = ProvinceField()
        regency = RegencyField(required=False, allow_null=True)
        activity = serializers.IntegerField(required=False, allow_null=True)
        notified_on = DateField()
        reference = serializers.CharField(max_length=255)

    def get_parent(self, request: Any, pk: int) -> WorkPlan:
        return workplan_get_for_action(user=request.user, pk=pk, action="implement")

    def perform(self, request: Any, work_plan: WorkPlan, d: dict[str, Any]) -> Any:
        activity = None
        if d.get("activity"):
            activity = work_plan.activities.filter(pk=d["activity"]).first()
            if activity is None:
                raise serializers.ValidationError({"activity": ["Unknown activity of this plan."]})
        return services.notification_record(
            work_plan_id=work_plan.pk,
            data=services.NotificationInput(
                recipient=d["recipient"],
                province=d["province"],
                regency=d.get("regency"),
                activity=activity,
                notified_on=d["notified_on"],
                reference=d["reference"],
            ),
            actor=request.user,
        )


# --- activities ---------------------------------------------------------------------------


@extend_schema_serializer(component_name="ActivityInput")
class ActivityInputSerializer(serializers.Serializer):
    work_plan = serializers.IntegerField(required=False, help_text="Id of the (draft) work plan.")
    title = serializers.CharField(max_length=500)
    description = serializers.CharField(required=False, allow_blank=True)
    sector = SectorField(required=False, allow_null=True)
    start_date = DateField()
    end_date = DateField()
    provinces = ProvinceField(many=True, required=False)
    regencies = RegencyField(many=True, required=False)
    local_partners = LocalPartnerSerializer(many=True, required=False)
    planned_beneficiaries = BeneficiariesSerializer(required=False)
    currency = serializers.CharField(max_length=3, required=False, default="IDR")
    planned_budget = serializers.DecimalField(max_digits=18, decimal_places=2)


def _activity_input(values: dict[str, Any]) -> services.ActivityInput:
    return services.ActivityInput(
        title=values["title"],
        description=values.get("description", ""),
        sector=values.get("sector"),
        start_date=values["start_date"],
        end_date=values["end_date"],
        provinces=list(values.get("provinces", [])),
        regencies=list(values.get("regencies", [])),
        local_partners=[dict(p) for p in values.get("local_partners", [])],
        planned_beneficiaries={
            sex: dict(groups)
            for sex, groups in dict(values.get("planned_beneficiaries", {})).items()
        },
        currency=values.get("currency", "IDR"),
        planned_budget=values["planned_budget"],
    )


class ActivityListApi(ActivityApi, ListApi):
    operation_id = "activities_list"
    summary = "List the activities you may see"
    serializer_class = ActivitySerializer

    class FilterSerializer(serializers.Serializer):
        work_plan = IdField(required=False)
        status = serializers.ChoiceField(choices=Activity.Status.choices, required=False)
        province = ProvinceField(required=False)

    def get_queryset(self, request: Any, d: dict[str, Any]) -> Any:
        qs = (
            Activity.objects.visible_to(request.user)
            .select_related("sector", "work_plan__agreement")
            .prefetch_related("provinces", "regencies")
            .order_by("start_date", "id")
        )
        if d.get("work_plan"):
            qs = qs.filter(work_plan_id=d["work_plan"])
        if d.get("status"):
            qs = qs.filter(status=d["status"])
        if d.get("province"):
            qs = qs.filter(provinces=d["province"])
        return qs


class ActivityCreateApi(ActivityApi, CreateApi):
    access = MEMBER
    operation_id = "activities_create"
    summary = "Plan an activity in a draft work plan"
    description = "Send an `Idempotency-Key` so that a retry cannot plan it twice."
    InputSerializer = ActivityInputSerializer
    create_errors = WRITE_DETAIL_ERRORS

    def perform(self, request: Any, values: dict[str, Any]) -> Activity:
        if not values.get("work_plan"):
            raise serializers.ValidationError({"work_plan": ["This field is required."]})
        work_plan = workplan_get_for_action(
            user=request.user, pk=values["work_plan"], action="edit"
        )
        return services.activity_create(
            work_plan_id=work_plan.pk, data=_activity_input(values), actor=request.user
        )


class ActivityDetailApi(ActivityApi, DetailApi):
    operation_id = "activities_retrieve"
    summary = "An activity"
    versioned = True


class ActivityUpdateApi(ActivityApi, UpdateApi):
    operation_id = "activities_partial_update"
    summary = "Change a planned activity, or record its actuals"
    description = (
        "While the work plan is a draft: the planned fields. Once the activity started: "
        "`actual_beneficiaries` and `realised_budget` (rule N5 applies)."
    )
    InputSerializer = ActivityInputSerializer

    def records_actuals(self, request: Any) -> bool:
        return bool({"actual_beneficiaries", "realised_budget"} & set(request.data))

    def get_object(self, request: Any, pk: int) -> Activity:
        action = "implement" if self.records_actuals(request) else "edit"
        return activity_get_for_action(user=request.user, pk=pk, action=action)

    def update(self, request: Any, pk: int, *, partial: bool) -> Response:
        if not self.records_actuals(request):
            return super().update(request, pk, partial=partial)
        activity = self.get_object(request, pk)
        expected = self.check_version(request, activity)
        parsed = ActualsInputSerializer(data=request.data)
        parsed.is_valid(raise_exception=True)
        d = parsed.validated_data
        services.activity_record_actuals(
            activity_id=activity.pk,
            actual_beneficiaries={
                sex: dict(g) for sex, g in dict(d.get("actual_beneficiaries", {})).items()
            },
            realised_budget=d.get("realised_budget"),
            actor=request.user,
            expected_version=expected,
        )
        return self.shown(request, pk)

    def perform(
        self, request: Any, record: Any, values: dict[str, Any], *, partial: bool, expected: int
    ) -> None:
        stored = {
            "title": record.title,
            "description": record.description,
            "sector": record.sector,
            "start_date": record.start_date,
            "end_date": record.end_date,
            "provinces": list(record.provinces.all()),
            "regencies": list(record.regencies.all()),
            "local_partners": record.local_partners,
            "planned_beneficiaries": record.planned_beneficiaries,
            "currency": record.currency,
            "planned_budget": record.planned_budget,
        }
        services.activity_update(
            activity_id=record.pk,
            data=_activity_input({**stored, **values}),
            actor=request.user,
            expected_version=expected,
        )


@extend_schema_serializer(component_name="ActivityActualsInput")
class ActualsInputSerializer(serializers.Serializer):
    actual_beneficiaries = BeneficiariesSerializer(required=False)
    realised_budget = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False, allow_null=True
    )


class ActivityTransitionApi(ActivityApi, TransitionApi):
    operation_id = "activities_transition"
    summary = "Start, complete or cancel an activity"
    description = (
        "Starting needs the work plan signed or active and rule N5: Kemendagri and each "
        "region's government notified on or before the start."
    )
    transitions = services.ACTIVITY_TRANSITIONS
    service = staticmethod(services.activity_transition)

    @extend_schema_serializer(component_name="ActivityTransition")
    class InputSerializer(serializers.Serializer):
        on = DateField(
            required=False, allow_null=True, help_text="Actual start or end; default today."
        )

    def get_object(self, request: Any, pk: int) -> Activity:
        return activity_get_for_action(user=request.user, pk=pk, action="implement")


class N5InboxApi(ListApi):
    access = GOVERNMENT
    tags = TAGS
    operation_id = "workplans_n5_inbox"
    summary = "N5 notices addressed to my body (the regional government's inbox)"
    description = (
        "Notices of work in a region addressed to the caller's body, its units or its agency "
        "(rule N5): awaiting ones first, the oldest on top."
    )
    serializer_class = NotificationSerializer

    class FilterSerializer(serializers.Serializer):
        state = serializers.ChoiceField(choices=["awaiting", "acknowledged"], required=False)

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return selectors.n5_inbox(viewer=request.user, state=filters.get("state", ""))


class N5AcknowledgeApi(ActionApi):
    access = EDITOR
    tags = TAGS
    operation_id = "workplans_n5_acknowledge"
    summary = "Acknowledge an N5 notice addressed to my body"
    description = "Once per notice; the organization's representatives are told."
    output = NotificationSerializer
    answers_result = True
    fetch = staticmethod(selectors.n5_notice_get_for_user)
    service = staticmethod(services.regional_notification_acknowledge)
    record_id = "notification_id"


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path(
        "workplans/",
        route(get=WorkPlanListApi, post=WorkPlanCreateApi),
        name="api-workplan-list",
    ),
    path(
        "workplans/<id:pk>/",
        route(get=WorkPlanDetailApi, patch=WorkPlanUpdateApi),
        name="api-workplan-detail",
    ),
    path(
        "workplans/<id:pk>/actions/<slug:name>/",
        WorkPlanTransitionApi.as_view(),
        name="api-workplan-transition",
    ),
    path(
        "workplans/<id:pk>/notifications/",
        NotificationCreateApi.as_view(),
        name="api-workplan-notifications",
    ),
    path("workplans/n5-inbox/", N5InboxApi.as_view(), name="api-workplan-n5-inbox"),
    path(
        "workplans/n5-inbox/<id:pk>/actions/acknowledge/",
        N5AcknowledgeApi.as_view(),
        name="api-workplan-n5-acknowledge",
    ),
    path(
        "activities/",
        route(get=ActivityListApi, post=ActivityCreateApi),
        name="api-activity-list",
    ),
    path(
        "activities/<id:pk>/",
        route(get=ActivityDetailApi, patch=ActivityUpdateApi),
        name="api-activity-detail",
    ),
    path(
        "activities/<id:pk>/actions/<slug:name>/",
        ActivityTransitionApi.as_view(),
        name="api-activity-transition",
    ),
]
