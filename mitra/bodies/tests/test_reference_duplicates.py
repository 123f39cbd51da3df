"""No duplicate bodies in the reference data (issue 16 §1: "two Kemenhut listed").

Among the bodies in existence, no two share a normalised name, acronym, English name or alias:
a search or an autocomplete finds one body per word. The same name may come back in time
only as a different body (a ministry dissolved and re-created later, a directorate general
moved to a new ministry): those are separate legal bodies with their own dates, so agreements
signed with the earlier one keep pointing at it. They are listed here as intended; the
autocomplete hides the ended one unless asked and labels it "(until YEAR)"."""

import re
import unicodedata
from collections import defaultdict
from datetime import date

import pytest

from mitra.bodies.gazetteer import BodyEntry, all_bodies

# Same name, different bodies (key of the ended one → key of the one in force now).
RECREATED = {
    "kemenpu-2014": "kemenpu",  # PU merged into PUPR in 2014, split out again in 2024
    "kemenhut-2014": "kemenhut",  # into KLHK in 2014, split out again in 2024
    "kemenpar-2014": "kemenpar",  # Kemenparekraf 2019-2024, Kemenpar again from 2024
    "kemenkumham-ditjen-pp": "kemenkum-ditjen-pp",  # Kemenkumham split on 21 October 2024
    "kemenkumham-ditjen-ahu": "kemenkum-ditjen-ahu",
    "kemenkumham-ditjen-imigrasi": "kemenimipas-ditjen-imigrasi",
    "kemenkumham-ditjen-pas": "kemenimipas-ditjen-pas",
}


def normalised(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip()


def names_of(entry: BodyEntry) -> set[str]:
    return {normalised(v) for v in (entry.name, entry.acronym, entry.name_en, *entry.aliases) if v}


@pytest.mark.parametrize("day", [date(2014, 1, 1), date(2020, 1, 1), date(2026, 12, 6)])
def test_no_two_bodies_in_existence_share_a_name_or_acronym(day: date) -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for entry in all_bodies():
        if entry.in_force_on(day):
            for name in names_of(entry):
                seen[name].add(entry.key)
    shared = {name: sorted(keys) for name, keys in seen.items() if len(keys) > 1}
    assert not shared, shared


def test_keys_are_unique() -> None:
    keys = [entry.key for entry in all_bodies()]
    assert len(keys) == len(set(keys))


def test_the_same_name_returns_only_as_a_documented_successor() -> None:
    by_name: dict[str, list[BodyEntry]] = defaultdict(list)
    for entry in all_bodies():
        by_name[normalised(entry.name)].append(entry)
    found = {}
    for entries in by_name.values():
        if len(entries) < 2:
            continue
        ended = [e for e in entries if e.valid_until is not None]
        current = [e for e in entries if e.valid_until is None]
        assert len(current) == 1, [e.key for e in entries]
        for old in ended:
            # Never in force at the same time as the body that took its name.
            assert old.valid_until < current[0].valid_from  # type: ignore[operator]
            found[old.key] = current[0].key
    assert found == RECREATED
