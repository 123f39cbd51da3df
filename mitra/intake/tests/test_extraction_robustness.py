"""No crash and no catastrophic backtracking on any input (time-bounded)."""

import os
import random
import time

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


def test_repetitive_patterns_are_fast():
    for piece in [
        "1-",
        "Kamis (",
        "2024 s.d ",
        "Kementerian ",
        "A ",
        "(A) ",
        "di Gedung ",
        "selama ",
        "dan Foundation ",
        "Kabupaten ",
        "9/9/",
        "-" * 50,
    ]:
        started = time.process_time()
        extract(piece * 20000)
        # A generous CPU-time bound: it catches catastrophic backtracking (minutes or hours),
        # not ordinary slowness, which `make bench` measures.
        assert time.process_time() - started < 30, piece


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
