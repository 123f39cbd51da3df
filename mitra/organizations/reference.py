"""Sectors of cooperation (a short, stable vocabulary shown in both languages)."""

from django.db import transaction

from .models import Sector

SECTORS = [
    ("governance", "Tata kelola pemerintahan", "Governance"),
    ("local-government", "Pemerintahan daerah", "Local government"),
    ("health", "Kesehatan", "Health"),
    ("education", "Pendidikan", "Education"),
    ("environment", "Lingkungan hidup", "Environment"),
    ("climate", "Perubahan iklim", "Climate change"),
    ("forestry", "Kehutanan", "Forestry"),
    ("agriculture", "Pertanian dan pangan", "Agriculture and food"),
    ("water-sanitation", "Air dan sanitasi", "Water and sanitation"),
    ("disaster", "Penanggulangan bencana", "Disaster management"),
    ("human-rights", "Hak asasi manusia", "Human rights"),
    ("gender", "Kesetaraan gender", "Gender equality"),
    ("child-protection", "Perlindungan anak", "Child protection"),
    ("economy", "Ekonomi dan UMKM", "Economy and SMEs"),
    ("urban", "Perkotaan", "Urban development"),
    ("culture", "Kebudayaan", "Culture"),
    ("social-welfare", "Kesejahteraan sosial", "Social welfare"),
    ("religion", "Keagamaan", "Religion"),
    ("research", "Riset dan teknologi", "Research and technology"),
]


@transaction.atomic
def load_sectors() -> int:
    for code, name_id, name_en in SECTORS:
        Sector.objects.update_or_create(
            code=code, defaults={"name_id": name_id, "name_en": name_en}
        )
    return len(SECTORS)
