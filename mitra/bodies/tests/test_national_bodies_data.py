"""Issue 18 §1: the national bodies live in data/national_bodies.yaml, regular aliases are made by
rule (gazetteer.ALIAS_RULES), and the file holds together: unique codes, known kinds, parents and
successors that exist, validity in order, and only irregular aliases written out."""

from collections import Counter
from datetime import date, timedelta

import pytest
import yaml

from mitra.bodies.gazetteer import (
    ALIAS_RULES,
    DATA_FILE,
    KINDS,
    all_bodies,
    entry_from_row,
    national_bodies,
    regular_aliases,
)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------ the alias rules
@pytest.mark.parametrize(
    ("rule", "name", "acronym", "alias"),
    [
        ("RI", "Kementerian Luar Negeri", "Kemlu", "Kementerian Luar Negeri RI"),
        ("RI", "Badan Narkotika Nasional", "BNN", "Badan Narkotika Nasional RI"),
        (
            "Republik Indonesia",
            "Kementerian Keuangan",
            "Kemenkeu",
            "Kementerian Keuangan Republik Indonesia",
        ),
        ("acronym RI", "Badan Pemeriksa Keuangan", "BPK", "BPK RI"),
        (
            "without Republik Indonesia",
            "Perpustakaan Nasional Republik Indonesia",
            "Perpusnas",
            "Perpustakaan Nasional",
        ),
        ("Departemen", "Kementerian Dalam Negeri", "Kemendagri", "Departemen Dalam Negeri"),
        ("Kem", "Kementerian Dalam Negeri", "Kemendagri", "Kemdagri"),
        ("Kemen", "Kementerian Luar Negeri", "Kemlu", "Kemenlu"),
        ("Men", "Kementerian Luar Negeri", "Kemlu", "Menlu"),
        ("Men", "Kementerian Keuangan", "Kemenkeu", "Menkeu"),
        ("Men", "Kementerian Koordinator Bidang PMK", "Kemenko Polhukam", "Menko Polhukam"),
        ("joined", "Kementerian Koordinator Bidang PMK", "Kemenko PMK", "Kemenkopmk"),
        ("Kemen X", "Kementerian Pekerjaan Umum", "Kementerian PU", "Kemen PU"),
        ("KemenX", "Kementerian Pekerjaan Umum", "Kementerian PU", "KemenPU"),
    ],
)
def test_each_rule_makes_its_alias(rule, name, acronym, alias):
    assert regular_aliases(name, acronym, [rule]) == [alias]


def test_every_rule_is_tested_above():
    tested = {"RI", "Republik Indonesia", "acronym RI", "without Republik Indonesia"}
    tested |= {"Departemen", "Kem", "Kemen", "Men", "joined", "Kemen X", "KemenX"}
    assert set(ALIAS_RULES) == tested


@pytest.mark.parametrize(
    ("rule", "name", "acronym"),
    [
        ("Departemen", "Badan Pusat Statistik", "BPS"),  # not a ministry
        ("Kem", "Kementerian Luar Negeri", "Kemlu"),  # no "Kemen" to shorten
        ("Kemen", "Kementerian Dalam Negeri", "Kemendagri"),  # already "Kemen"
        ("joined", "Badan Pusat Statistik", "BPS"),  # one word
        ("acronym RI", "Deputi Bidang Pendanaan Pembangunan", ""),  # no acronym
        ("without Republik Indonesia", "Badan Pusat Statistik", "BPS"),
    ],
)
def test_a_rule_that_does_not_apply_is_an_error(rule, name, acronym):
    with pytest.raises(ValueError, match="does not apply"):
        regular_aliases(name, acronym, [rule])


def test_an_unknown_rule_is_an_error():
    with pytest.raises(ValueError, match="unknown alias rule 'Republic'"):
        regular_aliases("Kementerian Luar Negeri", "Kemlu", ["Republic"])


def test_a_body_gets_its_written_aliases_then_the_regular_ones():
    entry = entry_from_row(
        {
            "code": "kemlu",
            "name": "Kementerian Luar Negeri",
            "acronym": "Kemlu",
            "kind": "ministry",
            "rules": ["RI", "Kemen", "Men"],
            "aliases": ["Deplu"],
        }
    )
    assert entry.aliases == ("Deplu", "Kementerian Luar Negeri RI", "Kemenlu", "Menlu")


def test_the_ministry_of_foreign_affairs_has_its_regular_aliases():
    kemlu = next(e for e in national_bodies() if e.key == "kemlu")
    assert {
        "Kementerian Luar Negeri RI",
        "Kementerian Luar Negeri Republik Indonesia",
        "Departemen Luar Negeri",
        "Kemenlu",
        "Menlu",
        "Deplu",
    } == set(kemlu.aliases)


# ------------------------------------------------------------------------------ reading a row
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "ministery"}, "unknown kind 'ministery'"),
        ({"valid_form": date(2020, 1, 1)}, "unknown field 'valid_form'"),
        ({"valid_from": "2020-01-01x"}, "valid_from must be a date"),
        ({"valid_from": date(2024, 1, 1), "valid_until": date(2023, 1, 1)}, "after valid_until"),
        ({"successors": "kemlu"}, "successors must be a list"),
        ({"aliases": ["Deplu", None]}, "aliases must list non-empty strings"),
        ({"name": ""}, "name is missing"),
        ({"rules": ["Kem"]}, "does not apply"),
    ],
)
def test_a_mistake_in_a_row_names_the_body(change, message):
    row = {"code": "kemlu", "name": "Kementerian Luar Negeri", "acronym": "Kemlu"}
    row |= {"kind": "ministry", **change}
    with pytest.raises(ValueError, match=message) as error:
        entry_from_row(row)
    assert "'kemlu'" in str(error.value)


# ------------------------------------------------------------------------------ the data file
def test_the_file_lists_the_211_national_bodies(rows):
    assert len(rows) == len(national_bodies()) == 211


def test_codes_are_unique(rows):
    counts = Counter(row["code"] for row in rows)
    assert [code for code, n in counts.items() if n > 1] == []


def test_kinds_are_known_and_national(rows):
    national = set(KINDS) - {"provincial_government", "regency_government", "city_government"}
    assert {row["kind"] for row in rows} <= national


def test_parents_and_successors_exist():
    keys = {e.key for e in all_bodies()}
    for entry in national_bodies():
        assert entry.parent is None or entry.parent in keys, entry.key
        assert set(entry.successors) <= keys, entry.key
        assert entry.key not in entry.successors


def test_validity_is_in_order():
    for entry in national_bodies():
        if entry.valid_from and entry.valid_until:
            assert entry.valid_from <= entry.valid_until, entry.key


def test_a_successor_is_in_force_the_day_after_its_predecessor_ends():
    by_key = {e.key: e for e in all_bodies()}
    for entry in national_bodies():
        if not entry.successors:
            continue
        assert entry.valid_until is not None, f"{entry.key} has successors but no end"
        for key in entry.successors:
            assert by_key[key].in_force_on(entry.valid_until + timedelta(days=1)), (entry.key, key)


def test_a_unit_lies_within_the_validity_of_its_parent():
    by_key = {e.key: e for e in all_bodies()}
    for entry in national_bodies():
        if entry.parent is None:
            continue
        parent = by_key[entry.parent]
        for day in (entry.valid_from, entry.valid_until):
            if day is not None:
                assert parent.in_force_on(day), (entry.key, entry.parent, day)


def test_only_irregular_aliases_are_written_out(rows):
    """An alias a rule makes is named by its rule, never typed out (nor twice)."""
    for row in rows:
        name, acronym = row["name"], row.get("acronym", "")
        written = row.get("aliases", [])
        assert len(written) == len(set(written)), row["code"]
        assert name not in written, row["code"]
        assert acronym not in written, row["code"]
        for rule, make in ALIAS_RULES.items():
            alias = make(name, acronym)
            assert alias is None or alias not in written, (
                f"{row['code']}: write the rule {rule!r} instead of the alias {alias!r}"
            )
