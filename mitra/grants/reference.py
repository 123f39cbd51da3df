"""The default visibility grants (issue 10 §1), loaded idempotently by `load_reference` and by
the data migration `0002_default_grants` (which keeps its own copy, as migrations must).

Legal bases and confidence grades are domain.md's. The read right itself is a design decision
[D] in every case: the law names the bodies' roles, not what they may read in this system."""

from datetime import date

from .models import VisibilityGrant

PP_59_2016 = date(2016, 12, 6)  # promulgated
PERMENDAGRI_25_2020 = date(2020, 5, 22)

R = VisibilityGrant.Rule
DEFAULT_GRANTS: list[dict] = [
    {
        "code": "tpoa.ormas_asing",
        "name": "TPOA members read the records of ormas asing",
        "rule": R.ORG_KIND,
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
        "rule": R.ORG_KIND,
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
        "rule": R.REGIONAL_ORMAS,
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
        "rule": R.REGIONAL_COOPERATION,
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
        "rule": R.TERRITORY,
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
        "rule": R.MEETING_AGENDA,
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


def load_default_grants() -> int:
    """Create version 1 of each default grant that has no row yet; never overwrite an
    operator's edit. Returns how many were added."""
    added = 0
    for row in DEFAULT_GRANTS:
        _grant, created = VisibilityGrant.objects.get_or_create(
            code=row["code"],
            version=1,
            defaults={k: v for k, v in row.items() if k != "code"},
        )
        added += int(created)
    return added


def builtin_grants(on: date) -> list[VisibilityGrant]:
    """The shipped defaults as unsaved rows, in force on `on`: used while the table holds no
    grant at all (before `load_reference` or the data migration ran, or after a test flushed
    the database), as `deadlines` does with its rules. Operators switch a grant off with a
    new inactive version, never by emptying the table (the admin forbids deleting)."""
    return [
        VisibilityGrant(
            code=row["code"], version=1, **{k: v for k, v in row.items() if k != "code"}
        )
        for row in DEFAULT_GRANTS
        if row["valid_from"] <= on
    ]
