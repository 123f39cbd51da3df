"""Every sanctions URL × every role, refused writes change nothing, allowed writes audit."""

from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.tests import files
from mitra.audit.models import AuditEvent
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.tests.helpers import freeze_today
from mitra.core.tests.matrix import (
    assert_allowed_posts_audit,
    assert_every_route_has_a_row,
    assert_get_matrix,
    assert_refused_posts_change_nothing,
    login,
)
from mitra.core.tests.world import ROLES, World, build_world
from mitra.sanctions import services
from mitra.sanctions.models import SanctionCase, SanctionEvidence

from .conftest import move
from .url_matrix import GET

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world() -> World:
    w = build_world()
    kemlu = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri", acronym="Kemlu")
    w.users["secretariat"] = UserFactory(username="kemlu", officer=True, body=kemlu)
    return w


def cases(world: World) -> dict[str, Any]:
    secretariat = world.users["secretariat"]

    def opened(org):
        return services.sanction_case_open(
            organization=org,
            violation="Breach.",
            source="monitoring",
            reported_on=date(2026, 1, 5),
            actor=secretariat,
        )

    ford_case = move(opened(world.ford), "assess", secretariat, date(2026, 1, 6))
    ford_case = move(ford_case, "escalate", secretariat, date(2026, 1, 7))
    public = services.sanction_evidence_upload(
        case_id=ford_case.pk,
        upload=files.pdf(),
        title="Letter",
        internal=False,
        actor=secretariat,
    )
    internal = services.sanction_evidence_upload(
        case_id=ford_case.pk, upload=files.pdf(), title="Memo", actor=secretariat
    )
    ford_warning = move(opened(world.ford), "assess", secretariat, date(2026, 1, 6))
    ford_warning = move(ford_warning, "escalate", secretariat, date(2026, 1, 7))
    ford_warning = move(ford_warning, "escalate", secretariat, date(2026, 1, 8))
    with freeze_today(date(2026, 1, 9)):
        objection = services.sanction_objection_file(
            case_id=ford_warning.pk,
            grounds="Not our partner.",
            actor=world.users["org_representative"],
        )
    return {
        "objection": objection,
        "ford_case": ford_case,
        "ford_reported": opened(world.ford),
        "path_case": opened(world.other_org),
        "public": public,
        "internal": internal,
    }


def kwargs_for(c: dict[str, Any], target: str) -> dict[str, Any]:
    return {
        "": {},
        "ford_case": {"pk": c["ford_case"].pk},
        "ford_reported": {"pk": c["ford_reported"].pk},
        "path_case": {"pk": c["path_case"].pk},
        "ford_public_evidence": {"pk": c["ford_case"].pk, "evidence_pk": c["public"].pk},
        "ford_internal_evidence": {"pk": c["ford_case"].pk, "evidence_pk": c["internal"].pk},
        "path_case_with_ford_evidence": {"pk": c["path_case"].pk, "evidence_pk": c["public"].pk},
        "ford_case_lift": {"pk": c["ford_case"].pk, "action": "lift"},
        "ford_objection": {"pk": c["objection"].case_id, "objection_pk": c["objection"].pk},
    }[target]


def test_every_sanctions_route_has_a_row():
    assert_every_route_has_a_row("sanctions", GET)


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    c = cases(world)
    login(client, world, role)
    assert_get_matrix(client, GET, role, kwargs=lambda target: kwargs_for(c, target))


def post_cases(world: World, c: dict[str, Any]) -> dict[str, tuple[str, Any, tuple]]:
    ford_case = c["ford_case"]
    return {
        "report a violation": (
            reverse("sanctions:create"),
            {"organization": world.ford.pk, "violation": "Fundraising.", "source": "public"},
            (302, 302, 302, 403, 302, 403),
        ),
        "save notes": (
            reverse("sanctions:notes", args=[ford_case.pk]),
            {"assessment_notes": "Changed", "public_outcome": "Changed"},
            (302, 302, 404, 403, 404, 403),
        ),
        "upload evidence": (
            reverse("sanctions:evidence_add", args=[ford_case.pk]),
            lambda: {"title": "More", "file": files.pdf()},
            (302, 302, 404, 403, 404, 403),
        ),
        "lift the warning": (
            reverse("sanctions:move", args=[ford_case.pk, "lift"]),
            {"notes": "Complied."},
            (302, 302, 404, 403, 404, 403),
        ),
    }


def snapshot() -> dict[str, Any]:
    return {
        "cases": sorted(
            SanctionCase.objects.values_list("pk", "status", "assessment_notes", "public_outcome")
        ),
        "evidence": SanctionEvidence.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize(
    "role", ["anonymous", "officer", "viewer", "other_officer", "org_representative"]
)
def test_refused_writes_change_nothing(client, world, role):
    c = cases(world)
    login(client, world, role)
    assert_refused_posts_change_nothing(client, role, post_cases(world, c), snapshot)


@pytest.mark.parametrize("role", ["operator", "secretariat"])
def test_allowed_writes_audit(client, world, role):
    c = cases(world)
    login(client, world, role)
    posts = post_cases(world, c)
    operator = ROLES.index("operator")  # the secretariat may make every write an operator may
    assert all(statuses[operator] == 302 for _url, _data, statuses in posts.values())
    assert_allowed_posts_audit(client, role, posts, snapshot, column=operator)
    assert SanctionCase.objects.get(pk=c["ford_case"].pk).status == "lifted"


def test_officers_report_violations(client, world):
    c = cases(world)
    login(client, world, "other_officer")
    url, data, _ = post_cases(world, c)["report a violation"]
    before = snapshot()
    assert client.post(url, data).status_code == 302
    assert snapshot()["audit"] == before["audit"] + 1
