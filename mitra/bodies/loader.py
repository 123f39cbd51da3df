"""Load the gazetteer of government bodies into GovernmentBody rows (idempotent)."""

from django.db import transaction

from mitra.regions.models import Province, Regency

from .gazetteer import all_bodies
from .models import GovernmentBody
from .signals import bodies_reloaded


@transaction.atomic
def load_bodies() -> int:
    """Create or update every body by its stable key; then parents and successors."""
    entries = all_bodies()
    provinces = {p.code: p for p in Province.objects.all()}
    regencies = {r.code: r for r in Regency.objects.all()}
    by_key: dict[str, GovernmentBody] = {}
    for entry in entries:
        body, _ = GovernmentBody.objects.update_or_create(
            key=entry.key,
            defaults={
                "name": entry.name,
                "name_en": entry.name_en,
                "acronym": entry.acronym,
                "aliases": list(entry.aliases),
                "kind": entry.kind,
                "valid_from": entry.valid_from,
                "valid_until": entry.valid_until,
                "province": provinces.get(entry.province_code or ""),
                "regency": regencies.get(entry.regency_code or ""),
            },
        )
        by_key[entry.key] = body
    for entry in entries:
        body = by_key[entry.key]
        body.parent = by_key.get(entry.parent) if entry.parent else None
        body.refresh_search_text()
        body.save(update_fields=["parent", "search_text"])
        body.successors.set([by_key[k] for k in entry.successors if k in by_key])
    bodies_reloaded.send(sender=GovernmentBody)
    return len(entries)
