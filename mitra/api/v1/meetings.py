"""Meetings: list, create, detail, update, lifecycle, invitations, attendees, minutes, action
items and signings. Rules live in mitra.meetings.services.

Objects come only through the scoped selectors of mitra.meetings (the ones the HTML views use);
writes only through its services. Outside the viewer's scope → 404.
"""

from typing import Any

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response

from mitra.agreements.models import Agreement
from mitra.core.access import EDITOR, MEMBER
from mitra.meetings import selectors, services
from mitra.meetings.models import ActionItem, Attendee, Meeting
from mitra.meetings.permissions import meeting_get_editable, meeting_is_editable_by
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.selectors import organization_visible_qs

from .base import (
    WRITE_DETAIL_ERRORS,
    ApiView,
    AuthenticatedRequest,
    BodyField,
    DateField,
    DateTimeField,
    errors,
    route,
)
from .generic import (
    CreateApi,
    DetailApi,
    ListApi,
    NestedCreateApi,
    NestedListApi,
    ShownApi,
    TransitionApi,
    UpdateApi,
    parsed,
)
from .organizations import OrganizationRefSerializer
from .reference import BodyRefSerializer

TAGS = ["meetings"]
UNKNOWN_AGREEMENT: dict[str, Any] = {
    "does_not_exist": _("Agreement {pk_value} does not exist or is outside your scope."),
    "incorrect_type": _("Give agreements by id (a number)."),
}
UNKNOWN_ORGANIZATION: dict[str, Any] = {
    "does_not_exist": _("Unknown foreign organization id: {pk_value}."),
    "incorrect_type": _("Give foreign organizations by id (a number)."),
}


# --- output shapes ------------------------------------------------------------------------


@extend_schema_serializer(component_name="MeetingSummary")
class MeetingSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Meeting.Kind.choices)
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Meeting.Status.choices)
    starts_at = DateTimeField(help_text="Shown in Asia/Jakarta (+07:00).")
    ends_at = DateTimeField(allow_null=True)
    mode = serializers.ChoiceField(choices=Meeting.Mode.choices)
    venue = serializers.CharField()
    online_platform = serializers.CharField()
    organizer = BodyRefSerializer()
    organizer_unit = BodyRefSerializer(allow_null=True)


@extend_schema_serializer(component_name="MeetingInvitedBody")
class InvitedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = BodyRefSerializer(allow_null=True)
    unit = BodyRefSerializer(allow_null=True)
    description = serializers.CharField()


@extend_schema_serializer(component_name="MeetingAttendee")
class AttendeeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    title = serializers.CharField()
    body = BodyRefSerializer(allow_null=True)
    organization = OrganizationRefSerializer(allow_null=True)
    role = serializers.ChoiceField(choices=Attendee.Role.choices)
    represents = serializers.ListField(child=serializers.CharField())
    attended = serializers.BooleanField(allow_null=True)


@extend_schema_serializer(component_name="MeetingAgendaItem")
class AgendaItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    order = serializers.IntegerField()
    title = serializers.CharField()
    description = serializers.CharField()


@extend_schema_serializer(component_name="MeetingMinutesVersion")
class MinutesSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    text = serializers.CharField()
    created_at = DateTimeField()
    circulated_at = DateTimeField(allow_null=True)
    approved_at = DateTimeField(allow_null=True)


@extend_schema_serializer(component_name="MeetingPosition")
class PositionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agenda_item = serializers.IntegerField(source="agenda_item_id", allow_null=True)
    body = BodyRefSerializer()
    stance = serializers.CharField()
    note = serializers.CharField()


@extend_schema_serializer(component_name="MeetingDecision")
class DecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    agenda_item = serializers.IntegerField(source="agenda_item_id", allow_null=True)
    text = serializers.CharField()


@extend_schema_serializer(component_name="MeetingActionItem")
class ActionItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    owner_body = BodyRefSerializer(allow_null=True)
    owner_person = serializers.CharField()
    due_date = DateField(allow_null=True)
    status = serializers.ChoiceField(choices=ActionItem.Status.choices)


@extend_schema_serializer(component_name="MeetingAgreement")
class MeetingAgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    status = serializers.ChoiceField(choices=Agreement.Status.choices)
    signed_here = serializers.BooleanField(help_text="Signed at this meeting.")


@extend_schema_serializer(component_name="Meeting")
class MeetingDetailSerializer(MeetingSummarySerializer):
    purpose = serializers.CharField()
    online_link = serializers.CharField()
    cancelled_reason = serializers.CharField()
    organizations = OrganizationRefSerializer(many=True)
    invited = InvitedSerializer(many=True)
    attendees = AttendeeSerializer(many=True)
    agenda_items = AgendaItemSerializer(many=True)
    minutes = MinutesSerializer(many=True, help_text="Every version, newest first.")
    positions = PositionSerializer(many=True)
    decisions = DecisionSerializer(many=True)
    action_items = ActionItemSerializer(many=True)
    agreements = serializers.SerializerMethodField(help_text="Linked agreements you may see.")
    available_transitions = serializers.SerializerMethodField()
    can_edit = serializers.SerializerMethodField()
    created_at = DateTimeField()
    updated_at = DateTimeField()
    version = serializers.IntegerField(
        read_only=True, help_text="Grows with every change; the ETag of the record."
    )

    @extend_schema_field(MeetingAgreementSerializer(many=True))
    def get_agreements(self, meeting: Meeting) -> Any:
        rows = selectors.meeting_agreements(meeting=meeting, viewer=self.context["user"])
        return MeetingAgreementSerializer(rows, many=True).data

    def get_available_transitions(self, meeting: Meeting) -> list[str]:
        return services.meeting_available_transitions(meeting=meeting, actor=self.context["user"])

    def get_can_edit(self, meeting: Meeting) -> bool:
        return meeting_is_editable_by(user=self.context["user"], meeting=meeting)


# --- input --------------------------------------------------------------------------------


@extend_schema_serializer(component_name="MeetingInput")
class MeetingInputSerializer(serializers.Serializer):
    """Parsing only; the service validates mode, venue, platform and times."""

    kind = serializers.ChoiceField(choices=Meeting.Kind.choices)
    title = serializers.CharField(max_length=500)
    purpose = serializers.CharField(required=False, allow_blank=True, default="")
    starts_at = DateTimeField(
        help_text="ISO 8601; without an offset it is read as Asia/Jakarta time."
    )
    ends_at = DateTimeField(required=False, allow_null=True, default=None)
    mode = serializers.ChoiceField(choices=Meeting.Mode.choices)
    venue = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    online_platform = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    online_link = serializers.URLField(max_length=500, required=False, allow_blank=True, default="")
    organizer = BodyField(
        required=False,
        help_text="Key of the organizing body (a unit is stored as the organizing unit); "
        "default: your own agency.",
    )
    organizer_unit = BodyField(required=False, allow_null=True, default=None)
    agreements = serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.none(),
        many=True,
        required=False,
        default=list,
        help_text="Ids of the agreements discussed (ones you may see).",
        error_messages=UNKNOWN_AGREEMENT,
    )
    organizations = serializers.PrimaryKeyRelatedField(
        queryset=ForeignOrganization.objects.none(),
        many=True,
        required=False,
        default=list,
        error_messages=UNKNOWN_ORGANIZATION,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context.get("user")
        if user is not None:
            # SECURITY: only records the caller may see.
            agreements: Any = self.fields["agreements"]
            agreements.child_relation.queryset = Agreement.objects.visible_to(user)
            organizations: Any = self.fields["organizations"]
            organizations.child_relation.queryset = organization_visible_qs(user)


def meeting_input_from(meeting: Meeting) -> dict[str, Any]:
    """The stored values as service input, so PATCH changes only what it sends."""
    return {
        "kind": meeting.kind,
        "title": meeting.title,
        "purpose": meeting.purpose,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "mode": meeting.mode,
        "venue": meeting.venue,
        "online_platform": meeting.online_platform,
        "online_link": meeting.online_link,
        "organizer": meeting.organizer,
        "organizer_unit": meeting.organizer_unit,
        "agreements": list(meeting.agreements.all()),
        "organizations": list(meeting.organizations.all()),
    }


def _organizer_or_own_agency(values: dict[str, Any], user: Any) -> None:
    if values.get("organizer") is None:
        if user.agency is None:
            raise serializers.ValidationError(
                {"organizer": [_("Give the key of the organizing body.")]}
            )
        values["organizer"] = user.agency
        if values.get("organizer_unit") is None and user.body_id != user.agency.pk:
            values["organizer_unit"] = user.body


# --- list, create, detail, update ---------------------------------------------------------


class MeetingApi(ShownApi):
    # The meeting resource: answers with the meeting as its GET shows it, with its ETag.
    access = MEMBER
    tags = TAGS
    output = MeetingDetailSerializer
    read = staticmethod(selectors.meeting_get_for_user)
    fetch = staticmethod(meeting_get_editable)
    record_id = "meeting_id"


class MeetingListApi(MeetingApi, ListApi):
    operation_id = "meetings_list"
    summary = "List the meetings you may see"
    description = (
        "Government users see meetings their agency organizes, is invited to or attends, and "
        "meetings linked to agreements they may see; a foreign organization's representative "
        "sees meetings their organization attends or is linked to."
    )
    serializer_class = MeetingSummarySerializer

    class FilterSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=Meeting.Kind.choices, required=False)
        status = serializers.ChoiceField(choices=Meeting.Status.choices, required=False)
        period_from = DateField(required=False, help_text="Starting on or after.")
        period_to = DateField(required=False, help_text="Starting on or before.")
        q = serializers.CharField(required=False, help_text="Title or venue.")

    def get_queryset(self, request: Any, d: dict[str, Any]) -> Any:
        filters = selectors.MeetingFilters(
            kind=d.get("kind", ""),
            status=d.get("status", ""),
            period_from=d.get("period_from"),
            period_to=d.get("period_to"),
            q=d.get("q", ""),
        )
        return selectors.meeting_list(viewer=request.user, filters=filters)


class MeetingCreateApi(MeetingApi, CreateApi):
    access = EDITOR
    operation_id = "meetings_create"
    summary = "Record a meeting (status planned)"
    description = (
        "In-person and hybrid meetings need a venue; online and hybrid ones an online platform "
        "or a link. Officers record meetings of their own agency. Send an `Idempotency-Key` so "
        "that a retry cannot record it twice."
    )
    InputSerializer = MeetingInputSerializer

    def perform(self, request: Any, values: dict[str, Any]) -> Meeting:
        _organizer_or_own_agency(values, request.user)
        return services.meeting_create(data=services.MeetingInput(**values), actor=request.user)


class MeetingDetailApi(MeetingApi, DetailApi):
    operation_id = "meetings_retrieve"
    summary = (
        "A meeting with its participants, agenda, minutes, positions, decisions, action items "
        "and agreements"
    )
    versioned = True


class MeetingUpdateApi(MeetingApi, UpdateApi):
    access = EDITOR
    description = (
        "PUT gives every field; PATCH only those that change. The status moves by actions "
        "(`…/actions/{name}/`). Both need If-Match (the ETag read); see "
        "docs/dev/concurrency.md."
    )
    operation_id = "meetings_partial_update"
    summary = "Change some of a meeting's fields"
    put_operation_id = "meetings_update"
    put_summary = "Replace a meeting's fields and links"
    InputSerializer = MeetingInputSerializer

    def perform(
        self, request: Any, record: Any, values: dict[str, Any], *, partial: bool, expected: int
    ) -> None:
        merged = meeting_input_from(record) if partial else {"organizer": record.organizer}
        merged.update({k: v for k, v in values.items() if not partial or k in request.data})
        _organizer_or_own_agency(merged, request.user)
        services.meeting_update(
            meeting_id=record.pk,
            data=services.MeetingInput(**merged),
            actor=request.user,
            expected_version=expected,
        )


class MeetingTransitionApi(MeetingApi, TransitionApi):
    access = EDITOR
    operation_id = "meetings_transition"
    summary = "Move a meeting through its lifecycle"
    description = (
        "planned → held → minutes_circulated → minutes_approved, or planned → cancelled. "
        "Circulating sends the latest minutes version; approving approves it."
    )
    transitions = services.TRANSITIONS
    service = staticmethod(services.meeting_transition)

    @extend_schema_serializer(component_name="MeetingTransition")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            required=False, allow_blank=True, max_length=2000, help_text="Required to cancel."
        )


# --- sub-resources ------------------------------------------------------------------------


class MeetingPartListApi(NestedListApi):
    # The records inside a meeting, for anyone who may see the meeting.
    access = MEMBER
    tags = TAGS
    fetch = staticmethod(selectors.meeting_get_for_user)


class MeetingPartCreateApi(NestedCreateApi):
    # A record added to a meeting, by one who may change the meeting.
    access = EDITOR
    tags = TAGS
    fetch = staticmethod(meeting_get_editable)
    record_id = "meeting_id"


class MeetingInviteApi(MeetingPartCreateApi):
    operation_id = "meetings_invited_create"
    summary = "Invite a body to the meeting"
    serializer_class = InvitedSerializer
    service = staticmethod(services.meeting_invite_body)

    @extend_schema_serializer(component_name="MeetingInvitationInput")
    class InputSerializer(serializers.Serializer):
        body = BodyField(
            required=False,
            allow_null=True,
            default=None,
            help_text="Key of the invited body (or unit).",
        )
        description = serializers.CharField(
            max_length=255, required=False, allow_blank=True, default="",
            help_text="A group not in the registry, e.g. 'provincial and city governments'.",
        )  # fmt: skip
        email = serializers.EmailField(required=False, allow_blank=True, default="")


class MeetingAttendeeListApi(MeetingPartListApi):
    operation_id = "meetings_attendees_list"
    summary = "The meeting's attendees"
    serializer_class = AttendeeSerializer
    related = "attendees"


class MeetingAttendeeCreateApi(MeetingPartCreateApi):
    operation_id = "meetings_attendees_create"
    summary = "Add an attendee"
    serializer_class = AttendeeSerializer
    service = staticmethod(services.meeting_attendee_add)

    @extend_schema_serializer(component_name="MeetingAttendeeInput")
    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
        title = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
        body = BodyField(required=False, allow_null=True, default=None)
        organization = serializers.PrimaryKeyRelatedField(
            queryset=ForeignOrganization.objects.none(),
            required=False,
            allow_null=True,
            default=None,
            error_messages=UNKNOWN_ORGANIZATION,
        )
        role = serializers.ChoiceField(choices=Attendee.Role.choices, default="participant")
        represents = serializers.ListField(
            child=serializers.CharField(max_length=255), required=False, default=list,
            help_text='Capacities, e.g. ["TPOA", "Working group on multilateral organizations"].',
        )  # fmt: skip
        email = serializers.EmailField(required=False, allow_blank=True, default="")
        attended = serializers.BooleanField(required=False, allow_null=True, default=None)

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            user = self.context.get("user")
            if user is not None:
                field: Any = self.fields["organization"]
                field.queryset = organization_visible_qs(user)


class MeetingMinutesListApi(MeetingPartListApi):
    operation_id = "meetings_minutes_list"
    summary = "Every version of the minutes, newest first"
    serializer_class = MinutesSerializer
    related = "minutes"


class MeetingMinutesCreateApi(MeetingPartCreateApi):
    operation_id = "meetings_minutes_create"
    summary = "Write a new version of the minutes"
    description = (
        "Earlier versions are kept. Allowed once the meeting is held and until the minutes are "
        "approved."
    )
    serializer_class = MinutesSerializer
    service = staticmethod(services.meeting_minutes_add)

    @extend_schema_serializer(component_name="MeetingMinutesInput")
    class InputSerializer(serializers.Serializer):
        text = serializers.CharField()


class MeetingActionItemListApi(MeetingPartListApi):
    operation_id = "meetings_action_items_list"
    summary = "The meeting's action items"
    serializer_class = ActionItemSerializer
    related = "action_items"


class MeetingActionItemCreateApi(MeetingPartCreateApi):
    operation_id = "meetings_action_items_create"
    summary = "Add an action item (owner and due date feed the deadlines)"
    serializer_class = ActionItemSerializer
    service = staticmethod(services.meeting_action_item_add)

    @extend_schema_serializer(component_name="MeetingActionItemInput")
    class InputSerializer(serializers.Serializer):
        text = serializers.CharField()
        owner_body = BodyField(required=False, allow_null=True, default=None)
        owner_person = serializers.CharField(
            max_length=255, required=False, allow_blank=True, default=""
        )
        due_date = DateField(required=False, allow_null=True, default=None)


class MeetingActionItemUpdateApi(ApiView):
    access = EDITOR

    @extend_schema_serializer(component_name="MeetingActionItemStatus")
    class InputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=ActionItem.Status.choices)

    @extend_schema(
        operation_id="meetings_action_items_partial_update",
        tags=TAGS,
        summary="Mark an action item done, cancelled or open",
        request=InputSerializer,
        responses={200: ActionItemSerializer, **errors(*WRITE_DETAIL_ERRORS)},
    )
    def patch(self, request: AuthenticatedRequest, pk: int, item_id: int) -> Response:
        meeting = meeting_get_editable(user=request.user, pk=pk)
        item = meeting.action_items.filter(pk=item_id).first()
        if item is None:
            raise Http404
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.meeting_action_item_set_status(
            action_item_id=item.pk, status=serializer.validated_data["status"], actor=request.user
        )
        return Response(ActionItemSerializer(item).data)


class MeetingSigningApi(MeetingApi):
    # POST meetings/<id>/signings/ (a record of signings, not an action): answered with the
    # meeting as its GET shows it.
    access = EDITOR
    operation_id = "meetings_signings_create"
    summary = "Record the agreements signed at the meeting"
    description = (
        "Links them to the meeting and writes `agreement.signed_at_meeting` in each "
        "agreement's history; a draft with its signing date is marked signed."
    )

    @extend_schema_serializer(component_name="MeetingSigningInput")
    class InputSerializer(serializers.Serializer):
        agreements = serializers.PrimaryKeyRelatedField(
            queryset=Agreement.objects.none(),
            many=True,
            help_text="Ids of the agreements signed at the meeting (ones you may change).",
            error_messages=UNKNOWN_AGREEMENT,
        )

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            user = self.context.get("user")
            if user is not None:
                field: Any = self.fields["agreements"]
                field.child_relation.queryset = Agreement.objects.visible_to(user)

    @classmethod
    def operations(cls) -> dict[str, Any]:
        return {
            "post": cls.documented(
                request=cls.InputSerializer,
                responses={200: cls.output, **errors(*WRITE_DETAIL_ERRORS)},
            )
        }

    def post(self, request: AuthenticatedRequest, pk: int) -> Response:
        meeting = self.get_object(request, pk)
        data = parsed(self.InputSerializer, request.data, user=request.user)
        services.meeting_record_signing(
            meeting=meeting, agreements=data["agreements"], actor=request.user
        )
        return self.shown(request, pk)


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path(
        "meetings/",
        route(get=MeetingListApi, post=MeetingCreateApi),
        name="api-meeting-list",
    ),
    path(
        "meetings/<id:pk>/",
        route(get=MeetingDetailApi, put=MeetingUpdateApi, patch=MeetingUpdateApi),
        name="api-meeting-detail",
    ),
    path(
        "meetings/<id:pk>/actions/<slug:name>/",
        MeetingTransitionApi.as_view(),
        name="api-meeting-transition",
    ),
    path("meetings/<id:pk>/invited/", MeetingInviteApi.as_view(), name="api-meeting-invited"),
    path(
        "meetings/<id:pk>/attendees/",
        route(get=MeetingAttendeeListApi, post=MeetingAttendeeCreateApi),
        name="api-meeting-attendees",
    ),
    path(
        "meetings/<id:pk>/minutes/",
        route(get=MeetingMinutesListApi, post=MeetingMinutesCreateApi),
        name="api-meeting-minutes",
    ),
    path(
        "meetings/<id:pk>/action-items/",
        route(get=MeetingActionItemListApi, post=MeetingActionItemCreateApi),
        name="api-meeting-action-items",
    ),
    path(
        "meetings/<id:pk>/action-items/<id:item_id>/",
        MeetingActionItemUpdateApi.as_view(),
        name="api-meeting-action-item",
    ),
    path("meetings/<id:pk>/signings/", MeetingSigningApi.as_view(), name="api-meeting-signings"),
]
