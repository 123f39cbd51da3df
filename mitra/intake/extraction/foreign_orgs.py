"""Well-known international and foreign organizations (general knowledge, not per item).

Used as a built-in registry so that bare acronyms such as "FAO" or "UNICEF" are known to
be foreign counterparts even when the caller passes no registry. The caller's registry
(`KnownOrganization`) comes first; this list only fills gaps.
"""

from __future__ import annotations

import re

# (name, acronym, aliases)
WELL_KNOWN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # United Nations agencies, with the Indonesian names the press uses for them.
    (
        "United Nations Children's Fund",
        "UNICEF",
        ("Dana Anak-Anak PBB", "Dana Anak-Anak Perserikatan Bangsa-Bangsa", "Badan PBB untuk Anak"),
    ),
    (
        "United Nations Development Programme",
        "UNDP",
        ("Program Pembangunan PBB", "Program Pembangunan Perserikatan Bangsa-Bangsa"),
    ),
    (
        "Food and Agriculture Organization of the United Nations",
        "FAO",
        (
            "Food and Agriculture Organization",
            "Organisasi Pangan dan Pertanian",
            "Organisasi Pangan dan Pertanian PBB",
            "Organisasi Pangan dan Pertanian Perserikatan Bangsa-Bangsa",
            "Badan PBB untuk Pangan dan Pertanian",
            "Badan Pangan dan Pertanian PBB",
        ),
    ),
    (
        "World Health Organization",
        "WHO",
        ("Organisasi Kesehatan Dunia", "Badan Kesehatan Dunia", "Organisasi Kesehatan Dunia PBB"),
    ),
    (
        "United Nations Population Fund",
        "UNFPA",
        (
            "Dana Kependudukan PBB",
            "Badan Kependudukan PBB",
            "United Nations Fund for Population",
            "Dana Kependudukan Dunia",
        ),
    ),
    (
        "United Nations Educational, Scientific and Cultural Organization",
        "UNESCO",
        ("Organisasi Pendidikan, Ilmu Pengetahuan, dan Kebudayaan PBB",),
    ),
    (
        "United Nations High Commissioner for Refugees",
        "UNHCR",
        (
            "Badan Pengungsi PBB",
            "Komisariat Tinggi PBB untuk Pengungsi",
            "Badan PBB untuk Pengungsi",
        ),
    ),
    (
        "World Food Programme",
        "WFP",
        ("Program Pangan Dunia", "Program Pangan Dunia PBB", "Badan Pangan Dunia PBB"),
    ),
    (
        "International Labour Organization",
        "ILO",
        (
            "International Labor Organization",
            "Organisasi Perburuhan Internasional",
            "Organisasi Buruh Internasional",
        ),
    ),
    (
        "International Organization for Migration",
        "IOM",
        ("Organisasi Internasional untuk Migrasi",),
    ),
    (
        "United Nations Office on Drugs and Crime",
        "UNODC",
        ("Kantor PBB untuk Narkoba dan Kejahatan",),
    ),
    (
        "UN Women",
        "",
        (
            "United Nations Entity for Gender Equality and the Empowerment of Women",
            "Entitas PBB untuk Kesetaraan Gender dan Pemberdayaan Perempuan",
        ),
    ),
    (
        "United Nations Environment Programme",
        "UNEP",
        ("Program Lingkungan PBB", "Program Lingkungan Hidup PBB"),
    ),
    (
        "United Nations Industrial Development Organization",
        "UNIDO",
        ("Organisasi Pengembangan Industri PBB",),
    ),
    (
        "Joint United Nations Programme on HIV/AIDS",
        "UNAIDS",
        ("Program Gabungan PBB untuk HIV/AIDS",),
    ),
    (
        "United Nations Office for the Coordination of Humanitarian Affairs",
        "OCHA",
        ("Kantor PBB untuk Koordinasi Urusan Kemanusiaan",),
    ),
    ("United Nations Office for Project Services", "UNOPS", ("Kantor PBB untuk Layanan Proyek",)),
    (
        "United Nations Human Settlements Programme",
        "",
        ("UN-Habitat", "UN Habitat", "Program Permukiman PBB"),
    ),
    (
        "International Fund for Agricultural Development",
        "IFAD",
        ("Dana Internasional untuk Pembangunan Pertanian",),
    ),
    (
        "International Atomic Energy Agency",
        "IAEA",
        ("Badan Tenaga Atom Internasional", "Badan Energi Atom Internasional"),
    ),
    ("World Meteorological Organization", "WMO", ("Organisasi Meteorologi Dunia",)),
    (
        "United Nations Economic and Social Commission for Asia and the Pacific",
        "ESCAP",
        ("UNESCAP",),
    ),
    ("United Nations Capital Development Fund", "UNCDF", ("Dana Pembangunan Modal PBB",)),
    ("Perserikatan Bangsa-Bangsa", "PBB", ("United Nations",)),
    ("World Trade Organization", "WTO", ("Organisasi Perdagangan Dunia",)),
    (
        "International Civil Aviation Organization",
        "ICAO",
        ("Organisasi Penerbangan Sipil Internasional",),
    ),
    ("International Maritime Organization", "IMO", ("Organisasi Maritim Internasional",)),
    ("World Tourism Organization", "UNWTO", ("Organisasi Pariwisata Dunia",)),
    (
        "Organisation for Economic Co-operation and Development",
        "OECD",
        ("Organisasi untuk Kerja Sama dan Pembangunan Ekonomi",),
    ),
    ("World Bank", "", ("Bank Dunia",)),
    ("Asian Development Bank", "ADB", ("Bank Pembangunan Asia",)),
    ("Asian Infrastructure Investment Bank", "AIIB", ("Bank Investasi Infrastruktur Asia",)),
    ("International Monetary Fund", "IMF", ("Dana Moneter Internasional",)),
    ("Islamic Development Bank", "IsDB", ("Bank Pembangunan Islam",)),
    ("Association of Southeast Asian Nations", "ASEAN", ()),
    (
        "ASEAN Coordinating Centre for Humanitarian Assistance on disaster management",
        "AHA Centre",
        ("ASEAN Coordinating Centre for Humanitarian Assistance on Disaster Management",),
    ),
    ("Asia-Pacific Economic Cooperation", "APEC", ()),
    ("European Union", "EU", ("Uni Eropa",)),
    ("Global Environment Facility", "GEF", ()),
    ("Global Fund to Fight AIDS, Tuberculosis and Malaria", "", ("The Global Fund",)),
    # Development agencies, with the Indonesian names the press gives them.
    (
        "United States Agency for International Development",
        "USAID",
        ("Badan Pembangunan Internasional Amerika Serikat", "Badan Pembangunan Internasional AS"),
    ),
    ("Japan International Cooperation Agency", "JICA", ("Badan Kerja Sama Internasional Jepang",)),
    ("Korea International Cooperation Agency", "KOICA", ("Badan Kerja Sama Internasional Korea",)),
    (
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
        "GIZ",
        ("Badan Kerja Sama Internasional Jerman",),
    ),
    (
        "Department of Foreign Affairs and Trade",
        "DFAT",
        ("Departemen Luar Negeri dan Perdagangan Australia",),
    ),
    ("Australian Agency for International Development", "AusAID", ()),
    (
        "Kreditanstalt für Wiederaufbau",
        "KfW",
        ("Bank Pembangunan Jerman", "KfW Entwicklungsbank", "KfW Development Bank"),
    ),
    ("Agence Française de Développement", "AFD", ("Badan Pembangunan Prancis",)),
    ("Ford Foundation", "", ()),
    ("Bill & Melinda Gates Foundation", "", ("Gates Foundation",)),
    ("Rockefeller Foundation", "", ()),
    ("The Asia Foundation", "TAF", ("Asia Foundation",)),
    ("Friedrich-Ebert-Stiftung", "FES", ("Friedrich Ebert Stiftung",)),
    ("Konrad-Adenauer-Stiftung", "KAS", ("Konrad Adenauer Stiftung",)),
    ("Hanns-Seidel-Stiftung", "HSS", ("Hanns Seidel Stiftung", "Hanns Seidel Foundation")),
    ("Friedrich-Naumann-Stiftung", "FNF", ("Friedrich Naumann Foundation",)),
    ("Heinrich-Böll-Stiftung", "HBS", ("Heinrich Boll Stiftung",)),
    ("Rosa-Luxemburg-Stiftung", "RLS", ()),
    ("ChildFund International", "", ("ChildFund",)),
    ("Save the Children", "", ()),
    ("Plan International", "", ()),
    ("World Vision", "", ("World Vision International",)),
    ("CARE International", "", ()),
    ("Catholic Relief Services", "CRS", ()),
    ("Oxfam", "", ()),
    ("TearFund", "", ()),
    ("Swisscontact", "", ()),
    ("World Wide Fund for Nature", "WWF", ()),
    ("Wildlife Conservation Society", "WCS", ()),
    ("The Nature Conservancy", "TNC", ()),
    ("Conservation International", "", ()),
    ("Helen Keller International", "HKI", ()),
    ("Handicap International", "", ("Humanity & Inclusion",)),
    ("Médecins Sans Frontières", "MSF", ("Doctors Without Borders",)),
    (
        "International Committee of the Red Cross",
        "ICRC",
        ("Komite Internasional Palang Merah", "Palang Merah Internasional"),
    ),
    (
        "International Federation of Red Cross and Red Crescent Societies",
        "IFRC",
        (
            "Federasi Internasional Perhimpunan Palang Merah dan Bulan Sabit Merah",
            "Federasi Palang Merah Internasional",
        ),
    ),
    ("Qatar Foundation", "", ()),
    ("United Cities and Local Governments Asia Pacific", "UCLG ASPAC", ()),
    ("Clinton Health Access Initiative", "CHAI", ()),
    ("PATH", "", ()),
    ("Global Green Growth Institute", "GGGI", ()),
    ("World Resources Institute", "WRI", ()),
    ("International Rice Research Institute", "IRRI", ()),
    ("Center for International Forestry Research", "CIFOR", ()),
    ("Mercy Corps", "", ()),
    ("Lutheran World Relief", "LWR", ()),
    ("Islamic Relief", "", ()),
    ("Habitat for Humanity", "", ()),
    ("Rotary International", "", ()),
    ("Lions Clubs International", "", ()),
    ("Bloomberg Philanthropies", "", ()),
    # International bodies the press names by a bare acronym (names as in the IATI
    # ReportingOrganisation codelist where they publish there).
    ("Gavi, the Vaccine Alliance", "Gavi", ("Gavi Vaccine Alliance", "GAVI")),
    ("C40 Cities Climate Leadership Group", "C40", ("C40 Cities",)),
    ("ICLEI - Local Governments for Sustainability", "ICLEI", ()),
    ("International Union for Conservation of Nature", "IUCN", ()),
    ("Australian Centre for International Agricultural Research", "ACIAR", ()),
    ("World Agroforestry Centre", "ICRAF", ("World Agroforestry",)),
    ("CGIAR", "", ()),
    ("UNITAID", "", ()),
    ("Global Partnership for Education", "GPE", ()),
    ("Japan External Trade Organization", "JETRO", ()),
    ("Japan Bank for International Cooperation", "JBIC", ()),
    ("Korea Trade-Investment Promotion Agency", "KOTRA", ()),
    ("Millennium Challenge Corporation", "MCC", ()),
    ("Commonwealth Scientific and Industrial Research Organisation", "CSIRO", ()),
    ("International Finance Corporation", "IFC", ()),
    ("United Nations Framework Convention on Climate Change", "UNFCCC", ()),
    ("United Nations Office for Disaster Risk Reduction", "UNDRR", ()),
    ("World Intellectual Property Organization", "WIPO", ()),
    ("Fauna & Flora International", "FFI", ("Fauna and Flora International",)),
    ("Wetlands International", "", ()),
    ("Tropenbos International", "", ()),
    ("Coral Triangle Initiative on Coral Reefs, Fisheries and Food Security", "CTI-CFF", ()),
    ("Southeast Asian Ministers of Education Organization", "SEAMEO", ()),
)


def with_un_variants(aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The aliases, each also with "PBB" written out as "Perserikatan Bangsa-Bangsa" (the
    press uses both forms of every UN body's Indonesian name)."""
    extra = tuple(
        a.replace("PBB", "Perserikatan Bangsa-Bangsa")
        for a in aliases
        if re.search(r"(?<!\w)PBB(?!\w)", a)
    )
    return aliases + tuple(e for e in extra if e not in aliases)


_FOUNDATION_RE = re.compile(r"^(?:The\s)?(?P<stem>.+?)\sFoundation$")


def with_indonesian_variants(name: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    """The aliases, plus the Indonesian form of every "X Foundation" name: the press writes
    "Yayasan X" ("Yayasan Ford", "Yayasan Bill & Melinda Gates")."""
    extra = []
    for form in (name, *aliases):
        found = _FOUNDATION_RE.match(form)
        if found:
            extra.append(f"Yayasan {found.group('stem')}")
    return aliases + tuple(e for e in extra if e not in aliases)
