"""Which development items are set aside (never looked at while tuning the extractor).

Fixed rule, committed once and never changed (issue 12): an item is set aside when the
SHA-256 of its file stem (e.g. "014"), read as a big-endian integer, is divisible by 3.
The rule depends on the stem only, so items added to the dev set later fall on one side
or the other without moving the existing ones.
"""

from __future__ import annotations

import hashlib

__all__ = ["is_set_aside", "split"]


def is_set_aside(stem: str) -> bool:
    digest = hashlib.sha256(stem.encode("utf-8")).digest()
    return int.from_bytes(digest, "big") % 3 == 0


def split(stems):
    """(tuned, set_aside): two sorted lists of stems."""
    tuned = sorted(s for s in stems if not is_set_aside(s))
    aside = sorted(s for s in stems if is_set_aside(s))
    return tuned, aside
