"""Triggered patterns (extraction/scan.py) find exactly the matches of their patterns."""

import re
from pathlib import Path
from re import _constants as C  # noqa: N812 - the regex compiler's own names
from re import _parser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mitra.intake.extraction import agreements, cues, dates, foreign_side, meetings, scan, setting
from mitra.intake.extraction.known_orgs import known_index
from mitra.intake.extraction.model import KnownOrganization
from mitra.intake.extraction.scan import Triggered, lowered

TRIGGERED = {
    f"{module.__name__}.{name}": value
    for module in (meetings, setting, cues, foreign_side, dates, agreements)
    for name, value in vars(module).items()
    if isinstance(value, Triggered)
}
# Known names with lower-case words and known acronyms, of the well-known list and of a
# registry
_REGISTRY = (
    KnownOrganization("Yayasan untuk Air Bersih", "YAB"),
    KnownOrganization("Dana bagi Hutan", "DbH"),
)
TRIGGERED["known_orgs.lowercase"] = known_index(()).lowercase
TRIGGERED["known_orgs.acronyms"] = known_index(()).acronyms
TRIGGERED["known_orgs.lowercase with a registry"] = known_index(_REGISTRY).lowercase
TRIGGERED["known_orgs.acronyms with a registry"] = known_index(_REGISTRY).acronyms

DATA = Path(__file__).parent / "data"
TEXTS = [
    path.read_text(encoding="utf-8")
    for folder in ("fresh", "fresh2", "fresh3", "fresh4")
    for path in sorted((DATA / folder).glob("*.txt"))
]
SEPARATORS = [" ", " ", "  ", "\n", "-", ", ", ". ", "", "(", ") ", "\u00a0", "x", "dan "]
# Characters that case-insensitive matching reads as ASCII letters: the Kelvin sign is
# lower-cased to "k"; the other three make the scan fall back to the plain pattern.
ODD_LETTERS = {"k": "\u212a", "i": "\u0131", "I": "\u0130", "s": "\u017f"}


def _spans(matches):
    return [(m.span(), m.groups()) for m in matches]


def _assert_same(triggered: Triggered, text: str, pos: int = 0, endpos: int | None = None):
    end = len(text) if endpos is None else endpos
    pattern = triggered.pattern
    expected = _spans(pattern.finditer(text, pos, end))
    assert _spans(triggered.finditer(text, pos, end)) == expected, (text, pos, end)
    found, plain = triggered.search(text, pos, end), pattern.search(text, pos, end)
    assert (found and found.span()) == (plain and plain.span())


# Examples written from a pattern's syntax tree: for every choice in the tree (an alternative
# of a branch, one more turn of a repeat), one example takes it, and the choices that lead to
# it; together they open with every word the pattern's matches can open with. Negative
# lookarounds write nothing; positive ones write what they require, or nothing.
_CATEGORIES = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}  # fmt: skip
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_NAMED = (C.LITERAL, C.RANGE)


def _in_set(char: str, items) -> bool:
    negate = bool(items) and items[0][0] is C.NEGATE
    found = False
    for op, value in items[1:] if negate else items:
        if op is C.LITERAL:
            found = found or ord(char) == value
        elif op is C.RANGE:
            found = found or value[0] <= ord(char) <= value[1]
        elif op is C.CATEGORY:
            found = found or re.fullmatch(_CATEGORIES[value], char) is not None
    return found != negate


def _members(items) -> list[str]:
    """Characters of a set: the letters it names, then common characters in it."""
    named = [chr(v) if o is C.LITERAL else chr(v[0]) for o, v in items if o in _NAMED]
    members = [c for c in dict.fromkeys([*named, *"a -1.A,'(\n\t"]) if _in_set(c, items)]
    return members or ["a"]


def _choices(items, chain=()):
    """(choice, number of options, the choices leading to it) for every choice in the tree."""
    for op, value in items:
        if op is C.IN:
            yield id(value), len(_members(value)), chain
        elif op is C.BRANCH:
            yield id(value), len(value[1]), chain
            for index, branch in enumerate(value[1]):
                yield from _choices(branch, (*chain, (id(value), index)))
        elif op is C.SUBPATTERN:
            yield from _choices(value[3], chain)
        elif op in _REPEATS:
            yield id(value), 2, chain
            yield from _choices(value[2], (*chain, (id(value), 1)))
        elif op is C.ASSERT:
            yield from _choices(value[1], chain)


def _example(items, picks: dict[int, int], asserted: bool = False) -> str:
    out = []
    for op, value in items:
        if op is C.LITERAL:
            out.append(chr(value))
        elif op is C.NOT_LITERAL:
            out.append("a" if value != ord("a") else "b")
        elif op is C.ANY:
            out.append("a")
        elif op is C.IN:
            out.append(_members(value)[picks.get(id(value), 0)])
        elif op is C.BRANCH:
            out.append(_example(value[1][picks.get(id(value), 0)], picks, asserted))
        elif op is C.SUBPATTERN:
            out.append(_example(value[3], picks, asserted))
        elif op in _REPEATS:
            low, high, body = value
            turns = min(low + picks.get(id(value), 0), high)
            out.append(_example(body, picks, asserted) * turns)
        elif op is C.ASSERT and asserted:
            out.append(_example(value[1], picks, asserted))
        # negative lookarounds, anchors and word boundaries write nothing
    return "".join(out)


def _examples(pattern: re.Pattern[str]) -> list[str]:
    tree = _parser.parse(pattern.pattern, pattern.flags).data
    examples = {_example(tree, {}), _example(tree, {}, asserted=True)}
    for choice, options, chain in _choices(tree):
        for option in range(options):
            picks = {**dict(chain), choice: option}
            examples |= {_example(tree, picks), _example(tree, picks, asserted=True)}
    return sorted(examples)


@pytest.mark.parametrize("name", sorted(TRIGGERED))
def test_same_matches_on_examples_of_every_alternative(name):
    triggered = TRIGGERED[name]
    matched = 0
    for example in _examples(triggered.pattern):
        for written in (example, example.upper(), example.title(), example.lower()):
            for text in (f" {written} ", f"x{written}.", f"({written}\n{written} dan {written}"):
                _assert_same(triggered, text)
                odd = "".join(ODD_LETTERS.get(c, c) for c in text)
                _assert_same(triggered, odd)
                matched += triggered.pattern.search(text) is not None
    assert matched  # the examples do exercise the pattern


@pytest.mark.parametrize("name", sorted(TRIGGERED))
def test_same_matches_on_the_labelled_items(name):
    for text in TEXTS:
        _assert_same(TRIGGERED[name], text)
        _assert_same(TRIGGERED[name], text, len(text) // 3, len(text) // 2)


@pytest.mark.parametrize("name", sorted(TRIGGERED))
def test_same_matches_on_generated_text(name):
    triggered = TRIGGERED[name]
    # pieces that match the pattern (in any case), mixed with separators and odd letters
    piece = st.one_of(
        st.from_regex(triggered.pattern, fullmatch=True),
        st.sampled_from(SEPARATORS + list(ODD_LETTERS.values())),
        st.text(max_size=3),
    )

    @settings(max_examples=60, deadline=None, derandomize=True)
    @given(st.lists(piece, max_size=10), st.integers(0, 200), st.integers(0, 200))
    def check(pieces, pos, length):
        text = "".join(pieces)
        _assert_same(triggered, text)
        _assert_same(triggered, text, pos, pos + length)

    check()


def test_a_name_that_opens_with_no_ascii_letter_leaves_the_scan_plain():
    index = known_index((KnownOrganization("Évaluation et développement des Forêts"),))
    assert index.lowercase is not None
    assert index.lowercase.trigger is None
    text = "bersama évaluation et développement des forêts dan"
    assert _spans(index.lowercase.finditer(text)) == _spans(index.lowercase.pattern.finditer(text))


def test_lowered_text_stands_for_the_text_only_when_offsets_and_letters_hold():
    assert lowered("Rapat KOORDINASI") == "rapat koordinasi"
    assert lowered("\u212aunjungan") == "kunjungan"  # the Kelvin sign lower-cases to "k"
    for odd in ("\u0130", "\u0131", "\u017f"):
        assert lowered(f"Rapat {odd}") is None
    assert scan.lowered("") == ""


def test_a_trigger_written_as_a_trie_matches_where_its_words_do():
    words = r"rapat|rakor|rakormanda|di\s|dialog|in[\s-]person|-hotel|tele|telekonferensi|r/d"
    flat, trie = re.compile(words), re.compile(scan._as_trie(words))
    assert trie.pattern != words
    texts = [*TEXTS[:20], "Rakormanda di\ndialog in-person X-Hotel telekonferensi R/D rapat"]
    for text in texts:
        low = text.lower()
        for pos in range(len(low)):
            assert bool(flat.match(low, pos)) == bool(trie.match(low, pos)), (low, pos)
    # a trigger of another shape is kept as it is
    assert scan._as_trie(r"(?:a|b)c|d") == r"(?:a|b)c|d"
