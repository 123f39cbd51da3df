"""Every branch of SanctionCase visibility, internal notes, and the public outcomes."""

from datetime import date

import pytest
from django.http import Http404
from django.urls import reverse

from mitra.accounts.tests.factories import UserFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.tests.factories import ForeignOrganizationFactory
from mitra.sanctions import selectors, services
from mitra.sanctions.models import SanctionCase

from .conftest import move

pytestmark = pytest.mark.django_db


@pytest.fixture
def ford_case(ford, secretariat, open_case):
    case = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    case = move(case, "escalate", secretariat, date(2026, 1, 7))
    services.sanction_case_update_notes(
        case_id=case.pk, assessment_notes="SECRET-ASSESSMENT", public_outcome="", actor=secretariat
    )
    return case


def visible(user):
    return set(SanctionCase.objects.visible_to(user).values_list("pk", flat=True))


def test_branches(
    ford_case,
    path_org,
    open_case,
    secretariat,
    operator,
    officer,
    viewer,
    other_officer,
    ford_rep,
    kemenkes,
):
    path_case = open_case(path_org)
    reported = open_case(ford_case.organization)
    everything = {ford_case.pk, path_case.pk, reported.pk}
    assert visible(operator) == everything
    assert visible(secretariat) == everything  # TPOA secretariat
    assert visible(officer) == everything  # Kemendagri oversight (officer on a unit)
    assert visible(viewer) == everything
    assert visible(other_officer) == {path_case.pk}  # Kemenkes: its partner's case only
    assert visible(ford_rep) == {ford_case.pk}  # own organization, from persuasion on
    assert visible(UserFactory(org_representative=True)) == set()
    assert visible(UserFactory(officer=True)) == set()  # another ministry with no link
    assert visible(UserFactory(viewer=True, body=None)) == set()
    # A case Kemenkes reported itself stays visible to Kemenkes.
    own = services.sanction_case_open(
        organization=ford_case.organization,
        violation="x",
        source="member_agency",
        actor=other_officer,
    )
    assert own.pk in visible(other_officer)
    with pytest.raises(Http404):
        selectors.sanction_case_get_for_user(user=other_officer, pk=ford_case.pk)


def test_oversight_is_configurable(settings, ford_case, officer):
    settings.MITRA = {**settings.MITRA, "SANCTION_OVERSIGHT": []}
    # Kemendagri still reads Ford's case as a TPOA member (grant `tpoa.ormas_asing`) ...
    assert visible(officer) == {ford_case.pk}
    members = [k for k in settings.MITRA["TPOA_MEMBERS"] if k != "kemendagri"]
    settings.MITRA = {**settings.MITRA, "TPOA_MEMBERS": members}
    # ... and by neither rule once it is no member.
    assert visible(officer) == set()


def test_representatives_never_see_internal_notes(client, ford_case, ford_rep, officer):
    client.force_login(ford_rep)
    html = client.get(reverse("sanctions:detail", args=[ford_case.pk])).content.decode()
    assert "SECRET-ASSESSMENT" not in html
    assert ford_case.reference in html
    client.force_login(officer)
    html = client.get(reverse("sanctions:detail", args=[ford_case.pk])).content.decode()
    assert "SECRET-ASSESSMENT" in html


def test_public_directory_shows_concluded_outcomes_only(client, ford, secretariat, open_case):
    lifted = move(open_case(ford), "assess", secretariat, date(2026, 1, 6))
    lifted = move(lifted, "escalate", secretariat, date(2026, 1, 7))
    lifted = move(lifted, "escalate", secretariat, date(2026, 2, 2))
    lifted = move(lifted, "lift", secretariat, date(2026, 2, 5))
    services.sanction_case_update_notes(
        case_id=lifted.pk,
        assessment_notes="SECRET-NOTE",
        public_outcome="Warning lifted after compliance.",
        actor=secretariat,
    )
    move(open_case(ford, violation="SECRET-VIOLATION"), "dismiss", secretariat, date(2026, 1, 6))
    open_case(ford, violation="SECRET-RUNNING")
    page = client.get(reverse("portal:organization", args=[ford.pk])).content.decode()
    assert "Warning lifted after compliance." in page
    assert page.count('class="sanction-outcome"') == 1
    for secret in ("SECRET-NOTE", "SECRET-VIOLATION", "SECRET-RUNNING"):
        assert secret not in page
    directory = client.get(reverse("portal:directory"), {"q": "Ford"}).content.decode()
    assert "sanction-outcome" in directory
    assert "SECRET" not in directory


def test_unpublished_organizations_show_no_outcome(ford, secretariat, open_case):
    hidden = ForeignOrganizationFactory(unpublished=True)
    case = move(open_case(hidden), "assess", secretariat, date(2026, 1, 6))
    case = move(case, "escalate", secretariat, date(2026, 1, 7))
    move(case, "lift", secretariat, date(2026, 1, 8))
    assert not SanctionCase.objects.public().exists()


def test_list_queries_stay_constant(
    client, officer, ford, open_case, django_assert_max_num_queries
):
    client.force_login(officer)
    for _ in range(2):
        open_case(ford)
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("sanctions:list"))
    for _ in range(8):
        open_case(ForeignOrganizationFactory())
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("sanctions:list")).status_code == 200


def test_tpoa_members_read_the_cases_of_ormas_asing_through_their_grant(open_case, secretariat):
    """Issue 10 §1: the TPOA members read the sanction records of ormas asing (grant
    `tpoa.ormas_asing`), with no agreement of their own; not those of other kinds."""
    kemhan = UserFactory(officer=True, body=GovernmentBodyFactory(key="kemhan", name="Kemhan"))
    kemenkes = UserFactory(officer=True, body=GovernmentBodyFactory(key="kemenkes-x"))
    ngo = ForeignOrganizationFactory(kind=ForeignOrganization.Kind.FOREIGN_NGO)
    un = ForeignOrganizationFactory(kind=ForeignOrganization.Kind.UN_AGENCY)
    ngo_case, un_case = open_case(ngo), open_case(un)
    assert ngo_case.pk in visible(kemhan)
    assert un_case.pk not in visible(kemhan)
    assert not visible(kemenkes) & {ngo_case.pk, un_case.pk}
