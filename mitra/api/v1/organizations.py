"""Foreign organizations: list, register, read, change. Rules live in the services."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response

from mitra.api.pagination import StandardPagination
from mitra.core.access import EDITOR, MEMBER
from mitra.core.exceptions import ApplicationError
from mitra.organizations import selectors, services
from mitra.organizations.models import ForeignOrganization, Sector

from .base import (
    DETAIL_ERRORS,
    ETAG_HEADER,
    IDEMPOTENCY_KEY,
    IDEMPOTENT_REPLAYED,
    IF_MATCH,
    READ_ERRORS,
    ApiView,
    AuthenticatedRequest,
    CodeField,
    VersionedUpdateMixin,
    create_responses,
    errors,
    idempotent,
    paginated_response,
    update_responses,
    with_etag,
)

SECTOR_UNKNOWN: dict[str, Any] = {"does_not_exist": _("Unknown sector code: {value}.")}


@extend_schema_serializer(component_name="OrganizationRef")
class OrganizationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    legal_name = serializers.CharField()
    acronym = serializers.CharField()
    kind = serializers.ChoiceField(choices=ForeignOrganization.Kind.choices)


@extend_schema_serializer(component_name="Organization")
class OrganizationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    legal_name = serializers.CharField()
    acronym = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())
    kind = serializers.ChoiceField(choices=ForeignOrganization.Kind.choices)
    legal_type = serializers.CharField(help_text="a, b or c (ormas asing only); empty otherwise.")
    sub_type = serializers.CharField(help_text="Ormas asing only; empty otherwise.")
    country = serializers.CharField(source="country.code", help_text="ISO 3166 alpha-2.")
    headquarters = serializers.CharField()
    indonesian_office = serializers.CharField()
    website = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    description = serializers.CharField()
    sectors = CodeField(slug_field="code", many=True, read_only=True)
    status = serializers.ChoiceField(choices=ForeignOrganization.Status.choices)
    is_published = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField(
        read_only=True, help_text="Grows with every change; the ETag of the record."
    )


@extend_schema_serializer(component_name="Organization")
class OrganizationInputSerializer(serializers.Serializer):
    """Parsing only: the service validates kinds, countries and duplicates."""

    legal_name = serializers.CharField(max_length=255)
    acronym = serializers.CharField(max_length=60, required=False, allow_blank=True)
    aliases = serializers.ListField(
        child=serializers.CharField(max_length=255), required=False, help_text="Other names."
    )
    kind = serializers.ChoiceField(choices=ForeignOrganization.Kind.choices)
    legal_type = serializers.ChoiceField(
        choices=ForeignOrganization.LegalType.choices, required=False, allow_blank=True
    )
    sub_type = serializers.ChoiceField(
        choices=ForeignOrganization.SubType.choices, required=False, allow_blank=True
    )
    country = serializers.CharField(max_length=2, help_text="ISO 3166 alpha-2 code, e.g. US.")
    headquarters = serializers.CharField(max_length=255, required=False, allow_blank=True)
    indonesian_office = serializers.CharField(max_length=255, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True)
    sectors = CodeField(
        slug_field="code",
        queryset=Sector.objects.all(),
        many=True,
        required=False,
        help_text="Sector codes.",
        error_messages=SECTOR_UNKNOWN,
    )
    # SECURITY: read-only (issue 13 §3): registry decisions, sanctions and operators'
    # publication change them through their own services; a value sent here is ignored.
    status = serializers.ChoiceField(choices=ForeignOrganization.Status.choices, read_only=True)
    is_published = serializers.BooleanField(read_only=True)

    def validate_country(self, value: str) -> str:
        return value.upper()


def organization_input_from(org: ForeignOrganization) -> dict[str, Any]:
    """The stored values as service input, so PATCH changes only what it sends."""
    return {
        "legal_name": org.legal_name,
        "acronym": org.acronym,
        "aliases": list(org.aliases),
        "kind": org.kind,
        "legal_type": org.legal_type,
        "sub_type": org.sub_type,
        "country": str(org.country),  # the ISO code
        "headquarters": org.headquarters,
        "indonesian_office": org.indonesian_office,
        "website": org.website,
        "email": org.email,
        "phone": org.phone,
        "description": org.description,
        "sectors": list(org.sectors.all()),
    }


class OrganizationListApi(ApiView):
    access = MEMBER
    pagination_class = StandardPagination

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, help_text="Any legal name, acronym or alias.")
        kind = serializers.ChoiceField(choices=ForeignOrganization.Kind.choices, required=False)
        country = serializers.CharField(
            required=False, max_length=2, help_text="ISO 3166 alpha-2 code."
        )
        sector = CodeField(
            slug_field="code",
            queryset=Sector.objects.all(),
            required=False,
            help_text="Sector code.",
            error_messages=SECTOR_UNKNOWN,
        )

    @extend_schema(
        operation_id="organizations_list",
        tags=["organizations"],
        summary="List foreign organizations",
        description="Government users see the whole registry; a foreign organization's "
        "representative sees only their own organization.",
        parameters=[FilterSerializer],
        responses={200: OrganizationOutputSerializer(many=True), **errors(400, *READ_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        qs = selectors.organization_list(
            viewer=request.user,
            q=data.get("q", ""),
            kind=data.get("kind", ""),
            country=data.get("country", ""),
            sector=data["sector"].pk if data.get("sector") else None,
        ).prefetch_related("sectors")
        return paginated_response(
            queryset=qs,
            serializer_class=OrganizationOutputSerializer,
            request=request,
            view=self,
        )


class OrganizationCreateApi(ApiView):
    access = EDITOR

    InputSerializer = OrganizationInputSerializer

    @extend_schema(
        operation_id="organizations_create",
        tags=["organizations"],
        summary="Register a foreign organization",
        description="A likely duplicate of a registered organization is refused (409); "
        "`extra.suggestions` names the match(es). Send an `Idempotency-Key` so that a retry "
        "cannot register it twice.",
        request=InputSerializer,
        parameters=[IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED, ETAG_HEADER],
        responses=create_responses(OrganizationOutputSerializer),
    )
    @idempotent
    def post(self, request: AuthenticatedRequest) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = services.OrganizationInput(**serializer.validated_data)
        try:
            org = services.organization_create(data=data, actor=request.user)
        except ApplicationError as error:
            _add_suggestions(error, data)
            raise
        org = selectors.organization_get_for_user(user=request.user, pk=org.pk)
        response = Response(OrganizationOutputSerializer(org).data, status=status.HTTP_201_CREATED)
        return with_etag(response, org.version)


class OrganizationDetailApi(ApiView):
    access = MEMBER

    @extend_schema(
        operation_id="organizations_retrieve",
        tags=["organizations"],
        summary="A foreign organization",
        parameters=[ETAG_HEADER],
        responses={200: OrganizationOutputSerializer, **errors(*DETAIL_ERRORS)},
    )
    def get(self, request: AuthenticatedRequest, pk: int) -> Response:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        return with_etag(Response(OrganizationOutputSerializer(org).data), org.version)


class OrganizationUpdateApi(VersionedUpdateMixin, ApiView):
    """PUT replaces every field (absent optional fields are cleared); PATCH changes some.
    Both need If-Match (the ETag read); see docs/dev/concurrency.md."""

    access = EDITOR

    InputSerializer = OrganizationInputSerializer

    def current_state(self, request: Any, **kwargs: Any) -> tuple[Any, int]:
        org = selectors.organization_get_for_user(user=request.user, pk=kwargs["pk"])
        return OrganizationOutputSerializer(org).data, org.version

    def _update(self, request: AuthenticatedRequest, pk: int, partial: bool) -> Response:
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        expected = self.check_version(request, org)
        serializer = self.InputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = organization_input_from(org) if partial else {}
        values.update(serializer.validated_data)
        data = services.OrganizationInput(**values)
        try:
            services.organization_update(
                organization_id=org.pk, data=data, actor=request.user, expected_version=expected
            )
        except ApplicationError as error:
            _add_suggestions(error, data, exclude_pk=org.pk)
            raise
        org = selectors.organization_get_for_user(user=request.user, pk=pk)
        return with_etag(Response(OrganizationOutputSerializer(org).data), org.version)

    @extend_schema(
        operation_id="organizations_update",
        tags=["organizations"],
        summary="Replace a foreign organization's record",
        request=InputSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses=update_responses(OrganizationOutputSerializer),
    )
    def put(self, request: AuthenticatedRequest, pk: int) -> Response:
        return self._update(request, pk, partial=False)

    @extend_schema(
        operation_id="organizations_partial_update",
        tags=["organizations"],
        summary="Change some fields of a foreign organization's record",
        request=InputSerializer,
        parameters=[IF_MATCH, ETAG_HEADER],
        responses=update_responses(OrganizationOutputSerializer),
    )
    def patch(self, request: AuthenticatedRequest, pk: int) -> Response:
        return self._update(request, pk, partial=True)


def _add_suggestions(
    error: ApplicationError, data: services.OrganizationInput, exclude_pk: int | None = None
) -> None:
    """Add the likely duplicates (id and names) to a refusal that mentions the legal name."""
    if "legal_name" not in error.extra:
        return
    matches = services.organization_find_duplicates(
        legal_name=data.legal_name, acronym=data.acronym, exclude_pk=exclude_pk
    )
    if matches:
        error.extra["suggestions"] = [
            {"id": m.pk, "legal_name": m.legal_name, "acronym": m.acronym} for m in matches[:5]
        ]
