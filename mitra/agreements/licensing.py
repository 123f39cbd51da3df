"""The izin prinsip as agreements see it: a hook the licensing app fills.

Agreements sit below `permits` (permits import agreements: an izin operasional belongs to an
MSP), yet N3 and N4 need the partner's izin prinsip when an agreement is signed, activated or
re-checked. So this module holds a one-slot registry, filled in `PermitsConfig.ready()`:

    from mitra.agreements.licensing import register_izin_prinsip_source
    register_izin_prinsip_source(izin_prinsip_covers)

A source is `source(organization_ids) -> {organization_id: [Cover, ...]}`: every izin prinsip
that counts for its own period (in force, or run to its end); suspended or revoked ones count
for nothing. An empty registry is a configuration error, never "no permit": it raises.

How strictly the rule applies is the setting `MITRA["IZIN_PRINSIP_COVER"]`: "refuse" (the
default, in tests and in the demo) or "warn", for migrating legacy records; either way every
agreement without cover is flagged and listed (`selectors.agreements_without_cover`).
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Cover:
    """One izin prinsip, or several that follow each other without a gap (merged)."""

    number: str
    start: date
    end: date


CoverSource = Callable[[Collection[int]], dict[int, list[Cover]]]

_source: list[CoverSource] = []
REFUSE, WARN = "refuse", "warn"


def register_izin_prinsip_source(source: CoverSource) -> None:
    """Install (or replace) the source; calling it twice is harmless."""
    _source[:] = [source]


def izin_prinsip_covers(organization_ids: Collection[int]) -> dict[int, list[Cover]]:
    """Each organization's izin prinsip that count, from the registered source (one query)."""
    if not _source:
        raise ImproperlyConfigured(
            "No izin prinsip source is registered (mitra.permits must be installed)."
        )
    if not organization_ids:
        return {}
    return _source[0](organization_ids)


def cover_mode() -> str:
    """REFUSE or WARN (`MITRA["IZIN_PRINSIP_COVER"]`); anything else is a configuration error."""
    mode = settings.MITRA.get("IZIN_PRINSIP_COVER", REFUSE)
    if mode not in (REFUSE, WARN):
        raise ImproperlyConfigured(
            f'MITRA["IZIN_PRINSIP_COVER"] must be "refuse" or "warn", not {mode!r}.'
        )
    return str(mode)


def merged(covers: list[Cover]) -> list[Cover]:
    """Permits that follow each other without a gap (an extension from the day after) as one
    span named by all their numbers, oldest first."""
    spans: list[Cover] = []
    for cover in sorted(covers, key=lambda c: (c.start, c.end)):
        last = spans[-1] if spans else None
        if last is not None and (cover.start - last.end).days <= 1:
            if cover.end > last.end:
                spans[-1] = Cover(f"{last.number}, {cover.number}", last.start, cover.end)
            continue
        spans.append(cover)
    return spans
