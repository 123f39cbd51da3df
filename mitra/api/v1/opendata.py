"""Open data endpoints: public datasets as streamed JSON, and their change feeds.

No login (access PUBLIC): the rows come from mitra.portal.opendata, which reads only public
data. One list class and one change-feed class per dataset, so each has its own schema.
"""

from datetime import datetime
from typing import Any

from django.http import StreamingHttpResponse
from django.urls import path
from django.utils.dateparse import parse_datetime
from django.utils.text import format_lazy
from django.utils.timezone import is_naive, make_aware
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from mitra.core.access import PUBLIC
from mitra.core.exceptions import ApplicationError
from mitra.portal import opendata

from .base import ApiView, DateField, DateTimeField, errors

MAX_LIMIT = 5000
DEFAULT_LIMIT = 1000
INTEGER_COLUMNS = {"on_time", "late", "overdue", "not_yet_due", "planned_beneficiaries",
                   "actual_beneficiaries"}  # fmt: skip
DATE_COLUMNS = {"start_date", "end_date", "valid_from", "valid_until", "status_changed_on",
                "concluded_on", "period_start", "period_end", "first_submitted_on"}  # fmt: skip
DATETIME_COLUMNS = {"updated_at", "starts_at"}


def _field(column: opendata.Column) -> serializers.Field:
    text = column.description  # lazy: translated when the schema is rendered, in its language
    if column.name in INTEGER_COLUMNS:
        return serializers.IntegerField(help_text=text)
    if column.name in DATE_COLUMNS:
        return DateField(help_text=text, allow_null=True)
    if column.name in DATETIME_COLUMNS:
        return DateTimeField(help_text=text)
    return serializers.CharField(help_text=text, allow_null=True)


def _row_serializer(dataset: opendata.Dataset) -> type[serializers.Serializer]:
    name = "Open" + "".join(part.title() for part in dataset.slug.split("-")) + "Row"
    fields = {column.name: _field(column) for column in dataset.columns}
    return type(name, (serializers.Serializer,), fields)


def _feed_serializer(dataset: opendata.Dataset, row: type) -> type[serializers.Serializer]:
    name = "Open" + "".join(part.title() for part in dataset.slug.split("-")) + "Changes"
    return type(
        name,
        (serializers.Serializer,),
        {
            "results": row(many=True),
            "next": serializers.CharField(
                allow_null=True,
                help_text="Query string of the next page (null when this page was the last).",
            ),
        },
    )


def _parse_since(request: Request) -> tuple[datetime, int, int]:
    raw = request.query_params.get("since", "")
    since = parse_datetime(raw.replace(" ", "+")) if raw else None
    if since is None:
        raise ApplicationError(
            "Give `since` as an ISO 8601 date and time, e.g. 2026-01-01T00:00:00Z.",
            extra={"since": ["Required: an ISO 8601 date and time."]},
        )
    if is_naive(since):
        since = make_aware(since)
    try:
        after_id = int(request.query_params.get("after_id", "0") or 0)
        limit = int(request.query_params.get("limit", DEFAULT_LIMIT) or DEFAULT_LIMIT)
    except ValueError as exc:
        raise ApplicationError(
            "`after_id` and `limit` are whole numbers.", extra={"limit": ["A whole number."]}
        ) from exc
    if not 1 <= limit <= MAX_LIMIT or after_id < 0:
        raise ApplicationError(
            f"`limit` is between 1 and {MAX_LIMIT}.", extra={"limit": ["Out of range."]}
        )
    return since, after_id, limit


def _stream_feed(dataset: opendata.Dataset, rows: Any, limit: int) -> Any:
    """{"results": [...], "next": "..."}: rows first, the cursor once the last row is known."""
    from urllib.parse import urlencode

    names = dataset.names
    width = len(names)
    yield '{"results":['
    last: tuple | None = None
    count = 0
    for row in rows.iterator(chunk_size=opendata.CHUNK):
        values = row[:width]
        item = opendata.json.dumps(
            dict(zip(names, map(opendata.plain, values), strict=True)), ensure_ascii=False
        )
        yield item if count == 0 else "," + item
        count += 1
        last = row
    following = None
    if last is not None and count == limit:
        following = "?" + urlencode(
            {
                "since": last[names.index("updated_at")].isoformat(),
                "after_id": last[-1],
                "limit": limit,
            }  # fmt: skip
        )
    yield '],"next":' + opendata.json.dumps(following) + "}"


def make_apis(dataset: opendata.Dataset) -> tuple[type[ApiView], type[ApiView] | None]:
    row = _row_serializer(dataset)
    columns = ", ".join(f"`{c.name}`" for c in dataset.columns)

    class ListApi(ApiView):
        access = PUBLIC

        @extend_schema(
            operation_id=f"open_{dataset.slug.replace('-', '_')}_list",
            tags=["open data"],
            summary=f"Open data: {dataset.slug} (all rows, streamed JSON array)",
            # Lazy: the dataset's description is translated when the schema is rendered (in
            # the schema's language), not in whatever language was active at import.
            description=format_lazy(
                "{} Public data only; no login. The whole dataset as one JSON array, streamed "
                "in constant memory. Columns: {}. CSV and XLSX: "
                "/<lang>/portal/open-data/{}.csv (or .xlsx).",
                dataset.description,
                columns,
                dataset.slug,
            ),
            parameters=(
                [
                    OpenApiParameter(
                        "as_of",
                        OpenApiTypes.DATE,
                        description="The rows as they stood at the end of this past day, "
                        "rebuilt from the audit history. Default: now.",
                    )
                ]
                if dataset.as_of_rows
                else []
            ),
            responses={
                200: OpenApiResponse(row(many=True), description="Every row."),
                **errors(400),
            },
        )
        def get(self, request: Request) -> StreamingHttpResponse:
            if not dataset.enabled():
                raise NotFound()
            on = opendata.parse_as_of(request.query_params.get("as_of", ""), dataset)
            rows = (
                opendata.iter_rows(dataset, dataset.as_of_rows(on))
                if on and dataset.as_of_rows
                else None
            )
            return StreamingHttpResponse(
                opendata.stream(dataset, "json", rows), content_type=opendata.CONTENT_TYPES["json"]
            )

    ListApi.__name__ = ListApi.__qualname__ = row.__name__.replace("Row", "ListApi")
    if not dataset.feed:
        return ListApi, None

    class ChangesApi(ApiView):
        access = PUBLIC

        @extend_schema(
            operation_id=f"open_{dataset.slug.replace('-', '_')}_changes",
            tags=["open data"],
            summary=f"Open data: {dataset.slug} changed since a moment (change feed)",
            description=(
                "Rows whose `updated_at` is at or after `since`, ordered by `updated_at` and "
                "identifier, at most `limit`. Follow `next` (a query string carrying the last "
                "row's `updated_at` and number as `since` and `after_id`) until it is null. "
                "Agreements that ended (expired, terminated, superseded) and organizations "
                "archived are announced with their new status; a record withdrawn from "
                "publication is not: reconcile with the full download now and then."
            ),
            parameters=[
                OpenApiParameter("since", OpenApiTypes.DATETIME, required=True),
                OpenApiParameter(
                    "after_id",
                    OpenApiTypes.INT,
                    description="Of the rows changed exactly at `since`, only those after it.",
                ),
                OpenApiParameter(
                    "limit", OpenApiTypes.INT, description=f"1–{MAX_LIMIT} (default 1000)."
                ),
            ],
            responses={200: _feed_serializer(dataset, row), **errors(400)},
        )
        def get(self, request: Request) -> StreamingHttpResponse:
            if not dataset.enabled():
                raise NotFound()
            since, after_id, limit = _parse_since(request)
            rows = opendata.changes(dataset, since=since, after_id=after_id, limit=limit)
            return StreamingHttpResponse(
                _stream_feed(dataset, rows, limit), content_type=opendata.CONTENT_TYPES["json"]
            )

    ChangesApi.__name__ = ChangesApi.__qualname__ = row.__name__.replace("Row", "ChangesApi")
    return ListApi, ChangesApi


APIS = {slug: make_apis(dataset) for slug, dataset in opendata.DATASETS.items()}


# --- routes (included by mitra.api.urls) ----------------------------------------------------

urlpatterns = [
    *[
        path(f"open/{slug}/", list_api.as_view(), name=f"api-open-{slug}")
        for slug, (list_api, _) in APIS.items()
    ],
    *[
        path(f"open/{slug}/changes/", changes_api.as_view(), name=f"api-open-{slug}-changes")
        for slug, (_, changes_api) in APIS.items()
        if changes_api is not None
    ],
]
