"""The source text cut into segments, each with the evidence spans that cover it.

Built server-side from the extractor's spans so the template only prints text (autoescaped)
inside <mark> elements: no markup from the source ever reaches the page unescaped.
"""

from dataclasses import dataclass, field
from typing import Any

FIELD_LABELS = {
    "published": "published",
    "event_date": "event date",
    "event_types": "event type",
    "government_parties": "government party",
    "attending_agencies": "attending",
    "foreign_parties": "foreign party",
    "agreements": "agreement",
    "signatories": "signatory",
    "venue": "venue",
    "meeting_mode": "meeting mode",
}


@dataclass
class Segment:
    text: str
    evidence: list[int] = field(default_factory=list)  # indexes into the evidence list
    anchors: list[int] = field(default_factory=list)  # evidence starting here (for #ev-N)

    @property
    def marked(self) -> bool:
        return bool(self.evidence)

    @property
    def fields(self) -> str:
        return " ".join(sorted({str(i) for i in self.evidence}))


def segments(text: str, evidence: list[dict[str, Any]]) -> list[Segment]:
    """Cut `text` at every span boundary. Whole-sentence spans (agreement sentences) are not
    marked, so the words of the individual fields stand out; they still get an anchor."""
    spans = []
    for index, row in enumerate(evidence):
        start, end = int(row.get("start", 0)), int(row.get("end", 0))
        if 0 <= start < end <= len(text):
            spans.append((start, end, index, row.get("field") != "agreements"))
    cuts = sorted({0, len(text), *(s for s, *_ in spans), *(e for _, e, *_ in spans)})
    result = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [i for s, e, i, mark in spans if mark and s <= left and right <= e]
        anchors = [i for s, _e, i, _m in spans if s == left]
        result.append(Segment(text[left:right], covering, anchors))
    return result


def snippets(text: str, evidence: list[dict[str, Any]], limit: int = 160) -> list[dict[str, Any]]:
    """Each evidence row with its source words (shortened) and its index, for field labels."""
    rows = []
    for index, row in enumerate(evidence):
        start, end = int(row.get("start", 0)), int(row.get("end", 0))
        words = text[start:end] if 0 <= start < end <= len(text) else ""
        if len(words) > limit:
            words = words[: limit - 1] + "…"
        rows.append({**row, "index": index, "words": words})
    return rows
