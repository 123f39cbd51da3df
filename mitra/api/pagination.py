"""API pagination."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from mitra.core import bounds


class StandardPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
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
        return super().paginate_queryset(queryset, request, view)
