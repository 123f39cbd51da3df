"""Every view declares its access level, and the declaration is enforced (MGG test_permissions)."""

from django.contrib.auth.views import LogoutView

from mitra.core.access import LEVELS, MEMBER, PUBLIC, AccessMixin

from .urlwalk import html_routes


def test_every_view_declares_a_known_access_level():
    undeclared = [f"{r.name} ({r.view!r})" for r in html_routes() if r.access not in LEVELS]
    assert not undeclared, (
        "Views without an `access` level from mitra.core.access.LEVELS "
        "(declare one: access = MEMBER / EDITOR / …, or @public_view):\n" + "\n".join(undeclared)
    )


def test_levels_above_member_are_enforced_by_access_mixin():
    """MEMBER is enforced by LoginRequiredMiddleware; stricter levels need AccessMixin."""
    unenforced = []
    for route in html_routes():
        if route.access in (PUBLIC, MEMBER):
            continue
        if not (isinstance(route.view, type) and issubclass(route.view, AccessMixin)):
            unenforced.append(f"{route.name} declares {route.access!r} without AccessMixin")
    assert not unenforced, "\n".join(unenforced)


def test_member_views_outside_access_mixin_are_known():
    """A MEMBER view without AccessMixin relies on the middleware alone; list them on purpose."""
    allowed = {LogoutView}
    loose = [
        r.name
        for r in html_routes()
        if r.access == MEMBER
        and not (isinstance(r.view, type) and issubclass(r.view, (AccessMixin, *allowed)))
    ]
    assert not loose, loose


def test_public_views_are_exempt_from_login_and_only_those():
    for route in html_routes():
        exempt = getattr(route.callback, "login_required", True) is False
        assert exempt == route.is_public, (
            f"{route.name}: access={route.access!r} but login_required exemption is {exempt}"
        )


def test_the_walk_would_catch_an_undeclared_view():
    from django.urls import include, path
    from django.views import View

    from .urlwalk import _walk

    def plain(request):  # pragma: no cover - never called
        raise AssertionError

    class Undeclared(AccessMixin, View):
        pass

    nested = ([path("b/", Undeclared.as_view(), name="b")], "ns")
    routes = list(_walk([path("a/", plain, name="a"), path("n/", include(nested))], "", ""))
    assert [(r.name, r.route, r.access) for r in routes] == [
        ("a", "a/", None),
        ("ns:b", "n/b/", ""),
    ]
