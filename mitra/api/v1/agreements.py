"""Agreements, their lifecycle, signatories and documents. Rules live in the services.

Objects come only through the scoped selectors of mitra.agreements (the same ones the HTML
views use); writes only through its services. Outside the viewer's scope → 404.
"""

import hashlib
from typing import Any

from django.http import FileResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from mitra.agreements import documents, selectors, services
from mitra.agreements.models import (
    RENEWABLE_STATUSES,
    Agreement,
    AgreementDocument,
    AgreementParty,
)
from mitra.agreements.permissions import agreement_get_editable, agreement_is_editable_by
from mitra.agreements.validation import chain_warnings
from mitra.core import bounds
from mitra.core.access import EDITOR, MEMBER
from mitra.core.cache import generation_cached, signed_in_cache_seconds, user_scope_key
from mitra.core.dates import today
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.selectors import organization_visible_qs

from .base import (
    DETAIL_ERRORS,
    ApiView,
    AuthenticatedRequest,
    BodyField,
    CodeField,
    DateField,
    DateTimeField,
    ProvinceField,
    RegencyField,
    SectorField,
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
)
from .organizations import OrganizationRefSerializer
from .reference import BodyRefSerializer

TAGS = ["agreements"]
UNKNOWN_ORGANIZATION: dict[str, Any] = {
    "does_not_exist": _("Unknown foreign organization id: {pk_value}."),
    "incorrect_type": _("Give foreign organizations by id (a number)."),
}
UNKNOWN_RENEWED: dict[str, Any] = {
    "does_not_exist": _(
        "Agreement {pk_value} does not exist, is not one you may edit, or is not signed, "
        "active, expired or superseded."
    ),
    "incorrect_type": _("Give the renewed agreement by id (a number)."),
}


# --- output shapes ------------------------------------------------------------------------


@extend_schema_serializer(component_name="AgreementSummary")
class AgreementSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    type = serializers.ChoiceField(choices=Agreement.Type.choices)
    status = serializers.ChoiceField(choices=Agreement.Status.choices)
    owner = BodyRefSerializer(help_text="The agency that owns the record.")
    owner_unit = BodyRefSerializer(
        allow_null=True,
        help_text="The unit of the owner agency that holds the record and edits it; null when "
        "the agency as a whole holds it.",
    )
    partner_names = serializers.CharField()
    partner_kind = serializers.CharField(help_text="Kind of the first foreign party.")
    signing_date = DateField(allow_null=True)
    start_date = DateField(allow_null=True)
    end_date = DateField(allow_null=True)
    duration_months = serializers.IntegerField(allow_null=True)
    renews = serializers.IntegerField(
        source="renews_id", allow_null=True, help_text="Id of the agreement this one renews."
    )
    chain_root = serializers.IntegerField(
        source="chain_root_id", allow_null=True, help_text="Id of the first of the chain."
    )
    sectors = CodeField(slug_field="code", many=True, read_only=True)
    provinces = CodeField(slug_field="code", many=True, read_only=True)
    days_to_expiry = serializers.IntegerField(allow_null=True)
    in_renewal_window = serializers.BooleanField()


# The columns AgreementSummarySerializer reads (its properties included): the list loads
# only these, not the long texts (objective, search text) nor the bodies' other columns.
BODY_REF_COLUMNS = ("id", "key", "name", "acronym")
SUMMARY_COLUMNS = (
    "id",
    "reference",
    "title",
    "type",
    "status",
    "partner_names",
    "partner_kind",
    "signing_date",
    "start_date",
    "end_date",
    "duration_months",
    "renews",  # its id
    "chain_root",  # its id
    "owner",
    "owner_unit",
    *(f"owner__{column}" for column in BODY_REF_COLUMNS),
    *(f"owner_unit__{column}" for column in BODY_REF_COLUMNS),
)


@extend_schema_serializer(component_name="AgreementParty")
class PartySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    side = serializers.ChoiceField(choices=AgreementParty.Side.choices)
    role = serializers.ChoiceField(choices=AgreementParty.Role.choices)
    body = BodyRefSerializer(allow_null=True)
    organization = OrganizationRefSerializer(allow_null=True)
    name_at_signing = serializers.CharField()


@extend_schema_serializer(component_name="Signatory")
class SignatorySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    party = serializers.IntegerField(source="party_id")
    name = serializers.CharField()
    title = serializers.CharField()
    signed_on = DateField(allow_null=True)


@extend_schema_serializer(component_name="AgreementDocument")
class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=AgreementDocument.Kind.choices)
    title = serializers.CharField()
    version = serializers.IntegerField()
    original_name = serializers.CharField()
    content_type = serializers.CharField(help_text="Judged from the file's content.")
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_at = DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, document: AgreementDocument) -> str:
        return reverse(
            "api-agreement-document-download",
            kwargs={"pk": document.agreement_id, "document_id": document.pk},
        )


@extend_schema_serializer(component_name="ChainLink")
class ChainLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    type = serializers.ChoiceField(choices=Agreement.Type.choices)
    status = serializers.ChoiceField(choices=Agreement.Status.choices)
    start_date = DateField(allow_null=True)
    end_date = DateField(allow_null=True)
    renews = serializers.IntegerField(source="renews_id", allow_null=True)


@extend_schema_serializer(component_name="Agreement")
class AgreementDetailSerializer(AgreementSummarySerializer):
    objective = serializers.CharField()
    signing_place = serializers.CharField()
    terminated_reason = serializers.CharField()
    cover_problem = serializers.CharField(
        help_text="In force without its ormas asing partner's valid izin prinsip over its "
        "period (N3/N4): why; empty otherwise."
    )
    renewal_window_start = DateField(
        allow_null=True, help_text="When preparing the renewal should start."
    )
    regencies = CodeField(slug_field="code", many=True, read_only=True)
    shared_with = BodyRefSerializer(many=True)
    parties = PartySerializer(many=True)
    signatories = SignatorySerializer(many=True)
    documents = DocumentSerializer(many=True)
    chain = serializers.SerializerMethodField(
        help_text="The renewal chain, oldest first (only the links you may see)."
    )
    chain_warnings = serializers.SerializerMethodField(help_text="Gaps and overlaps.")
    available_transitions = serializers.SerializerMethodField(
        help_text="Transitions you may run now (POST …/actions/{name}/)."
    )
    can_edit = serializers.SerializerMethodField()
    created_at = DateTimeField()
    updated_at = DateTimeField()
    version = serializers.IntegerField(
        read_only=True, help_text="Grows with every change; the ETag of the record."
    )

    @extend_schema_field(ChainLinkSerializer(many=True))
    def get_chain(self, agreement: Agreement) -> Any:
        return ChainLinkSerializer(self.context["chain"], many=True).data

    def get_chain_warnings(self, agreement: Agreement) -> list[str]:
        return chain_warnings(self.context["chain"])

    def get_available_transitions(self, agreement: Agreement) -> list[str]:
        return services.agreement_available_transitions(
            agreement=agreement, actor=self.context["user"]
        )

    def get_can_edit(self, agreement: Agreement) -> bool:
        return agreement_is_editable_by(user=self.context["user"], agreement=agreement)


def agreement_detail_data(*, user: Any, pk: int) -> Any:
    agreement = selectors.agreement_get_for_user(user=user, pk=pk)
    chain = selectors.agreement_chain(agreement=agreement, viewer=user)
    context = {"user": user, "chain": chain}
    return AgreementDetailSerializer(agreement, context=context).data


# --- input --------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Agreement")
class AgreementInputSerializer(serializers.Serializer):
    """Parsing only: codes and ids → records within the caller's scope. Rules: the service."""

    title = serializers.CharField(max_length=500)
    type = serializers.ChoiceField(choices=Agreement.Type.choices)
    reference = serializers.CharField(max_length=100, required=False, allow_blank=True)
    owner = BodyField(
        required=False,
        help_text="Key of the lead government body: an agency, or the unit of it that holds "
        "the record; default: your own body.",
    )
    foreign_parties = serializers.PrimaryKeyRelatedField(
        queryset=ForeignOrganization.objects.none(),
        many=True,
        help_text="Ids of the foreign organizations party to it (the first is the lead).",
        error_messages=UNKNOWN_ORGANIZATION,
    )
    other_government_parties = BodyField(
        many=True, required=False, help_text="Keys of other government bodies party to it."
    )
    signing_date = DateField(required=False, allow_null=True)
    signing_place = serializers.CharField(max_length=255, required=False, allow_blank=True)
    start_date = DateField(required=False, allow_null=True)
    end_date = DateField(required=False, allow_null=True)
    duration_months = serializers.IntegerField(
        required=False,
        allow_null=True,
        max_value=bounds.DURATION_MONTHS_MAX,  # below 1: the service's own message
        help_text="Used to compute the end when none is given.",
    )
    renews = serializers.PrimaryKeyRelatedField(
        queryset=Agreement.objects.none(),
        required=False,
        allow_null=True,
        help_text="Id of the agreement this one renews.",
        error_messages=UNKNOWN_RENEWED,
    )
    objective = serializers.CharField(required=False, allow_blank=True)
    sectors = SectorField(many=True, required=False, help_text="Sector codes.")
    provinces = ProvinceField(
        many=True, required=False, help_text='Kemendagri province codes, e.g. "33".'
    )
    regencies = RegencyField(
        many=True, required=False, help_text='Kemendagri regency/city codes, e.g. "33.74".'
    )
    shared_with = BodyField(
        many=True, required=False, help_text="Keys of government bodies the record is shared with."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context.get("user")
        if user is not None:
            # SECURITY: only records the caller may see (parties) or edit (renewed agreement).
            parties: Any = self.fields["foreign_parties"]
            parties.child_relation.queryset = organization_visible_qs(user)
            renews: Any = self.fields["renews"]
            renews.queryset = Agreement.objects.editable_by(user).filter(
                status__in=RENEWABLE_STATUSES
            )


def agreement_input_from(agreement: Agreement) -> dict[str, Any]:
    """The stored values as service input, so PATCH changes only what it sends."""
    parties = list(agreement.parties.all())
    lead = agreement.owner_unit or agreement.owner
    return {
        "title": agreement.title,
        "type": agreement.type,
        "reference": agreement.reference,
        "owner": lead,
        "foreign_parties": [p.organization for p in parties if p.organization is not None],
        "other_government_parties": [
            p.body
            for p in parties
            if p.body is not None and p.body_id not in (lead.pk, agreement.owner_id)
        ],
        "signing_date": agreement.signing_date,
        "signing_place": agreement.signing_place,
        "start_date": agreement.start_date,
        "end_date": agreement.end_date,
        "duration_months": agreement.duration_months,
        "renews": agreement.renews,
        "objective": agreement.objective,
        "sectors": list(agreement.sectors.all()),
        "provinces": list(agreement.provinces.all()),
        "regencies": list(agreement.regencies.all()),
        "shared_with": list(agreement.shared_with.all()),
    }


def _owner_or_own_agency(values: dict[str, Any], user: Any) -> None:
    if values.get("owner") is None:
        if user.agency is None:
            raise serializers.ValidationError(
                {"owner": [_("Give the key of the lead government body.")]}
            )
        values["owner"] = user.body


# --- list, create, detail, update ---------------------------------------------------------


class AgreementApi(ShownApi):
    # The agreement resource: answers with the agreement as its GET shows it, with its ETag.
    access = MEMBER
    tags = TAGS
    output = AgreementDetailSerializer
    detail = staticmethod(agreement_detail_data)
    fetch = staticmethod(agreement_get_editable)
    record_id = "agreement_id"


class AgreementListApi(AgreementApi, ListApi):
    operation_id = "agreements_list"
    summary = "List the agreements you may see"
    description = (
        "Government users see what their agency owns, is party to or was shared with; a "
        "foreign organization's representative sees its signed agreements."
    )
    serializer_class = AgreementSummarySerializer

    class FilterSerializer(serializers.Serializer):
        status = serializers.ChoiceField(choices=Agreement.Status.choices, required=False)
        type = serializers.ChoiceField(choices=Agreement.Type.choices, required=False)
        partner_kind = serializers.ChoiceField(
            choices=ForeignOrganization.Kind.choices, required=False
        )
        body = BodyField(
            required=False, help_text="Key of a government body: agreements it owns or is party to."
        )
        province = ProvinceField(required=False, help_text='Kemendagri province code, e.g. "33".')
        sector = SectorField(required=False, help_text="Sector code.")
        period_from = DateField(
            required=False, help_text="In force at some time on or after this date."
        )
        period_to = DateField(
            required=False, help_text="In force at some time on or before this date."
        )
        q = serializers.CharField(
            required=False, help_text="Title, reference, partner or body name."
        )
        ordering = serializers.ChoiceField(
            choices=sorted(selectors.SORTS), required=False, default="-start_date"
        )

    def get(self, request: AuthenticatedRequest) -> Response:  # type: ignore[override]
        d = self.filters(request)
        filters = selectors.AgreementFilters(
            status=d.get("status", ""),
            type=d.get("type", ""),
            partner_kind=d.get("partner_kind", ""),
            body=d["body"].root().pk if d.get("body") else None,
            province=d["province"].pk if d.get("province") else None,
            sector=d["sector"].pk if d.get("sector") else None,
            period_from=d.get("period_from"),
            period_to=d.get("period_to"),
            q=d.get("q", ""),
            sort=d["ordering"],
        )

        def build() -> Any:
            qs = (
                selectors.agreement_list(viewer=request.user, filters=filters)
                .only(*SUMMARY_COLUMNS)
                .prefetch_related("sectors", "provinces")
            )
            # The count on the access rows' index when no filter is set (issue 13 §6: the
            # count over the joined list was most of a first page's time at national scale).
            count = selectors.agreement_list_count(viewer=request.user, filters=filters)
            paginator = self.pagination_class()
            page = paginator.paginate_queryset(qs, request, view=self, count=count)
            data = AgreementSummarySerializer(page, many=True, context={"request": request}).data
            return paginator.get_paginated_response(data).data

        # The same page for the same user, query and data: from the shared cache until a
        # recorded change (docs/dev/performance.md, "Signed-in pages"). Errors (400, the 404
        # past the last page) are raised by `build` and never stored.
        key = ":".join(
            [
                "api-agreements",
                today().isoformat(),
                user_scope_key(request.user),
                hashlib.sha256(request.build_absolute_uri().encode()).hexdigest(),
            ]
        )
        return Response(generation_cached(key, build, seconds=signed_in_cache_seconds()))


class AgreementCreateApi(AgreementApi, CreateApi):
    access = EDITOR
    operation_id = "agreements_create"
    summary = "Record an agreement (status draft)"
    description = (
        "Validated by the same service as the web form: the period, the renewal chain (no "
        "self-reference, no cycle, starts after its predecessor) and your agency. An agreement "
        "that another one renews already cannot be renewed again (409). Send an "
        "`Idempotency-Key` so that a retry cannot record it twice."
    )
    InputSerializer = AgreementInputSerializer

    def perform(self, request: Any, values: dict[str, Any]) -> Agreement:
        _owner_or_own_agency(values, request.user)
        return services.agreement_create(data=services.AgreementInput(**values), actor=request.user)


class AgreementDetailApi(AgreementApi, DetailApi):
    operation_id = "agreements_retrieve"
    summary = "An agreement with its parties, signatories, documents and renewal chain"
    versioned = True


class AgreementUpdateApi(AgreementApi, UpdateApi):
    access = EDITOR
    description = (
        "PUT gives every field (absent optional ones are cleared); PATCH only those that "
        "change. Both need If-Match (the ETag read); see docs/dev/concurrency.md.\n\n"
        "The status never changes here: use the actions (`…/actions/{name}/`)."
    )
    operation_id = "agreements_partial_update"
    summary = "Change some of an agreement's fields"
    put_operation_id = "agreements_update"
    put_summary = "Replace an agreement's fields and parties"
    InputSerializer = AgreementInputSerializer

    def perform(
        self, request: Any, record: Any, values: dict[str, Any], *, partial: bool, expected: int
    ) -> None:
        lead = record.owner_unit or record.owner
        merged = agreement_input_from(record) if partial else {"owner": lead}
        merged.update(values)
        _owner_or_own_agency(merged, request.user)
        services.agreement_update(
            agreement_id=record.pk,
            data=services.AgreementInput(**merged),
            actor=request.user,
            expected_version=expected,
        )


# --- lifecycle and signatories -----------------------------------------------------------


class AgreementTransitionApi(AgreementApi, TransitionApi):
    access = EDITOR
    operation_id = "agreements_transition"
    summary = "Move an agreement through its lifecycle"
    description = (
        "draft → under_review → signed → active → terminated. Signing needs a signing date "
        "that has come, activation a start date that has come; with an ormas asing partner "
        "both need its izin prinsip valid over the period (N3/N4). Termination (ending early) "
        "needs a reason and `confirmed: true`; an operator may undo a mistaken termination "
        "(`undo_termination`, reason and confirmation), back to the status the dates give. "
        "Expiry is not a transition: the daily job expires agreements after their end date. "
        "When a renewal becomes active its predecessor is superseded. Every move is audited."
    )
    transitions = services.TRANSITIONS
    service = staticmethod(services.agreement_transition)

    @extend_schema_serializer(component_name="Transition")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=2000,
            help_text="Required to terminate and to undo a termination; kept in the audit event.",
        )
        confirmed = serializers.BooleanField(
            required=False,
            default=False,
            help_text="Must be true to terminate or to undo a termination (the user confirms "
            "that the agreement's being in force changes).",
        )


class AgreementPartCreateApi(NestedCreateApi):
    # A record added to an agreement, by one who may change the agreement.
    access = EDITOR
    tags = TAGS
    fetch = staticmethod(agreement_get_editable)


class AgreementSignatoryCreateApi(AgreementPartCreateApi):
    operation_id = "agreements_signatories_create"
    summary = "Record who signed for a party"
    serializer_class = SignatorySerializer

    @extend_schema_serializer(component_name="Signatory")
    class InputSerializer(serializers.Serializer):
        party = serializers.IntegerField(help_text="Id of one of the agreement's parties.")
        title = serializers.CharField(max_length=255, help_text="Position/title.")
        name = serializers.CharField(max_length=255, required=False, allow_blank=True)
        signed_on = DateField(
            required=False, allow_null=True, help_text="Default: the agreement's signing date."
        )

    def perform(self, request: Any, agreement: Agreement, d: dict[str, Any]) -> Any:
        return services.agreement_add_signatory(
            agreement_id=agreement.pk,
            party_id=d["party"],
            title=d["title"],
            name=d.get("name", ""),
            signed_on=d.get("signed_on"),
            actor=request.user,
        )


# --- documents ----------------------------------------------------------------------------


class AgreementDocumentListApi(NestedListApi):
    access = MEMBER
    tags = TAGS
    operation_id = "agreements_documents_list"
    summary = "The agreement's documents, every version"
    serializer_class = DocumentSerializer
    fetch = staticmethod(selectors.agreement_get_for_user)
    related = "documents"


class AgreementDocumentUploadApi(AgreementPartCreateApi):
    operation_id = "agreements_documents_create"
    summary = "Upload a document (multipart)"
    description = (
        "The type is judged by the file's content and the size by the configured limit; the "
        "SHA-256 is stored; a document with the same title becomes a new version."
    )
    serializer_class = DocumentSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="DocumentUpload")
    class InputSerializer(serializers.Serializer):
        file = serializers.FileField(
            allow_empty_file=True, help_text="PDF, DOCX or ODT (judged by content)."
        )
        title = serializers.CharField(
            max_length=255,
            required=False,
            allow_blank=True,
            help_text="Same title as an earlier document: a new version. Default: file name.",
        )
        kind = serializers.ChoiceField(choices=AgreementDocument.Kind.choices)

    @classmethod
    def request_body(cls) -> Any:
        return {"multipart/form-data": cls.InputSerializer}

    def perform(self, request: Any, agreement: Agreement, d: dict[str, Any]) -> Any:
        return services.agreement_document_upload(
            agreement_id=agreement.pk,
            upload=d["file"],
            title=d.get("title", ""),
            kind=d["kind"],
            actor=request.user,
        )


class AgreementDocumentDownloadApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="agreements_documents_download",
        tags=TAGS,
        summary="Download one document version",
        # The stored content type is one of the three an upload may have (judged by content).
        responses={
            **{
                (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description="The file.")
                for media_type in sorted(documents.ALLOWED)
            },
            **errors(*DETAIL_ERRORS),
        },
    )
    def get(self, request: AuthenticatedRequest, pk: int, document_id: int) -> FileResponse:
        document = selectors.agreement_document_get_for_user(
            user=request.user, pk=pk, document_pk=document_id
        )
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path(
        "agreements/",
        route(get=AgreementListApi, post=AgreementCreateApi),
        name="api-agreement-list",
    ),
    path(
        "agreements/<id:pk>/",
        route(
            get=AgreementDetailApi,
            put=AgreementUpdateApi,
            patch=AgreementUpdateApi,
        ),
        name="api-agreement-detail",
    ),
    path(
        "agreements/<id:pk>/actions/<slug:name>/",
        AgreementTransitionApi.as_view(),
        name="api-agreement-transition",
    ),
    path(
        "agreements/<id:pk>/signatories/",
        AgreementSignatoryCreateApi.as_view(),
        name="api-agreement-signatories",
    ),
    path(
        "agreements/<id:pk>/documents/",
        route(get=AgreementDocumentListApi, post=AgreementDocumentUploadApi),
        name="api-agreement-documents",
    ),
    path(
        "agreements/<id:pk>/documents/<id:document_id>/download/",
        AgreementDocumentDownloadApi.as_view(),
        name="api-agreement-document-download",
    ),
]
