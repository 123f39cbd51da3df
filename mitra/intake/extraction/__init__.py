"""Rule-based extraction of cooperation records from Indonesian government press items.

Pure Python: no Django settings, no network, no models. See docs/intake.md.
"""

from .bodies import Gazetteer, default_gazetteer
from .extractor import extract
from .model import (
    Agreement,
    Evidence,
    Extraction,
    ForeignParty,
    KnownOrganization,
    Signatory,
)

__all__ = [
    "Agreement",
    "Evidence",
    "Extraction",
    "ForeignParty",
    "Gazetteer",
    "KnownOrganization",
    "Signatory",
    "default_gazetteer",
    "extract",
]
