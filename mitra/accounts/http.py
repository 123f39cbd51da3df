"""The request type of a view that only signed-in users reach (for mypy; no runtime effect).

django-stubs types `request.user` as `User | AnonymousUser`. Every view whose declared access
level is not PUBLIC (`mitra.core.access`) runs only for an active signed-in user: AccessMixin and
LoginRequiredMiddleware redirect anyone else first. Annotating such a view's `request` with
`AuthenticatedHttpRequest` says so, so the user passes as a service's `actor: User` without a
cast. The API has its own (`mitra.api.v1.base.AuthenticatedRequest`, DRF's request).
Never use it on a PUBLIC view: nothing checks the annotation against the access level.
"""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    user: User
    htmx: HtmxDetails  # set on every request by django_htmx's middleware (config/settings)
