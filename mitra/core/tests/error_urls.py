"""The site's URLs plus one view that fails, to show the 500 page (test_error_pages)."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import handler404
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "urlpatterns"]


def fail(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


urlpatterns = [*site_urlpatterns, path("fail/", fail)]
