"""Result types of the extractor: values with the span they came from and a confidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dac import SectorFound
from .regions import Region


@dataclass(frozen=True)
class KnownOrganization:
    """A foreign organization of the registry, passed in by the caller."""

    name: str
    acronym: str = ""
    aliases: tuple[str, ...] = ()
    pk: Any = None


@dataclass(frozen=True)
class Evidence:
    """Where a value came from: character span in the input text, confidence 0..1, rule."""

    field: str
    value: Any
    start: int
    end: int
    confidence: float
    rule: str


@dataclass(frozen=True)
class ForeignParty:
    name: str  # as first written in the text (or "Full Name (ACR)" when both are given)
    known: KnownOrganization | None = None  # registry match, None if proposed as new

    @property
    def is_new(self) -> bool:
        return self.known is None


@dataclass
class Agreement:
    partner: str
    government_party: str | None
    document_type: str | None
    start_year: int | None = None
    end_year: int | None = None
    duration_years: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "partner": self.partner,
            "government_party": self.government_party,
            "document_type": self.document_type,
            "start_year": self.start_year,
            "end_year": self.end_year,
            "duration_years": self.duration_years,
        }


@dataclass(frozen=True)
class Signatory:
    title: str
    organization: str


@dataclass
class Extraction:
    url: str | None = None
    published: date | None = None
    event_date: date | None = None
    event_types: list[str] = field(default_factory=list)
    government_parties: list[str] = field(default_factory=list)
    foreign_parties: list[ForeignParty] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    meeting_mode: str | None = None
    venue: str | None = None
    attending_agencies: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    # Beyond the press schema (for the review screen, not scored): the gazetteer key of each
    # government party and attending body, the regions named, the DAC sectors found.
    body_keys: dict[str, str] = field(default_factory=dict)  # name -> GovernmentBody key
    regions: list[Region] = field(default_factory=list)
    dac_sectors: list[SectorFound] = field(default_factory=list)

    def evidence_for(self, field_name: str) -> list[Evidence]:
        return [e for e in self.evidence if e.field == field_name]

    def confidence(self, field_name: str, value: Any = None) -> float | None:
        """The highest confidence of `field_name` (with `value`, when given); None when the
        extractor has no evidence for it."""
        found = [
            e.confidence
            for e in self.evidence
            if e.field == field_name and (value is None or e.value == value)
        ]
        return max(found) if found else None

    def to_record(self, id: str | None = None) -> dict[str, Any]:  # noqa: A002 - schema name
        """The record in the schema of shared/data/press/README.md."""
        return {
            "id": id,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "event_types": list(self.event_types),
            "government_parties": list(self.government_parties),
            "foreign_parties": [p.name for p in self.foreign_parties],
            "agreements": [a.as_dict() for a in self.agreements],
            "signatories": [
                {"title": s.title, "organization": s.organization} for s in self.signatories
            ],
            "meeting_mode": self.meeting_mode,
            "venue": self.venue,
            "attending_agencies": list(self.attending_agencies),
            "sectors": list(self.sectors),
        }
