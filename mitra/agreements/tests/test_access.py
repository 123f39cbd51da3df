"""AgreementAccess stays equal to what it is derived from: owner, parties' agencies, sharing."""

import pytest

from mitra.agreements.access import agreement_rebuild_all_access, expected_access
from mitra.agreements.models import Agreement, AgreementAccess
from mitra.agreements.services import agreement_update
from mitra.bodies.tests.factories import GovernmentBodyFactory

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db


def stored() -> dict[int, set[int]]:
    rows: dict[int, set[int]] = {}
    for pk, agency in AgreementAccess.objects.values_list("agreement_id", "agency_id"):
        rows.setdefault(pk, set()).add(agency)
    return rows


def test_factory_and_services_keep_access_equal_to_its_sources(
    kemendagri, kemenkes, fasker, officer, make_input
):
    bappenas = GovernmentBodyFactory(key="bappenas")
    shared = AgreementFactory(owner=kemendagri, shared_with=[kemenkes])
    with_party = AgreementFactory(owner=kemenkes, government_parties=[fasker])
    assert stored()[shared.pk] == {kemendagri.pk, kemenkes.pk}
    # A unit as party gives its ministry access.
    assert stored()[with_party.pk] == {kemenkes.pk, kemendagri.pk}

    # Sharing changed through the service: the old agency loses access, the new one gains it.
    data = make_input(shared_with=[bappenas])
    agreement_update(agreement_id=shared.pk, data=data, actor=officer)
    ids = list(Agreement.objects.values_list("pk", flat=True))
    assert stored() == dict(expected_access(ids))
    assert stored()[shared.pk] == {kemendagri.pk, bappenas.pk}


def test_rebuild_gives_the_same_rows(kemendagri, kemenkes):
    AgreementFactory(owner=kemendagri, shared_with=[kemenkes])
    AgreementFactory(owner=kemenkes)
    before = stored()
    agreement_rebuild_all_access()
    assert stored() == before
