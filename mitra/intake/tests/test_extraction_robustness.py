"""No crash and no catastrophic backtracking on any input (time-bounded)."""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mitra.intake.extraction import extract
from mitra.intake.extraction.text_sources import text_from_html

TOKENS = [
    "Kamis", "(04/04)", "2024", "s.d", "-", "selama", "5", "tahun", "Kementerian", "Luar",
    "Negeri", "dan", "Foundation", "(", ")", "MoU", "Pemerintah", "Provinsi", "Kabupaten",
    "Bupati", "dengan", "antara", "Kepala", "menandatangani", "daring", "Gedung", ",", ".",
    "\n", "ormas", "asing", "Stiftung", "International", "Biro", "KTLN", "1", "/", "Apr",
]  # fmt: skip


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_arbitrary_unicode(text):
    extract(text).to_record(id="x")


@settings(max_examples=150, deadline=2000)
@given(st.lists(st.sampled_from(TOKENS), max_size=600))
def test_adversarial_token_soup(tokens):
    extract(" ".join(tokens)).to_record(id="x")


# One or more pieces per regex family; each is repeated up to the 100,000 characters the
# extractor reads. Quadratic scans and catastrophic backtracking take tens of seconds to
# hours on these; a linear pass takes well under a second.
REPEATED_PIECES = [
    # dates: date lines, weekday dates, numeric and bracketed dates, ranges
    "1-", "3-", "1/", "9/9/", "12 ", "Kamis (", "Senin, ", "Jumat lalu, ", "(12/2) ",
    "12/2/2024 ", "12 Feb ", "4 April ", "April 4, ", "Kamis, 12 Februari 2024 ",
    "12 Februari 2024 - 10:00 WIB\n", "Diposting pada ", "pada tanggal ", "2024-01-",
    # periods
    "2024 s.d ", "2024-", "2024 s.d. 2029 ", "periode 2024 ", "sampai dengan ", "2024 hingga ",
    # durations
    "selama ", "selama 5 tahun ", "lima tahun ke depan ", "tiga (3) tahun ", "( 3 ) ",
    "sepuluh tahun ", "dua belas ",
    # government bodies (trie, typo-tolerant names, regional units and heads)
    "Kementerian ", "Kementerian Luar ", "Kementerian Luara Negeri ", "KLHK ", "Badan ",
    "Pemerintah Provinsi ", "Dinas ", "Dinas Kesehatan ", "Kabupaten ", "Bupati ", "Pemkot ",
    "Provinsi Jawa ",
    # foreign parties (runs, heads, bracket acronyms, cues, foreign governments, registry)
    "A ", "(A) ", "(AB) ", "dan Foundation ", "Foundation (F) ", "International ", "of the ",
    "ormas asing ", "UNICEF ", "Kementerian Luar Negeri Jepang ", "Konrad Adenaur Stiftung ",
    "Pemerintah Provinsi X, Korea Selatan ",
    # pass 15: short names in brackets, translation acronyms, list subjects, descriptions
    "UNICEF (WHO) ", "Organisasi Pangan dan Pertanian PBB (FAO) ", "Kemenkes, UNICEF, ",
    "Kemenkes dan UNICEF, WHO, dan FAO menggelar ", "Badan X Jepang (Japan X Agency/JXA) JXA ",
    "organisasi nirlaba asal Belanda, ",
    # pass 16: envoys' missions, names inside names, descriptions after a name, short names,
    # run-on local governments, translations, other documents, topics, menus, plans
    "menerima Konsul Jenderal Jepang. Konsulat Jenderal Jepang ",
    "ASEAN Coordinating Centre for Humanitarian Assistance (AHA Centre) ASEAN ",
    "Rijkswaterstaat, badan pelaksana Kementerian Air Belanda, ",
    "Norwegian Agency for Development Cooperation (Norad) Norad ",
    "Kitakyushu-shi, Prefektur Chiba, Kota Kitakyushu ",
    "Badan Meteorologi Jepang dan Japan Meteorological Agency ",
    "Bundesagentur (BA) atau Badan X Jerman ",
    "juga ditandatangani Letter of Agreement selama satu tahun. ", "memuat agenda pertemuan ",
    "Berita | Konsultasi | Negosiasi\n", "sepakat untuk menyusun ",
    # pass 17: programmes of a foreign government, lists after a foreign description, legal
    # forms, offices for a country's affairs, municipalities, funders, captions, mayors
    "KOMPAK merupakan program kemitraan Pemerintah Australia ", "program kemitraan ",
    "perusahaan asal Jepang, Toyota dan ", "lembaga riset Deltares dari Belanda ",
    "Siemens AG Siemens ", "Sekretariat Negara untuk Urusan Ekonomi Swiss (SECO) ",
    "Badan Kerja Sama dan Koordinasi Turki (TIKA) ", "Gemeente Vlissingen ",
    "Deputy Mayor of Kitakyushu Pemerintah Kota Kitakyushu ",
    "Hibah senilai 10 juta euro tersebut bersumber dari Uni Eropa ",
    "Wali Kota Bambang Wicaksono. Bambang mengatakan ", "di Hotel Novotel, 23-25 Juli 2019 ",
    "Bupati menerima rombongan Kedubes Belanda. (BP/ari)\n", "di bawah payung Program Kerja Sama ",
    # pass 18
    "Kesbangpol Merauke ", "Beranda » Papua » Bappeda ", "lembaga donor asing, Senin ",
    "Vital Strategies ", "Direktur Regional Asia Tenggara Vital Strategies, ", "Pemkot Solo ",
    "Bupati TTS ", "yang menandatangani atas nama Bloomberg Philanthropies ",
    "Vital Strategies, Tara, atas nama UNICEF dan ", "Jakarta, 2 Mei, ",
    "admin_humas  08/03/2023  ", "Posted by: humas on: ", "Dinas Tenaga Kerja dari Provinsi ",
    "Jawa Barat dan ", "ditandatangani Menkes dan ", "Carlos Mendes ", "Menko Polhukam ",
    "Kementerian PUPR dan LH Korea ", "Wali Kota Minta ", "20 Ribu Guru ", "Bahasa Inggris ",
    "Society-Indonesia Program ", "di sela rangkaian pertemuan ",
    "Department of Agriculture, Fisheries and ", "Minister for Agriculture, Fisheries ",
    "Ministry of A, B, C and D ", "selama 48 bulan ", "Periodenya dimulai pada tahun 2020 ",
    "Lokakarya Evaluasi Akhir Program ", "di Palais des ", "di Parliament House ",
    "di salah satu hotel ", "kekerasan berbasis daring ", "sejak Oktober 2023 melalui daring ",
    "Pemerintah Northern Territory ", "Home » NTT » Kupang\n", "tidak menandatangani ",
    "wajib menandatangani ", "penandatanganan berita acara serah terima ", "misi supervisi ",
    # roles
    "dihadiri ", "berkunjung ke kantor ", "Kemendagri dan UNICEF ", "kerja sama dengan UNICEF ",
    # signatories
    "Kepala ", "menandatangani Kepala ", "Sekretaris Jenderal Kementerian Dalam Negeri ",
    "ditandatangani oleh Country Director ",
    # venue, meeting mode, event types, sentences
    "di Gedung ", "di Hotel X, ", "daring ", "secara ", "fisik dan ", "rencana evaluasi ",
    "perpanjangan kerja sama ", "membahas draf ", "Dr. ", ". ", "-" * 50, "\n",
]  # fmt: skip


def _syllables(i: int) -> str:
    """A distinct pronounceable word per number ("Ba", "Ce", ...)."""
    consonants, vowels, word = "bcdfghjklmnprstvw", "aeiou", ""
    while True:
        word += consonants[i % 17] + vowels[(i // 17) % 5]
        i //= 85
        if not i:
            return word.title()


# Non-repetitive adversarial input: distinct names defeat memoisation, so these check the
# pairwise steps (clustering of organization names, typo-tolerant matching) stay bounded.
VARYING_PIECES = {
    "distinct foundations": lambda i: f"{_syllables(i)} Foundation dan ",
    "distinct defined acronyms": lambda i: f"{_syllables(i)} Foundation ({_syllables(i).upper()}) ",
    "distinct ministry-like names": lambda i: f"Kementerian {_syllables(i)} {_syllables(i + 7)} ",
    "distinct signatories": lambda i: (
        f"menandatangani Kepala {_syllables(i)} Kemendagri dan {_syllables(i)} Foundation "
    ),
    "distinct partners with periods": lambda i: (
        f"kerja sama antara Kemendagri dengan {_syllables(i)} Foundation periode 2024-2029 "
    ),
    "distinct attendees": lambda i: f"dihadiri {_syllables(i)} International, ",
}


_MEASURE = (
    "import sys, time\n"
    "from mitra.intake.extraction import extract\n"
    "texts = sys.stdin.read().split('\\x00')\n"
    "for text in texts:\n"
    "    started = time.process_time()\n"
    "    extract(text).to_record(id='x')\n"
    "    print(time.process_time() - started)\n"
)


def _cpu_seconds_pair(small: str, large: str) -> tuple[float, float]:
    """CPU seconds of each extraction, measured in a fresh interpreter: the complexity of the
    code, not of the test process (in a long full-suite process the large text was seen to
    cost far more than in a fresh one, cause not yet found: see the closing note of the
    session that made this change)."""
    done = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", _MEASURE],
        input=small + "\x00" + large,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[3],
        timeout=120,
    )
    first, second = (float(line) for line in done.stdout.split())
    return first, second


def _linear(small: float, large: float) -> bool:
    """Ten times the text costs at most about ten times the CPU (twice that, plus a constant,
    for noise): a quadratic path would cost a hundred times. Relative to a run in the same
    process, so a slower machine or a warm process does not decide; absolute timings are in
    `make bench` (jobs.extract_docs_per_s)."""
    return large < 20 * small + 0.2


@pytest.mark.parametrize("piece", REPEATED_PIECES)
def test_repeated_pieces_are_linear(piece):
    small, large = _cpu_seconds_pair(
        piece * (10_000 // len(piece) + 1), piece * (100_000 // len(piece) + 1)
    )
    assert _linear(small, large), (piece, small, large)


@pytest.mark.parametrize("name", VARYING_PIECES)
def test_varying_pieces_are_linear(name):
    make, parts, size, i = VARYING_PIECES[name], [], 0, 0
    while size < 100_000:
        parts.append(make(i))
        size += len(parts[-1])
        i += 1
    small, large = _cpu_seconds_pair("".join(parts[: max(len(parts) // 10, 1)]), "".join(parts))
    assert _linear(small, large), (name, small, large)


def test_empty_binary_and_large_inputs():
    assert extract("").to_record(id="e")["government_parties"] == []
    extract(os.urandom(50_000).decode("latin-1"))
    rng = random.Random(3)
    words = ["kerja", "sama", "Kementerian", "Dalam", "Negeri", "UNICEF", "rapat", "2024"]
    big = " ".join(rng.choice(words) for _ in range(200_000))  # ~1.3 MB
    started = time.process_time()
    extract(big)
    assert time.process_time() - started < 10


def test_english_text():
    record = extract("The Ministry met the delegation on Monday, 4 March 2024 online.").to_record()
    assert record["government_parties"] == []


def test_html_to_text():
    markup = "<html><script>x=1</script><p>Satu &amp; dua</p><div>Tiga</div></html>"
    assert text_from_html(markup) == "Satu & dua\nTiga"
