"""The default visibility grants (a copy of mitra/grants/reference.py as it was written: a
migration never imports app code). The access table is rebuilt from them by
`load_reference` (and by the daily status job when a grant version comes into force)."""

import datetime

from django.db import migrations

PP_59_2016 = datetime.date(2016, 12, 6)
PERMENDAGRI_25_2020 = datetime.date(2020, 5, 22)

GRANTS = [
    {
        "code": "tpoa.ormas_asing",
        "name": "TPOA members read the records of ormas asing",
        "rule": "org_kind",
        "grantee_keys": [],
        "grantee_setting": "TPOA_MEMBERS",
        "organization_kinds": ["foreign_ngo"],
        "role": "TPOA member (Tim Perizinan Organisasi Masyarakat Asing)",
        "legal_basis": "PP 59/2016 Ps 5(1), 6; Permenlu 11/2020; domain.md §2.3",
        "confidence": "A",
        "valid_from": PP_59_2016,
        "notes": "Members are read from settings.MITRA['TPOA_MEMBERS'].",
    },
    {
        "code": "multilateral.working_group",
        "name": "The multilateral working group reads multilateral, regional and UN cooperation",
        "rule": "org_kind",
        "grantee_keys": ["kemensetneg"],
        "grantee_setting": "",
        "organization_kinds": ["regional_org", "multilateral_org", "un_agency"],
        "role": (
            "Kelompok Kerja bagi Kegiatan Kerja Sama dengan Organisasi Multilateral "
            "(Kemensetneg, Biro KTLN)"
        ),
        "legal_basis": "Practice: ktln.setneg.go.id/id/berita/ktln/80; domain.md §2.1, §2.5",
        "confidence": "B",
        "valid_from": PP_59_2016,
        "notes": "",
    },
    {
        "code": "polpum.regional_ormas",
        "name": "Ditjen Polpum reads ormas asing cooperation that concerns a region",
        "rule": "regional_ormas",
        "grantee_keys": ["kemendagri-ditjen-polpum"],
        "grantee_setting": "",
        "organization_kinds": [],
        "role": "Supervisor of ormas asing in the regions (Kemendagri, Ditjen Polpum, Dit. Ormas)",
        "legal_basis": "PP 59/2016 Ps 19(2), 24; Permendagri 49/2010; domain.md §2.4(1), N5, N6",
        "confidence": "B",
        "valid_from": PP_59_2016,
        "notes": "",
    },
    {
        "code": "fasker.regional_cooperation",
        "name": "Pusat Fasilitasi Kerja Sama reads regional governments' foreign cooperation",
        "rule": "regional_cooperation",
        "grantee_keys": ["kemendagri-pusat-fasker"],
        "grantee_setting": "",
        "organization_kinds": [],
        "role": "Facilitator of KSDPL/KSDLL (Kemendagri, Setjen, Pusat Fasilitasi Kerja Sama)",
        "legal_basis": "Permendagri 25/2020; PP 28/2018; domain.md §2.4, §3.11",
        "confidence": "A",
        "valid_from": PERMENDAGRI_25_2020,
        "notes": "",
    },
    {
        "code": "region.territory",
        "name": "A regional government reads the cooperation in its territory",
        "rule": "territory",
        "grantee_keys": [],
        "grantee_setting": "",
        "organization_kinds": [],
        "role": (
            "Regional government (Pemda: Biro Kerja Sama, Kesbangpol): a province for "
            "agreements naming it or one of its regencies/cities, a regency/city for its own"
        ),
        "legal_basis": "PP 59/2016 Ps 19(2); Permendagri 49/2010; domain.md §2.6, N5",
        "confidence": "B",
        "valid_from": PP_59_2016,
        "notes": "",
    },
    {
        "code": "meeting.agenda",
        "name": "Meeting participants read the agreements linked to the meeting",
        "rule": "meeting_agenda",
        "grantee_keys": [],
        "grantee_setting": "",
        "organization_kinds": [],
        "role": "Organizer, invited body or attendee of a meeting (agency level)",
        "legal_basis": "domain.md §3.12, §2.5 (Biro KTLN attends MSP renewal meetings)",
        "confidence": "D",
        "valid_from": PP_59_2016,
        "notes": "",
    },
]


def add_default_grants(apps, schema_editor):
    VisibilityGrant = apps.get_model("grants", "VisibilityGrant")
    for row in GRANTS:
        VisibilityGrant.objects.get_or_create(
            code=row["code"],
            version=1,
            defaults={k: v for k, v in row.items() if k != "code"},
        )


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]

    operations = [migrations.RunPython(add_default_grants, migrations.RunPython.noop)]
