"""Who files what, per organization kind (routes.py): each kind through the application
service, the refusal naming the route, the setting that overrides a row."""

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from mitra.audit.models import AuditEvent
from mitra.core.exceptions import ApplicationError
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.permits import routes, services
from mitra.permits.models import Application, Track

pytestmark = pytest.mark.django_db
K = ForeignOrganization.Kind


@pytest.mark.parametrize(
    ("kind", "track"),
    [
        (K.FOREIGN_NGO, Track.TPOA),
        (K.REGIONAL_ORGANIZATION, Track.MULTILATERAL),
        (K.MULTILATERAL_ORGANIZATION, Track.MULTILATERAL),
        (K.UN_AGENCY, Track.MULTILATERAL),
    ],
)
def test_kinds_that_apply_get_their_track(operator: Any, kind: str, track: str) -> None:
    org = ForeignOrganizationFactory(kind=kind, legal_type="")
    application = services.application_create(organization=org, actor=operator)
    assert application.track == track
    assert application.reference.startswith("TPOA-" if track == Track.TPOA else "MLC-")


@pytest.mark.parametrize(
    ("kind", "route", "words"),
    [
        (K.FOREIGN_LOCAL_GOVERNMENT, routes.REGIONAL, ["KSDPL/KSDLL", "Permendagri 25/2020"]),
        (K.FOREIGN_GOVERNMENT_AGENCY, routes.TECHNICAL, ["Technical cooperation", "Biro KTLN"]),
    ],
)
def test_kinds_on_another_route_file_no_application(
    operator: Any, kind: str, route: str, words: list[str]
) -> None:
    org = ForeignOrganizationFactory(legal_name="JICA", kind=kind, legal_type="")
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        services.application_create(organization=org, actor=operator)
    message = refused.value.message
    assert "files no izin prinsip application" in message
    assert all(word in message for word in words), message
    assert refused.value.extra == {"organization": [str(routes.ROUTES[route].label)]}
    assert not Application.objects.exists()
    assert AuditEvent.objects.count() == events


def test_every_kind_has_a_route_and_only_ormas_asing_need_an_izin_prinsip() -> None:
    """The TPOA row and `ForeignOrganization.needs_izin_prinsip` (read by the agreements'
    N4 check) say the same thing with the default routes."""
    for kind in K.values:
        route = routes.route_for_kind(kind)
        assert route.code in routes.ROUTES
        organization = ForeignOrganization(kind=kind)
        assert organization.needs_izin_prinsip == (route.track == Track.TPOA), kind
    assert {r.confidence for r in routes.ROUTES.values()} <= {"A", "B", "D"}


def test_a_row_is_configurable(settings: Any, operator: Any) -> None:
    settings.MITRA = {**settings.MITRA, "FILING_ROUTES": {K.FOREIGN_GOVERNMENT_AGENCY: "tpoa"}}
    org = ForeignOrganizationFactory(kind=K.FOREIGN_GOVERNMENT_AGENCY, legal_type="")
    assert services.application_create(organization=org, actor=operator).track == Track.TPOA
    settings.MITRA = {**settings.MITRA, "FILING_ROUTES": {K.UN_AGENCY: "nowhere"}}
    with pytest.raises(ImproperlyConfigured):
        routes.route_for_kind(K.UN_AGENCY)
