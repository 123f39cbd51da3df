"""What the phrase-family tests feed the extractor: one body sentence under a fixed source line
and headline (so the sentence is read as the body), and the parts of the result they check."""

from typing import Any

from mitra.intake.extraction import extract

HEADLINE = "Pemerintah Daerah Perkuat Kolaborasi Pembangunan Berkelanjutan\n"


def item(body: str) -> Any:
    return extract("https://contoh.go.id/berita/1\n" + HEADLINE + body)


def record(body: str) -> dict[str, Any]:
    return item(body).to_record()


def foreign(body: str) -> list[str]:
    return [p.name for p in item(body).foreign_parties]


def government(body: str) -> list[str]:
    return list(record(body)["government_parties"])


def agreements(body: str) -> list[dict[str, Any]]:
    return record(body)["agreements"]


def attending(body: str) -> list[str]:
    return list(record(body)["attending_agencies"])


def event_types(body: str) -> list[str]:
    return list(record(body)["event_types"])


def headed(headline: str, body: str) -> dict[str, Any]:
    """The record of an item with its own headline (for families that live in headlines)."""
    return extract(f"https://contoh.go.id/berita/1\n{headline}\n{body}").to_record()


def signatories(body: str) -> list[tuple[str, str]]:
    return [(s["title"], s["organization"]) for s in record(body)["signatories"]]
