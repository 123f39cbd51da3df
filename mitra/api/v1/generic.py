"""Generic API classes: a paginated list, a detail, a create, a versioned update, an action,
and the list and create of the records inside a record.

A concrete class names what differs (its scoped selector, its serializers, the one service it
calls, its documentation as class attributes); the base does the HTTP part the same way
everywhere. Each concrete class stays one operation (ADR 0005); a class that sets
`operation_id` is documented from its attributes (`operations()`), so the OpenAPI document and
the behaviour cannot drift apart. Actions follow one URL convention (ADR 0022):
`POST <resource>/<id>/actions/<name>/`.
"""

from collections.abc import Callable
from operator import attrgetter
from typing import Any, ClassVar

from django.http import Http404, HttpRequest, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from mitra.api.pagination import StandardPagination

from .base import (
    DETAIL_ERRORS,
    ETAG_HEADER,
    IDEMPOTENCY_KEY,
    IDEMPOTENT_REPLAYED,
    IF_MATCH,
    READ_ERRORS,
    WRITE_DETAIL_ERRORS,
    ApiView,
    VersionedUpdateMixin,
    create_responses,
    errors,
    idempotent,
    paginated_response,
    update_responses,
    with_etag,
)

# What a resource's detail gives: its data as GET shows it, and its version (None: unversioned).
Shown = tuple[Any, int | None]


def parsed(serializer_class: Any, data: Any, **context: Any) -> dict[str, Any]:
    """`data` validated by `serializer_class` (400 naming the fields), or {} without one.
    `context` reaches the serializer (an input that scopes its choices reads "user")."""
    if serializer_class is None:
        return {}
    serializer = serializer_class(data=data, context=context)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class CallsService:
    # An operation whose work is ONE call of `service`, the service function, with the id of
    # the record it acts on (or adds to) as the keyword `record_id` names ("meeting_id"; a
    # resource's base names it once), the caller as `actor`, and the parsed input as keywords
    # (an optional field left out takes the service's default). A class whose call has another
    # shape overrides `perform` instead.

    service: ClassVar[Callable[..., Any]]
    record_id: ClassVar[str] = ""

    def call_service(self, request: Any, record: Any, data: dict[str, Any], **extra: Any) -> Any:
        return type(self).service(
            **{self.record_id: record.pk}, actor=request.user, **extra, **data
        )


class DocumentedApi(ApiView):
    # The documentation of the class's operation, from its attributes: set `operation_id` (and
    # `summary`, `description`) on a concrete class; `tags` usually on the resource's base.
    # (Comments, not docstrings: drf-spectacular would show a docstring in every operation.)

    operation_id: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    description: ClassVar[str] = ""
    tags: ClassVar[list[str]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("operation_id"):
            extend_schema_view(**cls.operations())(cls)

    @classmethod
    def operations(cls) -> dict[str, Any]:
        """HTTP method → `extend_schema(...)` of the class's operation(s)."""
        raise NotImplementedError

    @classmethod
    def documented(cls, **kwargs: Any) -> Any:
        return extend_schema(
            operation_id=cls.operation_id,
            tags=cls.tags,
            summary=cls.summary,
            description=cls.description or None,
            **kwargs,
        )


class ShownApi(DocumentedApi):
    # A class that answers with one record as its detail GET shows it: `show` gives the data
    # and the version (the ETag), `output` is the serializer that shows and documents it. By
    # default `show` reads the record through `read` (user=, pk=), the resource's scoped
    # selector for its GET (outside the scope: 404), and shows it with `output` (its context:
    # the caller as "user", and the request); a resource whose data needs more than that names
    # its one function for the data, `detail(user=, pk=)`, instead. A "version" in the data is
    # the ETag.

    output: ClassVar[Any] = None
    read: ClassVar[Callable[..., Any]]
    detail: ClassVar[Callable[..., Any] | None] = None
    # The scoped selector (user=, pk=) that gives the record a change or an action may touch
    # (outside the scope: 404); `get_object` calls it unless a class needs more.
    fetch: ClassVar[Callable[..., Any]]

    def show(self, request: Any, pk: int) -> Shown:
        cls = type(self)
        if cls.detail is not None:
            data = cls.detail(user=request.user, pk=pk)
        else:
            record = cls.read(user=request.user, pk=pk)
            data = cls.output(record, context={"user": request.user, "request": request}).data
        return data, data.get("version")

    def get_object(self, request: Any, pk: int) -> Any:
        return type(self).fetch(user=request.user, pk=pk)

    def shown(self, request: Any, pk: int, status: int = 200) -> Response:
        data, version = self.show(request, pk)
        response = Response(data, status=status)
        return response if version is None else with_etag(response, version)


# --- list ------------------------------------------------------------------------------------


class ListApi(DocumentedApi):
    # GET a paginated list: the query string parsed by `FilterSerializer` (400 naming the
    # field), `get_queryset(request, filters)` from a scoped selector, one page serialised by
    # `serializer_class`. A list with its own page building (the agreement list's cache)
    # overrides `get` and still calls `filters`.

    pagination_class = StandardPagination
    serializer_class: ClassVar[type[serializers.Serializer]]
    FilterSerializer: ClassVar[type[serializers.Serializer] | None] = None

    @classmethod
    def operations(cls) -> dict[str, Any]:
        filtered = cls.FilterSerializer is not None
        return {
            "get": cls.documented(
                parameters=[cls.FilterSerializer] if filtered else None,
                responses={
                    200: cls.serializer_class(many=True),
                    **errors(*((400,) if filtered else ()), *READ_ERRORS),
                },
            )
        }

    def filters(self, request: Request) -> dict[str, Any]:
        return parsed(self.FilterSerializer, request.query_params)

    def get_queryset(self, request: Any, filters: dict[str, Any]) -> Any:
        raise NotImplementedError

    def get(self, request: Request) -> Response:
        return paginated_response(
            queryset=self.get_queryset(request, self.filters(request)),
            serializer_class=self.serializer_class,
            request=request,
            view=self,
        )


# --- detail ----------------------------------------------------------------------------------


class DetailApi(ShownApi):
    # GET one record through the scoped selector in `show` (outside the scope: 404), with its
    # ETag when it is versioned (`versioned = True`).

    versioned: ClassVar[bool] = False

    @classmethod
    def operations(cls) -> dict[str, Any]:
        return {
            "get": cls.documented(
                parameters=[ETAG_HEADER] if cls.versioned else None,
                responses={200: cls.output, **errors(*DETAIL_ERRORS)},
            )
        }

    def get(self, request: Request, pk: int) -> Response:
        return self.shown(request, pk)


# --- update ----------------------------------------------------------------------------------


class UpdateApi(VersionedUpdateMixin, ShownApi):
    # PATCH (and PUT where `put_operation_id` is set) of a versioned record; see
    # docs/dev/concurrency.md. `get_object` fetches it through the scoped selector that allows
    # the change, `If-Match` is checked (428 without it, 412 and the record as it is now when
    # stale), `InputSerializer` parses (the caller is its context's "user"), `perform` calls the
    # ONE update service with the version, and the answer is the record as its GET shows it,
    # with the new ETag.

    InputSerializer: ClassVar[Any] = None
    put_operation_id: ClassVar[str] = ""
    put_summary: ClassVar[str] = ""

    @classmethod
    def operations(cls) -> dict[str, Any]:
        def documented(operation_id: str, summary: str) -> Any:
            return extend_schema(
                operation_id=operation_id,
                tags=cls.tags,
                summary=summary,
                description=cls.description or None,
                request=cls.InputSerializer,
                parameters=[IF_MATCH, ETAG_HEADER],
                responses=update_responses(cls.output),
            )

        found = {"patch": documented(cls.operation_id, cls.summary)}
        if cls.put_operation_id:
            found["put"] = documented(cls.put_operation_id, cls.put_summary)
        return found

    def current_state(self, request: Request, **kwargs: Any) -> tuple[Any, int]:
        data, version = self.show(request, kwargs["pk"])
        return data, version or 0

    def perform(
        self, request: Any, record: Any, values: dict[str, Any], *, partial: bool, expected: int
    ) -> None:
        """Call the update service: `values` are what was sent (all fields unless partial)."""
        raise NotImplementedError

    def update(self, request: Request, pk: int, *, partial: bool) -> Response:
        record = self.get_object(request, pk)
        expected = self.check_version(request, record)
        serializer = self.InputSerializer(
            data=request.data, partial=partial, context={"user": request.user}
        )
        serializer.is_valid(raise_exception=True)
        values = dict(serializer.validated_data)
        self.perform(request, record, values, partial=partial, expected=expected)
        return self.shown(request, pk)

    def put(self, request: Request, pk: int) -> Response:
        return self.update(request, pk, partial=False)

    def patch(self, request: Request, pk: int) -> Response:
        return self.update(request, pk, partial=True)


# --- create ----------------------------------------------------------------------------------


class CreateApi(ShownApi):
    # POST a new record to a collection, idempotent under `Idempotency-Key` (mitra.api.v1.base
    # `idempotent`): `InputSerializer` parses the body (the caller is its context's "user"),
    # `perform` calls the ONE create service and returns the new record, and the answer is 201
    # with the record as its GET shows it and its ETag. `create_errors` are the documented
    # error codes besides 409/422 (default: base.WRITE_ERRORS).

    InputSerializer: ClassVar[Any] = None
    create_errors: ClassVar[tuple[int, ...]] = ()

    @classmethod
    def operations(cls) -> dict[str, Any]:
        return {
            "post": cls.documented(
                request=cls.InputSerializer,
                parameters=[IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED, ETAG_HEADER],
                responses=create_responses(cls.output, *cls.create_errors),
            )
        }

    def perform(self, request: Any, values: dict[str, Any]) -> Any:
        """Call the create service with the parsed `values`; return the new record."""
        raise NotImplementedError

    @idempotent
    def post(self, request: Request) -> Response:
        values = parsed(self.InputSerializer, request.data, user=request.user)
        record = self.perform(request, values)
        return self.shown(request, record.pk, status=201)


# --- records inside a record -----------------------------------------------------------------


class NestedApi(DocumentedApi):
    # The records inside one record (a meeting's attendees, an agreement's documents, a
    # permit's izin operasional): `get_parent` fetches the record they belong to through the
    # scoped selector `fetch` (user=, pk=; outside the scope: 404), `serializer_class` shows
    # one of them.

    serializer_class: ClassVar[Any]
    fetch: ClassVar[Callable[..., Any]]

    def get_parent(self, request: Any, pk: int) -> Any:
        return type(self).fetch(user=request.user, pk=pk)


class NestedListApi(NestedApi):
    # GET the records inside one record, all of them (not paginated): `rows(parent)`, by
    # default the parent's relation named by `related` (a dotted path: "organization.staff").

    related: ClassVar[str] = ""

    @classmethod
    def operations(cls) -> dict[str, Any]:
        return {
            "get": cls.documented(
                responses={200: cls.serializer_class(many=True), **errors(*DETAIL_ERRORS)}
            )
        }

    def rows(self, parent: Any) -> Any:
        return attrgetter(self.related)(parent).all()

    def get(self, request: Request, pk: int) -> Response:
        rows = self.rows(self.get_parent(request, pk))
        return Response(self.serializer_class(rows, many=True).data)


class NestedCreateApi(CallsService, NestedApi):
    # POST a record inside one record: `get_parent` through the selector that allows the
    # change, `InputSerializer` parses the body (the caller is its context's "user"), `perform`
    # calls the ONE service (by default `service`, the parent's id as `record_id`) and returns
    # the new record, answered 201 as `serializer_class` shows it. `request_body` documents a
    # body that is not JSON (an upload).

    InputSerializer: ClassVar[Any] = None

    @classmethod
    def request_body(cls) -> Any:
        return cls.InputSerializer

    @classmethod
    def operations(cls) -> dict[str, Any]:
        return {
            "post": cls.documented(
                request=cls.request_body(),
                responses={201: cls.serializer_class, **errors(*WRITE_DETAIL_ERRORS)},
            )
        }

    def perform(self, request: Any, parent: Any, data: dict[str, Any]) -> Any:
        return self.call_service(request, parent, data)

    def post(self, request: Request, pk: int) -> Response:
        parent = self.get_parent(request, pk)
        data = parsed(self.InputSerializer, request.data, user=request.user)
        created = self.perform(request, parent, data)
        return Response(self.serializer_class(created).data, status=201)


# --- actions ---------------------------------------------------------------------------------


class ActionApi(CallsService, ShownApi):
    # POST <resource>/<id>/actions/<name>/: one action of a record. `get_object` fetches the
    # record through the scoped selector that allows the action (outside the scope: 404),
    # `InputSerializer` parses the body (None: the action takes none; the caller is its
    # context's "user"), `perform` calls the ONE service function (by default `service`, the
    # record's id as `record_id`) and returns what it returned; the answer is `respond(...)`,
    # by default the record as its GET shows it, or (`answers_result = True`) what `perform`
    # returned as `output` shows it, for a record with no detail GET of its own. A refusal is
    # the API's error shape: a rule the service names (ApplicationError, 400) or a transition
    # the state machine does not allow (400, mitra.api.exception_handlers).

    InputSerializer: ClassVar[Any] = None
    answers_result: ClassVar[bool] = False

    @classmethod
    def operations(cls) -> dict[str, Any]:
        return {
            "post": cls.documented(
                parameters=cls.path_parameters() or None,
                request=cls.InputSerializer,
                responses={200: cls.output, **errors(*WRITE_DETAIL_ERRORS)},
            )
        }

    @classmethod
    def path_parameters(cls) -> list[OpenApiParameter]:
        return []

    def validate(self, request: Request) -> dict[str, Any]:
        return parsed(self.InputSerializer, request.data, user=request.user)

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        return self.call_service(request, record, data)

    def respond(self, request: Any, pk: int, result: Any) -> Response:
        if self.answers_result:
            return Response(self.output(result).data)
        return self.shown(request, pk)

    def post(self, request: Request, pk: int, **kwargs: Any) -> Response:
        record = self.get_object(request, pk)
        data = self.validate(request)
        result = self.perform(request, record, data)
        return self.respond(request, pk, result)


class TransitionApi(ActionApi):
    # The state-machine moves of one resource that all take the same input and go through one
    # service function with the transition's name (`service(..., transition=name, ...)`): one
    # class and one operation whose `name` is one of `transitions` (any other name: 404,
    # before the record is looked up).

    transitions: ClassVar[Any] = ()

    @classmethod
    def path_parameters(cls) -> list[OpenApiParameter]:
        return [
            OpenApiParameter(
                "name",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(cls.transitions),
                description="The transition.",
            )
        ]

    @property
    def transition(self) -> str:
        return str(self.kwargs["name"])

    def perform(self, request: Any, record: Any, data: dict[str, Any]) -> Any:
        return self.call_service(request, record, data, transition=self.transition)

    def post(self, request: Request, pk: int, **kwargs: Any) -> Response:
        if self.transition not in self.transitions:
            raise Http404
        return super().post(request, pk, **kwargs)


def actions(**apis: type[ActionApi]) -> Callable[..., HttpResponse]:
    """One URL `<resource>/<id>/actions/<slug:name>/` served by one class per action:
    `actions(submit=SubmitApi, withdraw=WithdrawApi)`. Another name is a 404.

    The schema generator (mitra.api.schema) documents each action as its own path and
    operation, with its own input schema; the URL name stays one (reverse with `name=`).
    """
    views = {name: api.as_view() for name, api in apis.items()}

    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        handler = views.get(kwargs.get("name", ""))
        if handler is None:
            return _not_found(request)
        return handler(request, *args, **kwargs)

    view.csrf_exempt = True  # type: ignore[attr-defined]  # DRF's session auth checks CSRF
    view.login_required = False  # type: ignore[attr-defined]  # DRF authenticates (see ApiView)
    view.action_views = views  # type: ignore[attr-defined]
    view.method_views = {"POST": view}  # type: ignore[attr-defined]
    # The access level per action, for tests that walk the URLconf.
    view.access = {n: getattr(v.cls, "access", "") for n, v in views.items()}  # type: ignore[attr-defined]
    return view


def _not_found(request: HttpRequest) -> HttpResponse:
    # An unknown action: the same 404 as an unknown route, in the API's error shape.
    from mitra.api.exception_handlers import page_not_found

    return page_not_found(request, Http404())
