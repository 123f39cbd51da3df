"""One containment rule for regions: an RKT or an activity lies within the provinces and
regencies/cities of the frame above it (its RKT, its agreement). `core.periods.check_within` is
its twin for dates; each app calls these with its own labels so the messages read the same.

An area names provinces and regencies/cities; a province named together with some of its
regencies/cities stands for those only, a province named alone for all of it (the reading of
`workplans.validation.activity_regions`, so an agreement, an RKT and an activity read alike).
An area naming nothing is unbounded: an agreement without recorded regions is national.
Regions are passed as objects with `pk` (and a regency's `province_id`), so `core` needs no model.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Area:
    label: str  # what the area belongs to, for messages ("the MSP")
    provinces: tuple[Any, ...] = field(default=())
    regencies: tuple[Any, ...] = field(default=())

    @classmethod
    def of(cls, label: str, provinces: Iterable[Any] = (), regencies: Iterable[Any] = ()) -> "Area":
        return cls(
            label,
            tuple(p for p in provinces if p is not None),
            tuple(r for r in regencies if r is not None),
        )

    @property
    def unbounded(self) -> bool:
        return not self.provinces and not self.regencies

    def places(self) -> list[tuple[Any, Any]]:
        """(province, regency or None): each regency/city named, and each province named with
        none of its regencies/cities (a whole province)."""
        with_regency = {r.province_id for r in self.regencies}
        places: list[tuple[Any, Any]] = [(None, r) for r in self.regencies]
        places += [(p, None) for p in self.provinces if p.pk not in with_regency]
        return places


def check_area_within(inner: Area, outer: Area) -> list[str]:
    """Messages for every place of `inner` outside `outer` (empty when it fits or either area
    names nothing)."""
    if inner.unbounded or outer.unbounded:
        return []
    whole = {province.pk for province, regency in outer.places() if regency is None}
    regencies = {regency.pk for _province, regency in outer.places() if regency is not None}
    outside = [
        str(regency or province)
        for province, regency in inner.places()
        if not (
            (regency is not None and (regency.pk in regencies or regency.province_id in whole))
            or (regency is None and province.pk in whole)
        )
    ]
    if not outside:
        return []
    named = [str(regency or province) for province, regency in outer.places()]
    return [
        _("%(inner)s lies in %(outside)s, outside %(outer)s (%(regions)s).")
        % {
            "inner": inner.label,
            "outside": ", ".join(outside),
            "outer": outer.label,
            "regions": ", ".join(named),
        }
    ]
