"""Anonymous users are sent to the login page from every non-public URL (TCK → MGG url_auth)."""

import pytest
from django.urls import reverse
from django.utils import translation

from mitra.audit.models import AuditEvent

from .urlwalk import html_routes
from .world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url_kwargs(world) -> dict[str, dict[str, object]]:
    """Existing objects for every URL that takes arguments; a new URL must be added here."""
    a = world.kemendagri_active
    return {
        "portal:organization": {"pk": world.ford.pk},
        "portal:opendata_download": {"slug": "organizations", "fmt": "csv"},
        "agreements:detail": {"pk": a.pk},
        "agreements:update": {"pk": a.pk},
        "agreements:transition": {"pk": world.kemendagri_draft.pk, "transition": "sign"},
        "agreements:signatory_add": {"pk": a.pk},
        "agreements:document_add": {"pk": a.pk},
        "agreements:document_download": {"pk": a.pk, "document_pk": world.document.pk},
        "organizations:detail": {"pk": world.ford.pk},
        "organizations:update": {"pk": world.ford.pk},
        "bodies:detail": {"pk": world.kemendagri.pk},
        "intake:review": {"pk": world.submission.pk},
        "intake:detail": {"pk": world.submission.pk},
        # Public: the reset link's page (an invalid link answers 200 with "ask for a new one").
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        # Public by design: a user's private calendar feed (the token is the secret).
        "deadlines:calendar_feed": {"token": _calendar_token(world)},
    }


def _calendar_token(world) -> str:
    from mitra.deadlines.models import CalendarToken

    return CalendarToken.objects.get_or_create(user=world.users["officer"])[0].token


@pytest.mark.parametrize("language", ["id", "en"])
def test_anonymous_get_is_refused_everywhere_but_public_pages(client, language):
    world = build_world()
    kwargs = url_kwargs(world)
    with translation.override(language):
        routes = html_routes()
        login = reverse("accounts:login")
    wrong = []
    for route in routes:
        if route.kwarg_names and route.name not in kwargs:
            if route.is_public:
                wrong.append(f"{route.name}: add its URL arguments to url_kwargs()")
                continue
            # The login redirect comes before any object lookup: any argument will do.
            kwargs[route.name] = dict.fromkeys(route.kwarg_names, 1)
        url = route.path(kwargs.get(route.name))
        response = client.get(url)
        if route.is_public:
            if response.status_code != 200:
                wrong.append(f"public {url} answered {response.status_code}")
        elif response.status_code != 302 or not response["Location"].startswith(f"{login}?next="):
            wrong.append(f"{url} answered {response.status_code} {response.get('Location')}")
    assert not wrong, "\n".join(wrong)
    assert any(r.is_public for r in routes)
    assert any(not r.is_public for r in routes)


def test_anonymous_post_is_refused_and_changes_nothing(client):
    world = build_world()
    kwargs = url_kwargs(world)
    for route in html_routes():
        if route.is_public:
            continue
        arguments = kwargs.get(route.name) or dict.fromkeys(route.kwarg_names, 1)
        response = client.post(route.path(arguments or None), {"title": "x", "reason": "x"})
        assert response.status_code == 302, route.name
    world.kemendagri_draft.refresh_from_db()
    assert world.kemendagri_draft.status == "draft"
    assert not AuditEvent.objects.exists()
