"""API pagination."""

from functools import partial
from typing import Any, cast

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from mitra.core import bounds


class CountedPaginator(Paginator):
    """Django's paginator, told the number of objects when the caller has a cheaper way to
    count them than `object_list.count()` (which counts the whole joined list)."""

    def __init__(self, object_list: Any, per_page: int, *, count: int | None = None) -> None:
        super().__init__(object_list, per_page)
        if count is not None:
            self.__dict__["count"] = count  # `count` is a cached_property: this is its value


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(
        self, queryset: Any, request: Request, view: Any = None, *, count: int | None = None
    ) -> Any:
        """`count`: the number of objects in `queryset` when the caller counted them more
        cheaply (it must be exact: it gives the page count and the 404 past the last page)."""
        # A page number that is not 1..PAGE_MAX is a 400 naming `page` (issue 13 §4); a valid
        # number past the last page stays DRF's 404.
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and raw not in self.last_page_strings:
            try:
                number = int(raw)
            except ValueError:
                number = 0
            if not bounds.ID_MIN <= number <= bounds.PAGE_MAX:
                message = _("Enter a page number between 1 and %(max)s.") % {"max": bounds.PAGE_MAX}
                raise ValidationError({self.page_query_param: [message]})
        # DRF only calls it with (queryset, page_size): a partial serves as the class.
        self.django_paginator_class = cast(type[Paginator], partial(CountedPaginator, count=count))
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """`page` and `page_size` with their bounds (a larger `page_size` is cut to the max)."""
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update(minimum=bounds.ID_MIN, maximum=bounds.PAGE_MAX)
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1)
                parameter["description"] = (
                    f"Number of results per page (default {self.page_size}, at most "
                    f"{self.max_page_size}: a larger number gives {self.max_page_size})."
                )
        return parameters
