"""Reads of the reference regions."""

from .models import Province, Regency


def region_centroids(*, level: str = "province") -> list[tuple[float, float]]:
    """(latitude, longitude) of every province (or regency/city) with a known centre: the
    faint dots that draw the archipelago's shape on a map without background tiles. One query."""
    model = Regency if level == "regency" else Province
    rows = model.objects.filter(latitude__isnull=False, longitude__isnull=False).order_by("code")
    return [
        (round(lat, 2), round(lon, 2))
        for lat, lon in rows.values_list("latitude", "longitude")
        if lat is not None and lon is not None  # as filtered: the column types allow NULL
    ]
