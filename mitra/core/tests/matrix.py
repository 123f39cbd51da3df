"""The role × URL harness (issue 18 §2): one copy, fed by each app's `tests/url_matrix.py`.

An app keeps its rows in `mitra/<app>/tests/url_matrix.py` (`GET`: (URL name, target) → one
status per role in `world.ROLES` order) and its scene (the objects the targets name) in its
`tests/test_url_matrix.py`, whose tests hand both to the functions here:

    @pytest.mark.parametrize("role", ROLES)
    def test_get_matrix(client, world, role):
        login(client, world, role)
        assert_get_matrix(client, GET, role, kwargs={"": {}, "ford": {"pk": world.ford.pk}})

Writes have the shape `post_cases`: name → (URL, data or a callable making it, one status per
role); `snapshot()` returns what a refused write must leave unchanged (an "audit" count among it
for an allowed write to raise).
"""

from collections.abc import Callable, Collection, Mapping
from typing import Any

from django.urls import reverse

from .urlwalk import html_routes
from .world import ROLES, World

Statuses = tuple[int, ...]
Rows = Mapping[tuple[str, str], Statuses]
PostCases = Mapping[str, tuple[str, Any, Statuses]]
Snapshot = Callable[[], Any]


def login(client: Any, world: World, role: str) -> None:
    """Sign `role`'s user of the world in (anonymous: nobody)."""
    user = world.users[role]
    if user is not None:
        client.force_login(user)


def assert_every_route_has_a_row(
    app: str, rows: Rows, *, elsewhere: frozenset[str] = frozenset(), mixed: bool = False
) -> None:
    """Each of the app's HTML URLs has a row, and each row is one of its URLs (`elsewhere`: the
    app's URLs whose rows are kept in core's matrix; `mixed`: the rows name other apps' URLs
    too, which are not counted here)."""
    names = {r.name for r in html_routes() if r.name.startswith(f"{app}:")} - elsewhere
    rowed = {name for name, _ in rows if not mixed or name.startswith(f"{app}:")}
    assert names == rowed


def assert_get_matrix(
    client: Any,
    rows: Rows,
    role: str,
    *,
    kwargs: Mapping[str, dict[str, Any]] | Callable[[str], dict[str, Any]] | None = None,
    path: Callable[[Any, str, str], str] | None = None,
    read_streams: bool = False,
) -> None:
    """GET every row's URL as the signed-in `role`; each answers with its row's status for that
    role. The URL is the route's path with `kwargs[target]` (a mapping or a callable), or
    `path(routes, name, target)` for URLs with a query string. `read_streams`: read streamed
    answers to the end (an error while streaming then fails the row)."""
    routes = {route.name: route for route in html_routes()}
    column = ROLES.index(role)
    wrong = {}
    for (name, target), statuses in rows.items():
        if path is not None:
            url = path(routes, name, target)
        else:
            assert kwargs is not None, "give kwargs or path"
            url = routes[name].path(kwargs(target) if callable(kwargs) else kwargs[target])
        response = client.get(url)
        if read_streams and hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        if response.status_code != statuses[column]:
            wrong[(name, target)] = (response.status_code, statuses[column])
    assert not wrong, f"{role}: (got, expected) {wrong}"


def _post(client: Any, url: str, data: Any) -> Any:
    return client.post(url, data() if callable(data) else data)


def assert_refused_posts_change_nothing(
    client: Any, role: str, posts: PostCases, snapshot: Snapshot
) -> None:
    """Each write the signed-in `role` may not make (its status for the role other than 302,
    and every write for anonymous) answers that status and changes nothing; anonymous is sent
    to the sign-in page."""
    column = ROLES.index(role)
    for case, (url, data, statuses) in posts.items():
        expected = statuses[column]
        if expected == 302 and role != "anonymous":
            continue
        before = snapshot()
        response = _post(client, url, data)
        assert response.status_code == expected, f"{role} / {case}"
        if role == "anonymous":
            assert response["Location"].startswith(reverse("accounts:login")), case
        assert snapshot() == before, f"{role} / {case} changed data"


def assert_allowed_posts_audit(
    client: Any,
    role: str,
    posts: PostCases,
    snapshot: Snapshot,
    *,
    column: int | None = None,
    changes: bool = True,
    unaudited: Collection[str] = (),
) -> None:
    """Each write the signed-in `role` may make (302 in its column; `column` for a role outside
    ROLES) redirects and writes an audit event (but the cases named in `unaudited`); with
    `changes`, it also changes what `snapshot` sees."""
    index = ROLES.index(role) if column is None else column
    for case, (url, data, statuses) in posts.items():
        if statuses[index] != 302:
            continue
        before = snapshot()
        response = _post(client, url, data)
        assert response.status_code == 302, f"{role} / {case}: {response.status_code}"
        after = snapshot()
        if changes:
            assert after != before, f"{role} / {case} changed nothing"
        if case not in unaudited:
            assert after["audit"] > before["audit"], f"{role} / {case} wrote no audit event"
