"""Scope "indonesia" reads a file from its bytes (ADR 0025): the splitter cuts the activities
out without parsing, only those whose bytes may concern Indonesia are parsed. What it yields is
what parsing the whole file yields, on every shipped file and on the layouts the splitter does
not follow (it gives up and the parser takes over, without losing or repeating an activity)."""

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mitra.iati import parse
from mitra.iati.parse import (
    OutOfScope,
    ParsedActivity,
    Problem,
    concerns_indonesia,
    iter_activities,
    may_concern_indonesia,
)
from mitra.iati.rawbytes import HostileXML

from .helpers import DATA, activity, shared, xml


def _parsed_whole(data: bytes) -> list[Any]:
    """What the whole-file parser yields (the reference)."""
    return list(
        parse._iter_parsed(io.BytesIO(data), max_bytes=parse.DEFAULT_MAX_BYTES, indonesia_only=True)
    )


def _split(data: bytes) -> list[Any]:
    return list(iter_activities(io.BytesIO(data), indonesia_only=True))


def _split_only(data: bytes) -> list[Any]:
    """The splitter's path alone (raises SplitGaveUp where it would hand over)."""
    return list(parse._iter_split(io.BytesIO(data), parse.DEFAULT_MAX_BYTES))


def _shipped() -> list[Path]:
    shared("")
    return sorted(
        p for p in DATA.rglob("*.xml") if "codelists" not in p.parts and "reference" not in p.parts
    )


def _true_lines(data: bytes, items: list[Any]) -> list[int]:
    """Each item's line counted in the file's bytes (libxml2's push parser, fed in chunks, is
    sometimes one line off deep into a big file; the splitter counts them itself)."""
    lines, at = [], 0
    for item in items:
        at = data.index(item.raw, at)
        lines.append(data.count(b"\n", 0, at) + 1)
    return lines


def _without_lines(items: list[Any]) -> list[Any]:
    for item in items:
        item.line = None
    return items


def test_every_shipped_file_gives_what_parsing_it_whole_gives() -> None:
    files = _shipped()
    assert len(files) > 80
    in_scope = out = 0
    for path in files:
        data = path.read_bytes()
        expected = _parsed_whole(data)
        split = _split(data)
        if all(not isinstance(i, Problem) for i in split):
            assert [i.line for i in split] == _true_lines(data, split), path.name
        assert _without_lines(split) == _without_lines(expected), path.name
        in_scope += sum(isinstance(i, ParsedActivity) for i in expected)
        out += sum(isinstance(i, OutOfScope) for i in expected)
    # the shipped data: 188 activities in Indonesia, thousands elsewhere
    assert in_scope >= 188
    assert out > 7000


def test_the_splitter_follows_the_shipped_files_without_the_parser() -> None:
    """The fast path is the one taken: all but the file with comments are split, not parsed."""
    followed = 0
    for path in _shipped():
        try:
            _split_only(path.read_bytes())
        except parse.SplitGaveUp:
            continue
        followed += 1
    assert followed >= len(_shipped()) - 2


INDONESIA = '<recipient-country code="ID"/>'
ELSEWHERE = '<recipient-country code="TL"/>'


def _file(*activities: str, root: str = '<iati-activities version="2.03">') -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + root + "\n" + "\n".join(activities)
        + "\n</iati-activities>\n"
    ).encode()  # fmt: skip


LAYOUTS = {
    "comment between activities": _file(
        activity("A-1", INDONESIA), "<!-- a note -->", activity("A-2", ELSEWHERE)
    ),
    "comment inside an activity": _file(
        activity("A-1", INDONESIA), activity("A-2", "<!-- x -->" + INDONESIA)
    ),
    "CDATA in a title": _file(
        activity("A-1", INDONESIA),
        activity("A-2", "<title><narrative><![CDATA[a < b]]></narrative></title>" + INDONESIA),
    ),
    "processing instruction": _file(activity("A-1", INDONESIA), "<?pi x?>", activity("A-2")),
    "another element between": _file(
        activity("A-1", INDONESIA), "<note>x</note>", activity("A-2", INDONESIA)
    ),
    "text between": _file(activity("A-1", INDONESIA), "stray", activity("A-2", INDONESIA)),
    "nested activity": _file(
        activity("A-1", INDONESIA), activity("A-2", activity("A-3", INDONESIA)), activity("A-4")
    ),
    "empty activity element": _file(activity("A-1", INDONESIA), "<iati-activity/>"),
    "cut short": _file(activity("A-1", INDONESIA), activity("A-2", INDONESIA))[:-40],
    "no activity": _file(),
    "multi-line root tag": _file(
        activity("A-1", INDONESIA),
        activity("A-2", "<title>x</title>\n" + INDONESIA),
        root='<iati-activities\n  version="2.02"\n  xmlns:x="urn:x">',
    ),
    "namespace prefix from the root": _file(
        activity("A-1", '<x:extra>1</x:extra><recipient-country code="ID"/>'),
        root='<iati-activities version="2.03" xmlns:x="urn:x">',
    ),
    "end tag with blanks": _file(
        activity("A-1", INDONESIA).replace("</iati-activity>", "</iati-activity  >"),
        activity("A-2", ELSEWHERE),
    ),
    "identifier with a reference": _file(activity("A&amp;1", ELSEWHERE), activity("A-2")),
    "identifier not first": _file(
        "<iati-activity><title>t</title><iati-identifier>B-1</iati-identifier></iati-activity>"
    ),
    "no identifier": _file("<iati-activity><title>t</title></iati-activity>", activity("A-2")),
    "identifier too long": _file(activity("Z" * 300, ELSEWHERE), activity("A-2", INDONESIA)),
    "identifier spaced": _file(activity("\n  A  1 \n", ELSEWHERE)),
    "Latin-1 file": (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n<iati-activities version="2.03">'
        + activity("É-1", INDONESIA)
        + "</iati-activities>"
    ).encode("latin-1"),  # fmt: skip
    "byte-order mark": b"\xef\xbb\xbf" + _file(activity("A-1", INDONESIA)),
    "CRLF lines": _file(activity("A-1", INDONESIA), activity("A-2", ELSEWHERE)).replace(
        b"\n", b"\r\n"
    ),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_any_layout_gives_what_parsing_it_whole_gives(name: str) -> None:
    data = LAYOUTS[name]
    assert _split(data) == _parsed_whole(data)


def test_a_file_not_well_formed_at_its_end_keeps_its_whole_activities() -> None:
    """The whole-file parser, fed the file at once, loses the activities before the error; the
    splitter yields them, then hands over and the parser names the error."""
    data = _file(activity("A-1", INDONESIA), activity("A-2", ELSEWHERE)) + b"<x/>"
    whole = _parsed_whole(data)
    assert [type(i) for i in whole] == [Problem]
    items = _split(data)
    assert [type(i) for i in items] == [ParsedActivity, OutOfScope, Problem]
    assert items[-1] == whole[-1]


def test_a_character_xml_forbids_between_activities_hands_over() -> None:
    """A form feed is blank to `bytes.strip` but not to XML: the splitter hands over, and the
    parser names the error (after the activities before it)."""
    data = _file(activity("A-1", INDONESIA), "\f", activity("A-2", INDONESIA))
    with pytest.raises(parse.SplitGaveUp):
        _split_only(data)
    items = _split(data)
    assert [type(i) for i in items] == [ParsedActivity, Problem]
    assert items[-1] == _parsed_whole(data)[-1]


def test_handing_over_midway_neither_loses_nor_repeats_an_activity() -> None:
    data = _file(
        *[activity(f"A-{i}", INDONESIA if i % 3 == 0 else ELSEWHERE) for i in range(10)],
        "<!-- late comment -->",
        *[activity(f"B-{i}", INDONESIA) for i in range(3)],
    )
    items = _split(data)
    assert [i.identifier for i in items] == [f"A-{i}" for i in range(10)] + [
        f"B-{i}" for i in range(3)
    ]
    assert items == _parsed_whole(data)
    with pytest.raises(parse.SplitGaveUp):
        _split_only(data)


def test_a_malformed_activity_in_scope_is_a_problem_at_its_line_and_the_rest_is_read() -> None:
    data = _file(
        activity("A-1", INDONESIA),
        activity("A-2", "<title><narrative>x</title>" + INDONESIA),
        activity("A-3", INDONESIA),
    )
    items = _split(data)
    assert [type(i) for i in items] == [ParsedActivity, Problem, ParsedActivity]
    assert items[1].line == 4
    assert "not well-formed" in items[1].message
    # the whole-file parser stops there (and, fed the file at once, loses A-1 too)
    assert not any(isinstance(i, ParsedActivity) for i in _parsed_whole(data))


def test_lines_are_the_files_lines() -> None:
    data = _file(
        activity("A-1", INDONESIA),
        activity("A-2", ELSEWHERE),
        "\n\n" + activity("A-3", "<title>\n</title>" + INDONESIA),
        root='<iati-activities\n version="2.03">',
    )
    split = _split_only(data)
    assert [i.line for i in split] == [4, 5, 8]
    assert [i.line for i in split] == [i.line for i in _parsed_whole(data)]


def test_the_file_checks_are_the_same() -> None:
    with pytest.raises(HostileXML, match="not an IATI activity file"):
        _split(b'<?xml version="1.0"?><other><iati-activity/></other>')
    with pytest.raises(HostileXML, match="version 1.05"):
        _split(_file(activity("A-1"), root='<iati-activities version="1.05">'))
    with pytest.raises(HostileXML, match="DTD"):
        _split(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><iati-activities/>')
    big = _file(*[activity(f"A-{i}", INDONESIA) for i in range(200)])
    with pytest.raises(HostileXML, match="larger than the limit"):
        list(iter_activities(io.BytesIO(big), max_bytes=len(big) // 2, indonesia_only=True))


def test_a_huge_activity_is_left_to_the_streaming_parser(monkeypatch: Any) -> None:
    from mitra.iati import split

    monkeypatch.setattr(split, "ACTIVITY_BYTES_MAX", 4096)
    data = _file(
        activity("A-1", INDONESIA),
        activity("A-2", "<title>" + " " * 10_000 + "</title>" + INDONESIA),
        activity("A-3", ELSEWHERE),
    )
    with pytest.raises(parse.SplitGaveUp):
        _split_only(data)
    assert _split(data) == _parsed_whole(data)


def test_a_stream_that_cannot_seek_is_parsed_whole() -> None:
    class OneWay(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.inner = io.BytesIO(data)

        def readable(self) -> bool:
            return True

        def seekable(self) -> bool:
            return False

        def readinto(self, b: Any) -> int:
            chunk = self.inner.read(len(b))
            b[: len(chunk)] = chunk
            return len(chunk)

    data = _file(activity("A-1", INDONESIA), activity("A-2", ELSEWHERE))
    items = list(iter_activities(io.BufferedReader(OneWay(data)), indonesia_only=True))
    assert items == _parsed_whole(data)


def test_the_tests_helper_files_split() -> None:
    data = xml(activity("A-1", INDONESIA), activity("A-2", ELSEWHERE)).getvalue()
    assert [type(i) for i in _split_only(data)] == [ParsedActivity, OutOfScope]


# The prefilter is conservative: every activity that concerns Indonesia passes it ----------------

_CODES = st.sampled_from(
    ["ID", "id", "Id", " ID ", "\tiD", "IDN", "ID-JK", "TL", "XX", "", "&#73;D", "&#x49;&#x44;",
     "I&#68;", "&#105;d", "I D", "IN", "D", "&amp;"]
)  # fmt: skip
_QUOTE = st.sampled_from(['"', "'"])
_EQUALS = st.sampled_from(["=", " = ", "\n=\t", "= "])


@st.composite
def _country(draw: Any) -> str:
    quote = draw(_QUOTE)
    extra = draw(st.sampled_from(["", ' percentage="50"', " vocabulary='A4'"]))
    order = draw(st.booleans())
    code = f"code{draw(_EQUALS)}{quote}{draw(_CODES)}{quote}"
    attrs = f"{extra} {code}" if order else f"{code}{extra}"
    return f"<recipient-country {attrs.strip()}/>"


@st.composite
def _activity(draw: Any) -> str:
    parts = draw(st.lists(_country(), max_size=3))
    for _ in range(draw(st.integers(0, 3))):
        inner = draw(st.lists(_country(), max_size=2))
        parts.append(
            "<transaction><transaction-type code='3'/>" + "".join(inner) + "</transaction>"
        )
    parts.append(draw(st.sampled_from(["", '<language code="id"/>', '<sector code="ID"/>'])))
    draw(st.randoms()).shuffle(parts)
    return activity("H-1", "".join(parts))


@settings(max_examples=400, deadline=None)
@given(_activity())
def test_the_prefilter_never_drops_an_activity_in_indonesia(text: str) -> None:
    raw = text.encode()
    el = etree.fromstring(raw)
    if concerns_indonesia(el):
        assert may_concern_indonesia(raw)
    # and the whole path agrees with the parser
    data = _file(text)
    assert _split(data) == _parsed_whole(data)


def test_the_prefilter_reads_hostile_bytes() -> None:
    """Open quotes and tags by the ten thousand, and a code attribute that is not Indonesia's
    at the end. (A pattern bound to the tag, skipping quoted values to its end, backtracked
    over everything after each open quote: this input then took minutes; the prefilter reads
    it in one pass.)"""
    hostile = (b'<recipient-country "' + b"x" * 20) * 20_000 + b"code  =  'T"
    assert not may_concern_indonesia(hostile)
    assert may_concern_indonesia(hostile + b"<recipient-country code='ID'/>")


def test_few_activities_elsewhere_are_parsed() -> None:
    """The prefilter's point: on the shipped files it lets through little beyond Indonesia's."""
    passed = total = 0
    for path in _shipped():
        data = path.read_bytes()
        for item in _parsed_whole(data):
            if isinstance(item, OutOfScope):
                total += 1
                passed += may_concern_indonesia(item.raw)
    assert total > 7000
    assert passed < total / 100
