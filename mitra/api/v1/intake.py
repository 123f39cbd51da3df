"""Intake: extract (no write) and confirm (creates the reviewed records).

The same services as intake's "New from text" pages; the same access level (EDITOR). It lives
here, not in `mitra.intake`, so that intake never imports the API (the API sits above it).
"""

from typing import Any

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from mitra.api.parsers import ObjectJSONParser
from mitra.core import bounds
from mitra.core.access import EDITOR
from mitra.intake import services

from .base import (
    WRITE_ERRORS,
    ApiView,
    AuthenticatedRequest,
    DateField,
    IdField,
    YearField,
    errors,
)

TAGS = ["intake"]


class IntakeExtractInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=services.MAX_TEXT_CHARS,
        trim_whitespace=False,
        help_text="The press release or minutes (plain text).",
    )


class IntakeEvidenceSerializer(serializers.Serializer):
    field = serializers.CharField(
        help_text="Schema field, or `agreements.N.period` / `agreements.N.duration`."
    )
    value = serializers.JSONField()
    start = serializers.IntegerField(help_text="Character offset into the text sent.")
    end = serializers.IntegerField()
    confidence = serializers.FloatField()
    rule = serializers.CharField()


class IntakeNewPartnerSerializer(serializers.Serializer):
    legal_name = serializers.CharField(max_length=255, allow_blank=True)
    acronym = serializers.CharField(max_length=60, allow_blank=True, required=False, default="")
    kind = serializers.CharField(
        max_length=30, allow_blank=True, required=False, default="",
        help_text="A ForeignOrganization kind, e.g. foreign_ngo, un_agency.",
    )  # fmt: skip
    country = serializers.CharField(
        max_length=2, allow_blank=True, required=False, default="", help_text="ISO 3166 code."
    )


class IntakeReviewedAgreementSerializer(serializers.Serializer):
    action = serializers.ChoiceField(
        choices=services.ACTIONS,
        default="create",
        help_text="create a new agreement, link to the existing one, or skip.",
    )
    existing = IdField(required=False, allow_null=True, help_text="Agreement id (for action link).")
    partner = IdField(
        required=False, allow_null=True, help_text="ForeignOrganization id; null = new_partner."
    )
    new_partner = IntakeNewPartnerSerializer(required=False, allow_null=True)
    government_body = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, help_text="GovernmentBody key."
    )
    type = serializers.CharField(required=False, default="mou", help_text="Agreement type code.")
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    start_year = YearField(required=False, allow_null=True)
    end_year = YearField(required=False, allow_null=True)
    duration_years = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=bounds.DURATION_MONTHS_MAX // 12
    )
    signing_date = DateField(required=False, allow_null=True)
    renews = IdField(
        required=False, allow_null=True, help_text="Id of the agreement this one renews."
    )
    government_signatory = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=255
    )
    foreign_signatory = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=255
    )
    provinces = serializers.ListField(
        child=serializers.CharField(max_length=2),
        required=False,
        default=list,
        help_text='Kemendagri province codes ("53").',
    )
    regencies = serializers.ListField(
        child=serializers.CharField(max_length=5),
        required=False,
        default=list,
        help_text='Kemendagri regency/city codes ("53.71").',
    )
    sectors = serializers.ListField(
        child=serializers.CharField(max_length=40),
        required=False,
        default=list,
        help_text="Sector codes of Mitra's vocabulary (proposed from OECD DAC purpose codes).",
    )


class IntakeMeetingSerializer(serializers.Serializer):
    published = DateField(required=False, allow_null=True)
    event_date = DateField(required=False, allow_null=True)
    event_types = serializers.ListField(
        child=serializers.ChoiceField(choices=services.EVENT_TYPES), required=False, default=list
    )
    meeting_mode = serializers.ChoiceField(
        choices=services.MEETING_MODES, required=False, allow_null=True
    )
    venue = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    online_platform = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=100
    )
    government_parties = serializers.ListField(
        child=serializers.JSONField(), required=False, default=list
    )
    attending_agencies = serializers.ListField(
        child=serializers.CharField(), required=False, default=list
    )


class IntakeConfirmInputSerializer(serializers.Serializer):
    text = serializers.CharField(
        max_length=services.MAX_TEXT_CHARS,
        trim_whitespace=False,
        help_text="The source text (kept with the submission and in the audit trail).",
    )
    source_filename = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    meeting = IntakeMeetingSerializer(required=False, default=dict)
    agreements = IntakeReviewedAgreementSerializer(many=True)


class IntakeConfirmOutputSerializer(serializers.Serializer):
    submission = serializers.IntegerField()
    status = serializers.CharField()
    created_records = inline_serializer(
        "IntakeCreatedRecords",
        fields={
            "organizations": serializers.ListField(child=serializers.IntegerField()),
            "agreements": serializers.ListField(child=serializers.IntegerField()),
            "linked": serializers.ListField(child=serializers.IntegerField()),
            "signatories": serializers.ListField(child=serializers.IntegerField()),
            "meetings": serializers.ListField(child=serializers.IntegerField(), required=False),
            "linked_meetings": serializers.ListField(
                child=serializers.IntegerField(), required=False
            ),
        },
    )


def _plain(value: Any) -> Any:
    """Validated data as JSON-ready values (dates as ISO strings)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class IntakeExtractApi(ApiView):
    access = EDITOR
    write_access = EDITOR
    parser_classes = [ObjectJSONParser]

    @extend_schema(
        operation_id="intake_extract",
        tags=TAGS,
        summary="Read a press item and propose records (writes nothing)",
        description="Runs the extractor against the registry. `record` is the press schema; "
        "`evidence` gives the character span and confidence of every value; `proposal` is "
        "the input of `intake/confirm/` pre-filled: registry matches, the agreement already "
        "recorded (action `link`) or the one a renewal extends (`renews`), signatories, "
        "regions and sectors. A value whose confidence is below `min_confidence` is left "
        "empty and listed in `withheld` (field, value, confidence).",
        request=IntakeExtractInputSerializer,
        responses={
            200: inline_serializer(
                "IntakeExtraction",
                fields={
                    "record": serializers.JSONField(),
                    "evidence": IntakeEvidenceSerializer(many=True),
                    "proposal": inline_serializer(
                        "IntakeProposal",
                        fields={
                            "meeting": IntakeMeetingSerializer(),
                            "agreements": IntakeReviewedAgreementSerializer(many=True),
                            "signatories": serializers.JSONField(),
                            "withheld": serializers.JSONField(),
                            "min_confidence": serializers.FloatField(),
                        },
                    ),
                },
            ),
            **errors(*WRITE_ERRORS),
        },
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = IntakeExtractInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(
            services.intake_analyse(text=serializer.validated_data["text"], actor=request.user)
        )


class IntakeConfirmApi(ApiView):
    access = EDITOR
    write_access = EDITOR
    parser_classes = [ObjectJSONParser]

    @extend_schema(
        operation_id="intake_confirm",
        tags=TAGS,
        summary="Create the reviewed records in one transaction",
        description="Send the source text and the reviewed `proposal` of `intake/extract/`. "
        "Creates new partners (prospective, unpublished), the agreements as drafts (owner = "
        "the government body, held by your unit when it belongs to that body; your agency "
        "unless you are an operator) with renewal links, signatories, regions and sectors, "
        "and the meeting. Nothing is signed, activated or published here: the drafts move "
        "through the agreements' own transitions. Any refusal writes nothing.",
        request=IntakeConfirmInputSerializer,
        responses={201: IntakeConfirmOutputSerializer, **errors(*WRITE_ERRORS)},
    )
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = IntakeConfirmInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = _plain(dict(serializer.validated_data))
        submission = services.intake_confirm(
            reviewed={"meeting": data.get("meeting") or {}, "agreements": data["agreements"]},
            text=data["text"],
            filename=data.get("source_filename") or "",
            actor=request.user,
        )
        return Response(
            {
                "submission": submission.pk,
                "status": submission.status,
                "created_records": submission.created_records,
            },
            status=status.HTTP_201_CREATED,
        )


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path("intake/extract/", IntakeExtractApi.as_view(), name="api-intake-extract"),
    path("intake/confirm/", IntakeConfirmApi.as_view(), name="api-intake-confirm"),
]
