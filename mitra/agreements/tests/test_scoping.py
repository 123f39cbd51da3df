"""Who sees and edits which agreement: every branch of the querysets and agreement_get_for_user.

One world is built per test (shared setup, ZUL style); each case names the user and the exact
set of agreements they must see, so an allowed and a denied case always share their data.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from mitra.accounts.tests.factories import UserFactory
from mitra.agreements.models import Agreement
from mitra.agreements.querysets import visible_agreement_count
from mitra.agreements.selectors import (
    AgreementFilters,
    agreement_chain,
    agreement_get_for_user,
    agreement_list,
    agreement_list_count,
)
from mitra.agreements.tests.factories import AgreementFactory
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(kemendagri, fasker, kemenkes, officer, viewer, other_officer, operator, ford, settings):
    # The branches of ADR 0011 (owner, party, sharing). Kemendagri is a TPOA member and the
    # partners here are ormas asing, so the TPOA grant would let it read every agreement of
    # this world; the grants' own branches are in test_grant_scoping.py.
    settings.MITRA = {**settings.MITRA, "TPOA_MEMBERS": []}
    kemlu = GovernmentBodyFactory(key="kemlu", name="Kementerian Luar Negeri", acronym="Kemlu")
    kemenkes_unit = GovernmentBodyFactory(unit=True, parent=kemenkes)
    other_org = ForeignOrganizationFactory(legal_name="Other Foundation")
    agreements = {
        # Kemendagri's own, one of them a draft.
        "own_active": AgreementFactory(owner=kemendagri, foreign_parties=[ford], active=True),
        "own_draft": AgreementFactory(owner=kemendagri, foreign_parties=[ford]),
        "own_review": AgreementFactory(owner=kemendagri, foreign_parties=[ford], under_review=True),
        # Kemenkes owns; Kemendagri's unit is a party (its agency is Kemendagri).
        "party": AgreementFactory(
            owner=kemenkes, foreign_parties=[other_org], government_parties=[fasker], active=True
        ),
        # Kemlu owns a draft and shared it with Kemendagri.
        "shared": AgreementFactory(
            owner=kemlu, foreign_parties=[other_org], shared_with=[kemendagri]
        ),
        # Kemenkes's own, recorded by one of its units' parties; Ford is a party but it is signed.
        "kemenkes_ford": AgreementFactory(
            owner=kemenkes, foreign_parties=[ford], government_parties=[kemenkes_unit], signed=True
        ),
        # Kemenkes's own draft with Ford: Ford may not see drafts under negotiation.
        "kemenkes_draft": AgreementFactory(owner=kemenkes, foreign_parties=[ford]),
        "kemlu_expired": AgreementFactory(owner=kemlu, foreign_parties=[other_org], expired=True),
    }
    users = {
        "operator": operator,
        "superuser": UserFactory(is_superuser=True, role="viewer"),
        "officer_unit": officer,  # attached to Pusat Fasker, a unit of Kemendagri
        "officer_top": UserFactory(officer=True, body=kemendagri),
        "viewer": viewer,
        "other_officer": other_officer,
        "other_unit_officer": UserFactory(officer=True, body=kemenkes_unit),
        "ford": UserFactory(org_representative=True, organization=ford),
        "rep_without_agreements": UserFactory(org_representative=True),
        "inactive_officer": UserFactory(officer=True, body=kemendagri, is_active=False),
        "inactive_operator": UserFactory(operator=True, is_active=False),
        "officer_without_body": UserFactory(role="officer", body=None),
        "rep_without_org": UserFactory(role="org_representative", organization=None),
        "anonymous": AnonymousUser(),
    }
    return agreements, users


ALL = {
    "own_active", "own_draft", "own_review", "party", "shared",
    "kemenkes_ford", "kemenkes_draft", "kemlu_expired",
}  # fmt: skip
KEMENDAGRI = {"own_active", "own_draft", "own_review", "party", "shared"}
KEMENKES = {"party", "kemenkes_ford", "kemenkes_draft"}
VISIBLE = {
    "operator": ALL,
    "superuser": ALL,
    "officer_unit": KEMENDAGRI,
    "officer_top": KEMENDAGRI,
    "viewer": KEMENDAGRI,
    "other_officer": KEMENKES,
    "other_unit_officer": KEMENKES,
    "ford": {"own_active", "kemenkes_ford"},
    "rep_without_agreements": set(),
    "inactive_officer": set(),
    "inactive_operator": set(),
    "officer_without_body": set(),
    "rep_without_org": set(),
    "anonymous": set(),
}
EDITABLE = {
    "operator": ALL,
    "superuser": ALL,
    # Officers edit only what their agency owns: not what they are party to or shared with.
    "officer_unit": {"own_active", "own_draft", "own_review"},
    "officer_top": {"own_active", "own_draft", "own_review"},
    # "party" is owned by Kemenkes, so Kemenkes officers (of a unit too) may edit it.
    "other_officer": KEMENKES,
    "other_unit_officer": KEMENKES,
}


def names(queryset, agreements) -> set[str]:
    by_pk = {a.pk: name for name, a in agreements.items()}
    return {by_pk[pk] for pk in queryset.values_list("pk", flat=True)}


def test_visible_to(world):
    agreements, users = world
    seen = {who: names(Agreement.objects.visible_to(users[who]), agreements) for who in VISIBLE}
    assert seen == VISIBLE


def test_editable_by(world):
    agreements, users = world
    editable = {
        who: names(Agreement.objects.editable_by(users[who]), agreements) for who in VISIBLE
    }
    assert editable == {who: EDITABLE.get(who, set()) for who in VISIBLE}
    for who, expected in EDITABLE.items():
        assert expected <= VISIBLE[who], "whatever one may edit, one may also see"


def test_agreement_get_for_user_answers_404_outside_the_scope(world):
    agreements, users = world
    found = {}
    for who, user in users.items():
        found[who] = set()
        for name, agreement in agreements.items():
            try:
                assert agreement_get_for_user(user=user, pk=agreement.pk) == agreement
            except Http404:
                continue
            found[who].add(name)
    assert found == VISIBLE


def test_agreement_list_is_scoped_too(world):
    agreements, users = world
    listed = {who: names(agreement_list(viewer=users[who]), agreements) for who in VISIBLE}
    assert listed == VISIBLE


def test_the_list_count_is_the_count_of_the_list(world):
    # Every branch of visible_to (operators, officers of a unit and of the agency, foreign
    # representatives, inactive and anonymous users), without and with a filter: the cheaper
    # count on the access rows gives the list's count.
    agreements, users = world
    filters = [
        AgreementFilters(),
        AgreementFilters(sort="title"),  # the order is not a filter
        AgreementFilters(status=Agreement.Status.ACTIVE),
        AgreementFilters(q="Ford"),
    ]
    for who in VISIBLE:
        user = users[who]
        assert visible_agreement_count(user) == len(VISIBLE[who]), who
        for f in filters:
            assert agreement_list_count(viewer=user, filters=f) == len(
                agreement_list(viewer=user, filters=f)
            ), (who, f)
    assert agreement_list_count(viewer=users["officer_unit"]) == len(KEMENDAGRI)
    active = AgreementFilters(status=Agreement.Status.ACTIVE)
    assert agreement_list_count(viewer=users["officer_unit"], filters=active) == 2


def test_a_missing_agreement_is_404_too(world):
    _, users = world
    with pytest.raises(Http404):
        agreement_get_for_user(user=users["operator"], pk=999_999)


def test_public_shows_active_agreements_only(world):
    agreements, _ = world
    assert names(Agreement.objects.public(), agreements) == {"own_active", "party"}


def test_the_chain_is_limited_to_what_the_viewer_sees(
    kemendagri, kemenkes, officer, other_officer, settings
):
    settings.MITRA = {**settings.MITRA, "TPOA_MEMBERS": []}  # no grant: see `world`
    first = AgreementFactory(owner=kemendagri, superseded=True)
    second = AgreementFactory(owner=kemenkes, renews=first, superseded=True)
    third = AgreementFactory(owner=kemendagri, renews=second, active=True)
    assert agreement_chain(agreement=third, viewer=officer) == [first, third]
    assert agreement_chain(agreement=second, viewer=other_officer) == [second]
