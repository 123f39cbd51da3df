"""Role × URL matrix (RTD test_privacy_urls): every HTML URL, every role, the expected status.

Roles, in column order: anonymous, operator, Kemendagri officer (attached to a unit),
Kemendagri viewer, Kemenkes officer (another ministry), Ford Foundation's representative.
A URL added to the URLconf without a row here fails `test_every_url_has_a_row`.
"""

from typing import Any

import pytest
from django.urls import reverse

from mitra.agreements.models import Agreement, AgreementDocument, Signatory
from mitra.agreements.tests import files
from mitra.agreements.tests.factories import lead_party
from mitra.audit.models import AuditEvent
from mitra.core.forms import CHECK_CONFIRM
from mitra.intake.models import IntakeSubmission
from mitra.organizations.models import ForeignOrganization

from .matrix import (
    assert_allowed_posts_audit,
    assert_get_matrix,
    assert_refused_posts_change_nothing,
    login,
)
from .urlwalk import html_routes
from .world import ROLES, World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def world() -> World:
    return build_world()


def kwargs_for(w: World, target: str) -> dict[str, Any]:
    a, d, k = w.kemendagri_active, w.kemendagri_draft, w.kemenkes_active
    return {
        "": {},
        "ford": {"pk": w.ford.pk},
        "other_org": {"pk": w.other_org.pk},
        "hidden_org": {"pk": w.hidden_org.pk},
        "body": {"pk": w.kemendagri.pk},
        "a": {"pk": a.pk},
        "d": {"pk": d.pk},
        "k": {"pk": k.pk},
        "a_document": {"pk": a.pk, "document_pk": w.document.pk},
        "k_with_a_document": {"pk": k.pk, "document_pk": w.document.pk},
        "d_sign": {"pk": d.pk, "transition": "sign"},
        "submission": {"pk": w.submission.pk},
    }[target]


# (URL name, object) → statuses for ROLES:
#        anonymous, operator, officer, viewer, other_officer, org_representative
GET = {
    ("healthz", ""): (200, 200, 200, 200, 200, 200),
    ("portal:home", ""): (200, 200, 200, 200, 200, 200),
    ("portal:directory", ""): (200, 200, 200, 200, 200, 200),
    ("portal:organization", "ford"): (200, 200, 200, 200, 200, 200),
    ("portal:organization", "hidden_org"): (404, 404, 404, 404, 404, 404),
    ("accounts:login", ""): (200, 302, 302, 302, 302, 302),
    ("accounts:logout", ""): (302, 405, 405, 405, 405, 405),  # POST only
    ("dashboard:home", ""): (302, 200, 200, 200, 200, 200),
    ("agreements:list", ""): (302, 200, 200, 200, 200, 200),
    ("agreements:create", ""): (302, 200, 200, 403, 200, 403),
    ("agreements:detail", "a"): (302, 200, 200, 200, 404, 200),
    ("agreements:detail", "d"): (302, 200, 200, 200, 404, 404),
    # Kemendagri is a TPOA member and PATH an ormas asing: the grant lets it read (ADR 0015).
    ("agreements:detail", "k"): (302, 200, 200, 200, 200, 404),
    ("agreements:update", "a"): (302, 200, 200, 403, 404, 403),
    ("agreements:update", "d"): (302, 200, 200, 403, 404, 403),
    ("agreements:update", "k"): (302, 200, 404, 403, 200, 403),
    ("agreements:transition", "d_sign"): (302, 405, 405, 403, 405, 403),  # POST only
    ("agreements:signatory_add", "a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("agreements:document_add", "a"): (302, 405, 405, 403, 405, 403),  # POST only
    ("agreements:document_download", "a_document"): (302, 200, 200, 200, 404, 200),
    # A document fetched through an agreement it does not belong to.
    ("agreements:document_download", "k_with_a_document"): (302, 404, 404, 404, 404, 404),
    ("organizations:list", ""): (302, 200, 200, 200, 200, 200),
    ("organizations:create", ""): (302, 200, 200, 403, 200, 403),
    ("organizations:detail", "ford"): (302, 200, 200, 200, 200, 200),
    ("organizations:detail", "other_org"): (302, 200, 200, 200, 200, 404),
    ("organizations:detail", "hidden_org"): (302, 200, 200, 200, 200, 404),
    ("organizations:update", "ford"): (302, 200, 200, 403, 200, 403),
    ("bodies:list", ""): (302, 200, 200, 200, 200, 200),
    ("bodies:detail", "body"): (302, 200, 200, 200, 200, 200),
    ("intake:new", ""): (302, 200, 200, 403, 200, 403),
    # A submission is read by the officer who made it (and operators).
    ("intake:review", "submission"): (302, 200, 200, 403, 404, 403),
    ("intake:detail", "submission"): (302, 200, 200, 403, 404, 403),
}


def app_matrices() -> dict[str, Any]:
    """Apps added after the foundation keep their rows in `mitra/<app>/tests/url_matrix.py`
    (a GET dict of the same shape, checked by that app's own test_url_matrix.py)."""
    import importlib
    import pkgutil

    import mitra

    found = {}
    for app in pkgutil.iter_modules(mitra.__path__):
        try:
            found[app.name] = importlib.import_module(f"mitra.{app.name}.tests.url_matrix")
        except ModuleNotFoundError:
            continue
    return found


def test_every_url_has_a_row():
    names = {route.name for route in html_routes()}
    covered = {name for name, _ in GET}
    for module in app_matrices().values():
        covered |= {name for name, _ in module.GET}
    assert names <= covered, f"add rows to GET for {sorted(names - covered)}"
    assert covered <= names, f"rows for URLs that no longer exist: {sorted(covered - names)}"


@pytest.mark.parametrize("role", ROLES)
def test_get_matrix(client, world, role):
    login(client, world, role)
    assert_get_matrix(client, GET, role, kwargs=lambda target: kwargs_for(world, target))


# --- writes -------------------------------------------------------------------------------


def agreement_post_data(world: World, **overrides: Any) -> dict[str, Any]:
    data = {
        "title": "Changed title",
        "type": "msp",
        "owner": world.kemendagri.pk,
        "foreign_parties": [world.ford.pk],
        "start_date": "2024-04-04",
        "end_date": "2027-04-03",
    }
    data.update(overrides)
    return data


def organization_post_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "legal_name": "Ford Foundation",
        "kind": "foreign_ngo",
        "legal_type": "a",
        "country": "US",
        "status": "registered",
        "description": "Changed by someone.",
    }
    data.update(overrides)
    return data


def post_cases(world: World) -> dict[str, tuple[str, dict[str, Any], Any]]:
    """name → (url, data or a callable building it, expected status per role).

    Run in this order: the edits come before the agreement is terminated.
    """
    a, d, k = world.kemendagri_active, world.kemendagri_draft, world.kemenkes_active
    return {
        "paste a press item": (
            reverse("intake:new"),
            {"text": "Kemendagri dan Ford Foundation menandatangani MSP pada 4 April 2024."},
            (302, 302, 302, 403, 302, 403),
        ),
        "add a signatory": (
            reverse("agreements:signatory_add", args=[a.pk]),
            lambda: {"party": lead_party(a, "foreign").pk, "title": "Regional Director"},
            (302, 302, 302, 403, 404, 403),
        ),
        "upload a document": (
            reverse("agreements:document_add", args=[a.pk]),
            lambda: {"title": "Annex", "kind": "annex", "file": files.pdf()},
            (302, 302, 302, 403, 404, 403),
        ),
        "edit the Kemendagri agreement": (
            reverse("agreements:update", args=[a.pk]),
            lambda: agreement_post_data(world),
            (302, 302, 302, 403, 404, 403),
        ),
        "create a Kemendagri agreement": (
            reverse("agreements:create"),
            # Confirmed from the check-your-answers page (a first POST only shows the answers).
            lambda: {**agreement_post_data(world, title="New"), CHECK_CONFIRM: "1"},
            # Another ministry's officer cannot choose Kemendagri as owner: a form error.
            (302, 302, 302, 403, 400, 403),
        ),
        "edit Ford's registry record": (
            reverse("organizations:update", args=[world.ford.pk]),
            organization_post_data,
            (302, 302, 302, 403, 302, 403),
        ),
        "register an organization": (
            reverse("organizations:create"),
            lambda: organization_post_data(legal_name="Brand New Foundation"),
            (302, 302, 302, 403, 302, 403),
        ),
        "sign the Kemendagri draft": (
            reverse("agreements:transition", args=[d.pk, "sign"]),
            {},
            (302, 302, 302, 403, 404, 403),
        ),
        "terminate the Kemendagri agreement": (
            reverse("agreements:transition", args=[a.pk, "terminate"]),
            {"reason": "Because.", "confirmed": "1"},  # ending early is confirmed
            (302, 302, 302, 403, 404, 403),
        ),
        "terminate the Kemenkes agreement": (
            reverse("agreements:transition", args=[k.pk, "terminate"]),
            {"reason": "Because.", "confirmed": "1"},  # ending early is confirmed
            (302, 302, 404, 403, 302, 403),
        ),
    }


def snapshot() -> dict[str, Any]:
    """Everything a refused write could have touched."""
    return {
        "agreements": sorted(
            Agreement.objects.values_list("pk", "status", "title", "terminated_reason", "end_date")
        ),
        "organizations": sorted(
            ForeignOrganization.objects.values_list("pk", "legal_name", "description")
        ),
        "signatories": Signatory.objects.count(),
        "documents": AgreementDocument.objects.count(),
        "intake": IntakeSubmission.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.parametrize("role", ["anonymous", "viewer", "other_officer", "org_representative"])
def test_refused_writes_change_nothing(client, world, role):
    login(client, world, role)
    assert_refused_posts_change_nothing(client, role, post_cases(world), snapshot)


# A submission is a working copy, not a record: the records confirmed from it are audited.
NOT_AUDITED = {"paste a press item"}


@pytest.mark.parametrize("role", ["operator", "officer", "other_officer"])
def test_allowed_writes(client, world, role):
    """Each allowed write succeeds and leaves an audit event (on a fresh world per role)."""
    login(client, world, role)
    assert_allowed_posts_audit(client, role, post_cases(world), snapshot, unaudited=NOT_AUDITED)


@pytest.mark.parametrize("role", ["other_officer", "org_representative"])
def test_a_kemendagri_draft_is_404_for_another_ministry_and_the_partner(client, world, role):
    login(client, world, role)
    draft = world.kemendagri_draft
    assert client.get(reverse("agreements:detail", args=[draft.pk])).status_code == 404
    listed = client.get(reverse("agreements:list"), {"q": "kota cerdas"})
    assert listed.status_code == 200
    assert draft.title not in listed.content.decode()
