"""Reference data: government bodies, provinces, regencies/cities. Readable by any member."""

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from mitra.bodies.models import GovernmentBody
from mitra.core.access import MEMBER
from mitra.core.search import words_q
from mitra.regions.models import Province, Regency

from .base import ApiView, DateField, ProvinceField
from .generic import DetailApi, ListApi

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


def body_get(*, user: Any, pk: int) -> GovernmentBody:
    # `user`: as for every read of one record; reference data is not scoped.
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


class ReferenceApi(ApiView):
    # Reference data: for any member, not scoped.
    access = MEMBER
    tags = ["reference"]


class BodyListApi(ReferenceApi, ListApi):
    operation_id = "bodies_list"
    summary = "List government bodies"
    serializer_class = BodyOutputSerializer

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(
            required=False, help_text="Any name, English name, acronym or alias."
        )
        kind = serializers.ChoiceField(choices=GovernmentBody.Kind.choices, required=False)
        top_level = serializers.BooleanField(
            required=False, allow_null=True, default=None, help_text="Only top-level bodies."
        )

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return body_list(filters={k: v for k, v in filters.items() if v is not None})


@extend_schema_serializer(component_name="BodyDetail")
class BodyDetailSerializer(BodyOutputSerializer):
    units = BodyRefSerializer(many=True, source="units.all")
    successors = BodyRefSerializer(many=True, source="successors.all")
    predecessors = BodyRefSerializer(many=True, source="predecessors.all")


class BodyDetailApi(ReferenceApi, DetailApi):
    operation_id = "bodies_retrieve"
    summary = "A government body with its units, predecessors and successors"
    output = BodyDetailSerializer
    read = staticmethod(body_get)


# --- regions ------------------------------------------------------------------------------


@extend_schema_serializer(component_name="Province")
class ProvinceSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='Kemendagri code, e.g. "33".')
    name = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class ProvinceListApi(ReferenceApi, ListApi):
    operation_id = "provinces_list"
    summary = "List provinces (Kemendagri codes)"
    serializer_class = ProvinceSerializer

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        return province_list()


@extend_schema_serializer(component_name="Regency")
class RegencySerializer(serializers.Serializer):
    code = serializers.CharField(help_text='Kemendagri code, e.g. "33.01".')
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Regency.Kind.choices)
    province = serializers.CharField(source="province.code")
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class RegencyListApi(ReferenceApi, ListApi):
    operation_id = "regencies_list"
    summary = "List regencies and cities, optionally of one province"
    serializer_class = RegencySerializer

    class FilterSerializer(serializers.Serializer):
        province = ProvinceField(required=False, help_text='Kemendagri province code, e.g. "33".')
        kind = serializers.ChoiceField(choices=Regency.Kind.choices, required=False)
        q = serializers.CharField(required=False, help_text="Part of the name.")

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        if filters.get("province") is not None:
            filters["province"] = filters["province"].code
        return regency_list(filters=filters)


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    path("bodies/", BodyListApi.as_view(), name="api-body-list"),
    path("bodies/<id:pk>/", BodyDetailApi.as_view(), name="api-body-detail"),
    path("regions/provinces/", ProvinceListApi.as_view(), name="api-province-list"),
    path("regions/regencies/", RegencyListApi.as_view(), name="api-regency-list"),
]
