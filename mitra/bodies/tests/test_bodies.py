"""Issue 18 §4: government bodies: the hierarchy and `root()`, validity dates, successors,
aliases and the search text, the loader, and the list and detail pages."""

from datetime import date

import pytest
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mitra.bodies.gazetteer import all_bodies
from mitra.bodies.loader import load_bodies
from mitra.bodies.models import GovernmentBody
from mitra.bodies.signals import bodies_reloaded
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.regions.loader import load_regions

pytestmark = pytest.mark.django_db


# --- hierarchy ------------------------------------------------------------------------------


def test_root_walks_up_to_the_top_level_body(kemendagri, fasker):
    section = GovernmentBodyFactory(unit=True, parent=fasker)
    assert section.root() == kemendagri
    assert fasker.root() == kemendagri
    assert kemendagri.root() == kemendagri


def test_root_costs_one_query_per_level_not_loaded(kemendagri, fasker, django_assert_num_queries):
    section = GovernmentBodyFactory(unit=True, parent=fasker)
    fresh = GovernmentBody.objects.get(pk=section.pk)
    with django_assert_num_queries(2):
        assert fresh.root() == kemendagri
    with django_assert_num_queries(0):  # the parents are cached on the instance now
        assert fresh.root() == kemendagri


def test_top_level_lists_no_unit(kemendagri, fasker, kemenkes):
    assert set(GovernmentBody.objects.top_level()) == {kemendagri, kemenkes}
    assert list(kemendagri.units.all()) == [fasker]


def test_a_body_with_units_cannot_be_deleted(kemendagri, fasker):
    with pytest.raises(ProtectedError):
        kemendagri.delete()
    assert GovernmentBody.objects.filter(pk=kemendagri.pk).exists()


# --- validity and successors ----------------------------------------------------------------


@pytest.fixture
def renamed(db):
    old = GovernmentBodyFactory(
        key="old-ministry", valid_from=date(2014, 10, 27), valid_until=date(2024, 10, 20)
    )
    new = GovernmentBodyFactory(key="new-ministry", valid_from=date(2024, 10, 21))
    undated = GovernmentBodyFactory(key="undated")
    old.successors.add(new)
    return old, new, undated


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2014, 10, 26), {"undated"}),
        (date(2014, 10, 27), {"old-ministry", "undated"}),  # both ends are inclusive
        (date(2024, 10, 20), {"old-ministry", "undated"}),
        (date(2024, 10, 21), {"new-ministry", "undated"}),
    ],
)
def test_in_force_on(renamed, day, expected):
    found = GovernmentBody.objects.filter(key__in=["old-ministry", "new-ministry", "undated"])
    assert set(found.in_force_on(day).values_list("key", flat=True)) == expected


def test_successors_are_one_way(renamed):
    old, new, _undated = renamed
    assert list(old.successors.all()) == [new]
    assert list(new.predecessors.all()) == [old]
    assert not new.successors.exists()


# --- names ------------------------------------------------------------------------------------


def test_search_text_holds_every_name_in_lower_case(db):
    body = GovernmentBody(
        key="x",
        name="Kementerian Luar Negeri",
        name_en="Ministry of Foreign Affairs",
        acronym="Kemlu",
        aliases=["Deplu", "Kemenlu"],
        kind=GovernmentBody.Kind.MINISTRY,
    )
    body.refresh_search_text()
    assert body.search_text == (
        "kementerian luar negeri | ministry of foreign affairs | kemlu | deplu | kemenlu"
    )


def test_str_and_short_name(kemendagri, fasker):
    assert str(kemendagri) == "Kementerian Dalam Negeri (Kemendagri)"
    assert str(fasker) == "Pusat Fasilitasi Kerja Sama"
    assert kemendagri.short_name == "Kemendagri"
    assert fasker.short_name == "Pusat Fasilitasi Kerja Sama"


# --- the loader ---------------------------------------------------------------------------------


def test_the_loader_writes_the_gazetteer_and_is_idempotent(db):
    received = []

    def receiver(**kwargs):
        received.append(kwargs["sender"])

    bodies_reloaded.connect(receiver)
    try:
        load_regions()
        entries = {entry.key: entry for entry in all_bodies()}
        assert load_bodies() == len(entries)
        assert load_bodies() == len(entries)
    finally:
        bodies_reloaded.disconnect(receiver)
    assert received == [GovernmentBody, GovernmentBody]
    assert GovernmentBody.objects.count() == len(entries)

    rows = {
        body.key: body
        for body in GovernmentBody.objects.select_related("parent", "province", "regency")
    }
    pairs = GovernmentBody.successors.through.objects.values_list(
        "from_governmentbody__key", "to_governmentbody__key"
    )
    successors: dict[str, set[str]] = {}
    for source, target in pairs:
        successors.setdefault(source, set()).add(target)
    for key, entry in entries.items():
        row = rows[key]
        assert (row.parent.key if row.parent else None) == entry.parent, key
        assert successors.get(key, set()) == set(entry.successors), key
        assert row.valid_from == entry.valid_from, key
        assert row.valid_until == entry.valid_until, key
        for alias in entry.aliases:
            assert alias.lower() in row.search_text, (key, alias)
        assert (row.province.code if row.province else None) == entry.province_code, key
        assert (row.regency.code if row.regency else None) == entry.regency_code, key

    fasker = rows["kemendagri-pusat-fasker"]
    assert fasker.root() == rows["kemendagri"]


# --- pages ----------------------------------------------------------------------------------


def test_the_list_finds_a_body_by_alias_and_filters_by_kind(client, viewer, kemendagri, fasker):
    GovernmentBodyFactory(
        key="kemlu", name="Kementerian Luar Negeri", acronym="Kemlu", aliases=["Deplu"]
    )
    GovernmentBodyFactory(key="kemlu-biro", unit=True, name="Biro Kerja Sama")
    client.force_login(viewer)
    url = reverse("bodies:list")
    names = lambda response: [b.name for b in response.context["bodies"]]  # noqa: E731
    assert names(client.get(url, {"q": "deplu"})) == ["Kementerian Luar Negeri"]
    assert names(client.get(url, {"q": "  KEMLU  "})) == ["Kementerian Luar Negeri"]
    assert "Biro Kerja Sama" in names(client.get(url, {"kind": "unit"}))
    assert "Kementerian Luar Negeri" not in names(client.get(url, {"kind": "unit"}))
    everything = names(client.get(url, {"kind": "not-a-kind"}))  # ignored, not an error
    assert "Kementerian Luar Negeri" in everything
    assert "Biro Kerja Sama" in everything


def test_the_list_costs_the_same_queries_for_more_bodies(client, viewer):
    client.force_login(viewer)
    url = reverse("bodies:list")
    GovernmentBodyFactory.create_batch(3, unit=True)
    client.get(url)  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    GovernmentBodyFactory.create_batch(20, unit=True)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_detail_page_shows_units_and_successors(client, viewer, renamed, kemendagri, fasker):
    old, new, _undated = renamed
    client.force_login(viewer)
    page = client.get(reverse("bodies:detail", kwargs={"pk": old.pk}))
    assert page.status_code == 200
    assert new.name in page.content.decode()
    page = client.get(reverse("bodies:detail", kwargs={"pk": kemendagri.pk}))
    assert fasker.name in page.content.decode()


def test_an_unknown_body_is_404(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("bodies:detail", kwargs={"pk": 999999})).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, kemendagri):
    for url in (reverse("bodies:list"), reverse("bodies:detail", kwargs={"pk": kemendagri.pk})):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]
