"""Search by words (issue 16 §1): several words in any order, each as part of a word, and a
year naming an agreement that starts or ends in it; through the real list pages."""

from datetime import date

import pytest
from django.urls import reverse

from mitra.agreements.tests.factories import AgreementFactory
from mitra.core.search import MAX_WORDS, query_words, words_q
from mitra.organizations.tests.factories import ForeignOrganizationFactory

pytestmark = pytest.mark.django_db


def test_query_words_are_lower_case_unique_and_bounded():
    assert query_words("  UCLG  ASPAC uclg ") == ["uclg", "aspac"]
    assert query_words("Friedrich-Ebert-Stiftung (FES)") == ["friedrich-ebert-stiftung", "fes"]
    assert len(query_words(" ".join(f"w{i}" for i in range(50)))) == MAX_WORDS
    assert words_q("   ") is None
    assert words_q("!!! ---") is None


@pytest.fixture
def uclg_renewal(kemendagri):
    uclg = ForeignOrganizationFactory(
        legal_name="United Cities and Local Governments Asia-Pacific", acronym="UCLG ASPAC"
    )
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation")
    earlier = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[uclg],
        title="MSP Kemendagri – UCLG ASPAC 2019–2024",
        start_date=date(2019, 4, 4),
        end_date=date(2024, 4, 3),
        active=True,
    )
    current = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[uclg],
        title="MSP Kemendagri – UCLG ASPAC",
        start_date=date(2024, 4, 4),
        end_date=date(2029, 4, 3),
        active=True,
    )
    other = AgreementFactory(
        owner=kemendagri,
        foreign_parties=[ford],
        title="MSP Kemendagri – Ford Foundation",
        start_date=date(2024, 4, 4),
        end_date=date(2029, 4, 3),
        active=True,
    )
    return {"earlier": earlier, "current": current, "other": other}


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("UCLG 2029", ["current"], ["earlier", "other"]),
        ("ucl aspac", ["current", "earlier"], ["other"]),
        ("aspac UCLG", ["current", "earlier"], ["other"]),
        ("2024 uclg", ["current", "earlier"], ["other"]),
        ("ford 2029", ["other"], ["current", "earlier"]),
        ("UCLG 2031", [], ["current", "earlier", "other"]),
    ],
)
def test_agreement_search_by_words_in_any_order(
    client, officer, uclg_renewal, query, found, not_found
):
    client.force_login(officer)
    response = client.get(reverse("agreements:list"), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    for name in found:
        assert reverse("agreements:detail", args=[uclg_renewal[name].pk]) in html, (query, name)
    for name in not_found:
        assert reverse("agreements:detail", args=[uclg_renewal[name].pk]) not in html, (
            query,
            name,
        )


def test_directory_search_by_words_in_any_order(client):
    asia = ForeignOrganizationFactory(legal_name="The Asia Foundation", is_published=True)
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation", is_published=True)
    html = client.get(reverse("portal:directory"), {"q": "foundation asia"}).content.decode()
    assert asia.legal_name in html
    assert ford.legal_name not in html


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("Ford Fundation", ["other"], ["current", "earlier"]),
        ("UCGL ASPAC 2029", ["current"], ["earlier", "other"]),
        ("ucgl aspak", ["current", "earlier"], ["other"]),
        # Short words are not guessed at: one letter off makes another word.
        ("Fort", [], ["current", "earlier", "other"]),
    ],
)
def test_agreement_search_forgives_misspelt_partner_names(
    client, officer, uclg_renewal, query, found, not_found
):
    client.force_login(officer)
    html = client.get(reverse("agreements:list"), {"q": query}).content.decode()
    for name in found:
        assert reverse("agreements:detail", args=[uclg_renewal[name].pk]) in html, (query, name)
    for name in not_found:
        assert reverse("agreements:detail", args=[uclg_renewal[name].pk]) not in html, (
            query,
            name,
        )


def test_directory_finds_misspelt_names_but_not_unrelated_ones(client):
    kas = ForeignOrganizationFactory(legal_name="Konrad-Adenauer-Stiftung", is_published=True)
    ford = ForeignOrganizationFactory(legal_name="Ford Foundation", is_published=True)
    html = client.get(reverse("portal:directory"), {"q": "konrad adenaur"}).content.decode()
    assert kas.legal_name in html
    assert ford.legal_name not in html
    html = client.get(reverse("portal:directory"), {"q": "ford fundation"}).content.decode()
    assert ford.legal_name in html
    assert kas.legal_name not in html


def test_close_words_allow_edits_by_length():
    from mitra.core.search import close_words

    vocabulary = ["foundation", "uclg", "ford", "fort", "aspac", "stiftung"]
    assert close_words("fundation", vocabulary) == ["foundation"]
    assert close_words("ucgl", vocabulary) == ["uclg"]
    assert close_words("for", vocabulary) == []  # three letters: no guessing
    assert close_words("forg", vocabulary) == []  # four: only two letters swapped
    assert close_words("frod", vocabulary) == ["ford"]
    assert "stiftung" not in close_words("stiff", vocabulary)
