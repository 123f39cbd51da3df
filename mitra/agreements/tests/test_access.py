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
    assert stored() == {pk: set(bodies) for pk, bodies in expected_access(ids).items()}
    assert stored()[shared.pk] == {kemendagri.pk, bappenas.pk}


def own_rows() -> set[tuple[int, int]]:
    return set(AgreementAccess.objects.filter(own=True).values_list("agreement_id", "agency_id"))


def test_rebuild_gives_the_same_rows(kemendagri, kemenkes):
    AgreementFactory(owner=kemendagri, shared_with=[kemenkes])
    AgreementFactory(owner=kemenkes)
    before, own_before = stored(), own_rows()
    agreement_rebuild_all_access()
    assert stored() == before
    assert own_rows() == own_before


def test_own_rows_are_the_owner_parties_and_sharing_not_the_grants(kemendagri, kemenkes):
    """A TPOA member (Kemendagri, by default) reads an ormas asing agreement of Kemenkes
    through the grant, but it is not its own (dashboards and deadlines count own rows)."""
    from mitra.organizations.tests.factories import ForeignOrganizationFactory

    ngo = ForeignOrganizationFactory(legal_name="Yayasan Contoh")
    theirs = AgreementFactory(owner=kemenkes, foreign_parties=[ngo])
    mine = AgreementFactory(owner=kemendagri, shared_with=[kemenkes])
    assert (theirs.pk, kemendagri.pk) in {(a, b) for a, bodies in stored().items() for b in bodies}
    own = {(theirs.pk, kemenkes.pk), (mine.pk, kemendagri.pk), (mine.pk, kemenkes.pk)}
    assert own_rows() == own
    agreement_rebuild_all_access()
    assert own_rows() == own
    assert (theirs.pk, kemendagri.pk) in {(a, b) for a, bodies in stored().items() for b in bodies}
