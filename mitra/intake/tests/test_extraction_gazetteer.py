"""Gazetteer content and lookups (no database)."""

from datetime import date

from mitra.bodies.gazetteer import all_bodies, national_bodies, regional_governments
from mitra.intake.extraction import default_gazetteer


def test_counts_of_regional_governments():
    regional = regional_governments()
    assert sum(b.kind == "provincial_government" for b in regional) == 38
    assert sum(b.kind in ("regency_government", "city_government") for b in regional) == 514


def test_keys_unique_and_references_valid():
    bodies = all_bodies()
    keys = [b.key for b in bodies]
    assert len(keys) == len(set(keys))
    for body in bodies:
        assert body.parent is None or body.parent in keys
        assert all(s in keys for s in body.successors)


def test_current_and_previous_cabinet_ministries_present():
    names = {b.name for b in national_bodies()}
    for name in (
        "Kementerian Hukum",
        "Kementerian Hak Asasi Manusia",
        "Kementerian Imigrasi dan Pemasyarakatan",
        "Kementerian Lingkungan Hidup dan Kehutanan",
        "Kementerian Kehutanan",
        "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
        "Kementerian Pendidikan Dasar dan Menengah",
        "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
        "Kementerian Transmigrasi",
    ):
        assert name in names


def test_unit_resolves_to_parent():
    gazetteer = default_gazetteer()
    assert gazetteer.lookup("Biro KTLN").name == "Kementerian Sekretariat Negara"
    assert gazetteer.lookup("Pusat Fasilitasi Kerja Sama").name == "Kementerian Dalam Negeri"
    assert gazetteer.lookup("Ditjen Polpum").name == "Kementerian Dalam Negeri"
    assert gazetteer.lookup("BAIS TNI").name == "Tentara Nasional Indonesia"


def test_name_in_force_at_date():
    gazetteer = default_gazetteer()
    assert gazetteer.lookup("Kemenkumham", date(2023, 5, 1)).name == (
        "Kementerian Hukum dan Hak Asasi Manusia"
    )
    assert gazetteer.lookup("KLHK", date(2020, 1, 1)).name == (
        "Kementerian Lingkungan Hidup dan Kehutanan"
    )
    assert gazetteer.lookup("BKPM", date(2019, 1, 1)).name == "Badan Koordinasi Penanaman Modal"
    assert gazetteer.lookup("BKPM", date(2025, 1, 1)).key == "kementerian-investasi-hilirisasi"


def test_regional_abbreviations_and_heads():
    gazetteer = default_gazetteer()
    assert gazetteer.lookup("Pemprov Jateng").name == "Pemerintah Provinsi Jawa Tengah"
    assert gazetteer.lookup("Pemprov Jatim").name == "Pemerintah Provinsi Jawa Timur"
    assert gazetteer.lookup("Pemkab Bantul").name == "Pemerintah Kabupaten Bantul"
    assert gazetteer.lookup("Pemkot Surabaya").name == "Pemerintah Kota Surabaya"
    assert gazetteer.lookup("Bupati Sleman").name == "Pemerintah Kabupaten Sleman"
    assert gazetteer.lookup("Kemenlu").name == "Kementerian Luar Negeri"
    assert gazetteer.lookup("Depdagri").name == "Kementerian Dalam Negeri"


def test_special_regions_under_their_own_names():
    gazetteer = default_gazetteer()
    diy = gazetteer.lookup("Pemerintah Daerah Istimewa Yogyakarta")
    assert diy.key == "pemprov-34"
    assert gazetteer.lookup("Pemerintah Daerah DIY").key == "pemprov-34"
    assert gazetteer.lookup("Pemerintah Provinsi Aceh").key == "pemprov-11"
    # "Pemerintah Aceh Besar" is a regency's government: the province only as a bare "Aceh".
    [mention] = gazetteer.find("bersama Pemerintah Aceh Besar")
    assert (mention.surface, mention.strength) == ("Aceh", "bare")
    found = gazetteer.find("ditandatangani bersama Pemerintah Daerah Istimewa Yogyakarta pada")
    assert [m.surface for m in found] == ["Pemerintah Daerah Istimewa Yogyakarta"]


def test_short_acronyms_are_case_sensitive():
    gazetteer = default_gazetteer()
    assert gazetteer.find("Ahmad bin Salim") == []
    assert [m.surface for m in gazetteer.find("rapat dengan BIN")] == ["BIN"]
