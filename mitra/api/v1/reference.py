"""Reference data: government bodies, provinces, regencies/cities. Readable by any member."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mitra.api.pagination import StandardPagination
from mitra.bodies.models import GovernmentBody
from mitra.core.access import MEMBER
from mitra.core.search import words_q
from mitra.regions.models import Province, Regency

from .base import (
    DETAIL_ERRORS,
    READ_ERRORS,
    ApiView,
    DateField,
    ProvinceField,
    errors,
    paginated_response,
)

# --- selectors (reference data is not scoped: every signed-in user reads all of it) -------


class GovernmentBodyFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q")
    kind = django_filters.ChoiceFilter(choices=GovernmentBody.Kind.choices)
    top_level = django_filters.BooleanFilter(field_name="parent", lookup_expr="isnull")

    class Meta:
        model = GovernmentBody
        fields = ["kind"]

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        found = words_q(value)
        return queryset.filter(found) if found is not None else queryset


def body_list(*, filters: dict[str, Any] | None = None) -> QuerySet[GovernmentBody]:
    """Bodies matching name/acronym/alias text, kind and top-level-ness, by name."""
    qs = GovernmentBody.objects.select_related("parent", "province", "regency").order_by(
        "name", "id"
    )
    return GovernmentBodyFilter(filters or {}, queryset=qs).qs


def body_get(*, pk: int) -> GovernmentBody:
    body = (
        GovernmentBody.objects.select_related("parent", "province", "regency")
        .prefetch_related("units", "successors", "predecessors")
        .filter(pk=pk)
        .first()
    )
    if body is None:
        raise Http404
    return body


class RegencyFilter(django_filters.FilterSet):
    province = django_filters.CharFilter(field_name="province__code")
    kind = django_filters.ChoiceFilter(choices=Regency.Kind.choices)
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Regency
        fields = ["kind"]


def province_list() -> QuerySet[Province]:
    return Province.objects.order_by("code")


def regency_list(*, filters: dict[str, Any] | None = None) -> QuerySet[Regency]:
    qs = Regency.objects.select_related("province").order_by("code")
    return RegencyFilter(filters or {}, queryset=qs).qs


# --- shared output shapes -----------------------------------------------------------------


@extend_schema_serializer(component_name="BodyRef")
class BodyRefSerializer(serializers.Serializer):
    """A government body as referenced from other records."""

    id = serializers.IntegerField()
    key = serializers.CharField()
    name = serializers.CharField()
    acronym = serializers.CharField()


@extend_schema_serializer(component_name="Body")
class BodyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    key = serializers.CharField(help_text="Stable identifier used in API input (e.g. kemendagri).")
    name = serializers.CharField()
    name_en = serializers.CharField()
    acronym = serializers.CharField()
    aliases = serializers.ListField(child=serializers.CharField())
    kind = serializers.ChoiceField(choices=GovernmentBody.Kind.choices)
    parent = BodyRefSerializer(allow_null=True)
    province = serializers.CharField(
        source="province.code", allow_null=True, default=None, help_text="Kemendagri code."
    )
    regency = serializers.CharField(
        source="regency.code", allow_null=True, default=None, help_text="Kemendagri code."
    )
    valid_from = DateField(allow_null=True)
    valid_until = DateField(allow_null=True)


# --- bodies -------------------------------------------------------------------------------


class BodyListApi(ApiView):
    access = MEMBER
    pagination_class = StandardPagination

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(
            required=False, help_text="Any name, English name, acronym or alias."
        )
        kind = serializers.ChoiceField(choices=GovernmentBody.Kind.choices, required=False)
        top_level = serializers.BooleanField(
            required=False, allow_null=True, default=None, help_text="Only top-level bodies."
        )

    @extend_schema(
        operation_id="bodies_list",
        tags=["reference"],
        summary="List government bodies",
        parameters=[FilterSerializer],
        responses={200: BodyOutputSerializer(many=True), **errors(400, *READ_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = {k: v for k, v in filters.validated_data.items() if v is not None}
        return paginated_response(
            queryset=body_list(filters=data),
            serializer_class=BodyOutputSerializer,
            request=request,
            view=self,
        )


class BodyDetailApi(ApiView):
    access = MEMBER

    @extend_schema_serializer(component_name="BodyDetail")
    class OutputSerializer(BodyOutputSerializer):
        units = BodyRefSerializer(many=True, source="units.all")
        successors = BodyRefSerializer(many=True, source="successors.all")
        predecessors = BodyRefSerializer(many=True, source="predecessors.all")

    @extend_schema(
        operation_id="bodies_retrieve",
        tags=["reference"],
        summary="A government body with its units, predecessors and successors",
        responses={200: OutputSerializer, **errors(*DETAIL_ERRORS)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.OutputSerializer(body_get(pk=pk)).data)


# --- regions ------------------------------------------------------------------------------


class ProvinceListApi(ApiView):
    access = MEMBER
    pagination_class = StandardPagination

    @extend_schema_serializer(component_name="Province")
    class OutputSerializer(serializers.Serializer):
        code = serializers.CharField(help_text='Kemendagri code, e.g. "33".')
        name = serializers.CharField()
        latitude = serializers.FloatField(allow_null=True)
        longitude = serializers.FloatField(allow_null=True)

    @extend_schema(
        operation_id="provinces_list",
        tags=["reference"],
        summary="List provinces (Kemendagri codes)",
        responses={200: OutputSerializer(many=True), **errors(*READ_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            queryset=province_list(),
            serializer_class=self.OutputSerializer,
            request=request,
            view=self,
        )


class RegencyListApi(ApiView):
    access = MEMBER
    pagination_class = StandardPagination

    class FilterSerializer(serializers.Serializer):
        province = ProvinceField(required=False, help_text='Kemendagri province code, e.g. "33".')
        kind = serializers.ChoiceField(choices=Regency.Kind.choices, required=False)
        q = serializers.CharField(required=False, help_text="Part of the name.")

    @extend_schema_serializer(component_name="Regency")
    class OutputSerializer(serializers.Serializer):
        code = serializers.CharField(help_text='Kemendagri code, e.g. "33.01".')
        name = serializers.CharField()
        kind = serializers.ChoiceField(choices=Regency.Kind.choices)
        province = serializers.CharField(source="province.code")
        latitude = serializers.FloatField(allow_null=True)
        longitude = serializers.FloatField(allow_null=True)

    @extend_schema(
        operation_id="regencies_list",
        tags=["reference"],
        summary="List regencies and cities, optionally of one province",
        parameters=[FilterSerializer],
        responses={200: OutputSerializer(many=True), **errors(400, *READ_ERRORS)},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = dict(filters.validated_data)
        if data.get("province") is not None:
            data["province"] = data["province"].code
        return paginated_response(
            queryset=regency_list(filters=data),
            serializer_class=self.OutputSerializer,
            request=request,
            view=self,
        )


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path("bodies/", BodyListApi.as_view(), name="api-body-list"),
    path("bodies/<id:pk>/", BodyDetailApi.as_view(), name="api-body-detail"),
    path("regions/provinces/", ProvinceListApi.as_view(), name="api-province-list"),
    path("regions/regencies/", RegencyListApi.as_view(), name="api-regency-list"),
]
