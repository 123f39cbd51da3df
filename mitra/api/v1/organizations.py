"""Foreign organizations: list, register, read, change. Rules live in the services."""

from typing import Any

from django.urls import path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from mitra.core.access import EDITOR, MEMBER
from mitra.core.exceptions import ApplicationError
from mitra.organizations import selectors, services
from mitra.organizations.models import ForeignOrganization

from .base import (
    CodeField,
    SectorField,
    route,
)
from .generic import CreateApi, DetailApi, ListApi, ShownApi, UpdateApi

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
    sectors = SectorField(many=True, required=False, help_text="Sector codes.")
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


class OrganizationApi(ShownApi):
    # The organization resource: answers with the record as its GET shows it, with its ETag.
    access = MEMBER
    tags = ["organizations"]
    output = OrganizationOutputSerializer
    read = fetch = staticmethod(selectors.organization_get_for_user)


class OrganizationListApi(OrganizationApi, ListApi):
    operation_id = "organizations_list"
    summary = "List foreign organizations"
    description = (
        "Government users see the whole registry; a foreign organization's representative "
        "sees only their own organization."
    )
    serializer_class = OrganizationOutputSerializer

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, help_text="Any legal name, acronym or alias.")
        kind = serializers.ChoiceField(choices=ForeignOrganization.Kind.choices, required=False)
        country = serializers.CharField(
            required=False, max_length=2, help_text="ISO 3166 alpha-2 code."
        )
        sector = SectorField(required=False, help_text="Sector code.")

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return selectors.organization_list(
            viewer=request.user,
            q=filters.get("q", ""),
            kind=filters.get("kind", ""),
            country=filters.get("country", ""),
            sector=filters["sector"].pk if filters.get("sector") else None,
        ).prefetch_related("sectors")


class OrganizationCreateApi(OrganizationApi, CreateApi):
    access = EDITOR
    operation_id = "organizations_create"
    summary = "Register a foreign organization"
    description = (
        "A likely duplicate of a registered organization is refused (409); "
        "`extra.suggestions` names the match(es). Send an `Idempotency-Key` so that a retry "
        "cannot register it twice."
    )
    InputSerializer = OrganizationInputSerializer

    def perform(self, request: Any, values: dict[str, Any]) -> Any:
        data = services.OrganizationInput(**values)
        try:
            return services.organization_create(data=data, actor=request.user)
        except ApplicationError as error:
            _add_suggestions(error, data)
            raise


class OrganizationDetailApi(OrganizationApi, DetailApi):
    operation_id = "organizations_retrieve"
    summary = "A foreign organization"
    versioned = True


class OrganizationUpdateApi(OrganizationApi, UpdateApi):
    access = EDITOR
    description = (
        "PUT replaces every field (absent optional fields are cleared); PATCH changes some. "
        "Both need If-Match (the ETag read); see docs/dev/concurrency.md."
    )
    operation_id = "organizations_partial_update"
    summary = "Change some fields of a foreign organization's record"
    put_operation_id = "organizations_update"
    put_summary = "Replace a foreign organization's record"
    InputSerializer = OrganizationInputSerializer

    def perform(
        self, request: Any, record: Any, values: dict[str, Any], *, partial: bool, expected: int
    ) -> None:
        data = services.OrganizationInput(
            **{**(organization_input_from(record) if partial else {}), **values}
        )
        try:
            services.organization_update(
                organization_id=record.pk, data=data, actor=request.user, expected_version=expected
            )
        except ApplicationError as error:
            _add_suggestions(error, data, exclude_pk=record.pk)
            raise


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


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path(
        "organizations/",
        route(get=OrganizationListApi, post=OrganizationCreateApi),
        name="api-organization-list",
    ),
    path(
        "organizations/<id:pk>/",
        route(
            get=OrganizationDetailApi,
            put=OrganizationUpdateApi,
            patch=OrganizationUpdateApi,
        ),
        name="api-organization-detail",
    ),
]
