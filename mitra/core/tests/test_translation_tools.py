"""Issue 18 §1: the .po file is the translators' source. scripts/check_translations.py (run by
`make check` and `make messages`) fails on untranslated or fuzzy entries and on placeholders that
differ; scripts/po_fill.py fills msgstrs from JSON files without overwriting a different one.

The real catalogue is checked by `make check`; these tests run the scripts on small catalogues.
"""

import json
import subprocess
import sys
from pathlib import Path

import polib
from django.conf import settings

SCRIPTS = Path(settings.BASE_DIR) / "scripts"

HEADER = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: id\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

"""


def run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPTS / script), *args]
    return subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603


def catalogue(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "django.po"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


COMPLETE = """\
msgid "Agreements"
msgstr "Perjanjian"

#, python-format
msgid "%(name)s was saved."
msgstr "%(name)s telah disimpan."

#, python-format
msgid "%(n)s agreement"
msgid_plural "%(n)s agreements"
msgstr[0] "%(n)s perjanjian"

#, python-format
msgid "100%% of %s"
msgstr "100%% dari %s"

msgctxt "verb"
msgid "Open"
msgstr "Buka"

#~ msgid "Gone"
#~ msgstr ""
"""


def test_a_complete_catalogue_passes(tmp_path):
    result = run("check_translations.py", str(catalogue(tmp_path, COMPLETE)))

    assert result.returncode == 0, result.stderr
    assert "complete (5 entries)" in result.stdout


def test_untranslated_fuzzy_and_placeholder_mismatches_fail_each_listed(tmp_path):
    body = (
        COMPLETE
        + """
msgid "Untranslated"
msgstr ""

#, fuzzy
msgid "Guessed"
msgstr "Tebakan"

#, python-format
msgid "Hello %(name)s"
msgstr "Halo %(nama)s"

#, python-format
msgid "%(count)s file"
msgid_plural "%(count)s files"
msgstr[0] "berkas"

#, python-format
msgid "%s of %d"
msgstr "%d dari %s"

msgid "Welcome {name}"
msgstr "Selamat datang"
"""
    )
    result = run("check_translations.py", str(catalogue(tmp_path, body)))

    assert result.returncode == 1
    assert "1 untranslated, 1 fuzzy, 4 with placeholders that differ" in result.stderr
    assert "untranslated: 'Untranslated'" in result.stderr
    assert "fuzzy: 'Guessed'" in result.stderr
    assert "'Hello %(name)s': msgid has name, msgstr has nama" in result.stderr
    assert "'%(count)s file': no msgstr[i] carries count" in result.stderr
    assert "'%s of %d': msgid has s, d, msgstr has d, s" in result.stderr
    assert "'Welcome {name}': msgid has name, msgstr has none" in result.stderr


def test_an_empty_plural_form_is_untranslated(tmp_path):
    body = """\
#, python-format
msgid "%(n)s day"
msgid_plural "%(n)s days"
msgstr[0] ""
"""
    result = run("check_translations.py", str(catalogue(tmp_path, body)))

    assert result.returncode == 1
    assert "untranslated: '%(n)s day'" in result.stderr


def test_a_percent_sign_without_python_format_is_text(tmp_path):
    body = 'msgid "Progress (%)"\nmsgstr "Kemajuan (%)"\n'

    assert run("check_translations.py", str(catalogue(tmp_path, body))).returncode == 0


# ------------------------------------------------------------------------------ po_fill.py
FILL_ME = """\
msgid "Agreements"
msgstr "Perjanjian"

msgid "Partners"
msgstr ""

#, fuzzy
#| msgid "Old partner"
msgid "Partner"
msgstr "Mitra lama"

#, python-format
msgid "%(n)s agreement"
msgid_plural "%(n)s agreements"
msgstr[0] ""

#, python-format
msgid "Hello %(name)s"
msgstr ""

msgctxt "verb"
msgid "Open"
msgstr ""
"""


def translations(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def entries(po: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(po))}


def test_po_fill_fills_new_and_fuzzy_entries_and_plurals(tmp_path):
    po = catalogue(tmp_path, FILL_ME)
    data = {
        "Partners": "Mitra-mitra",
        "Partner": "Mitra",
        "%(n)s agreement||%(n)s agreements": ["%(n)s perjanjian", "%(n)s perjanjian"],
        "Hello %(name)s": "Halo %(name)s",
        "verb\u0004Open": "Buka",
        "Agreements": "Perjanjian",  # the same text: nothing to do
    }

    result = run("po_fill.py", "--po", str(po), str(translations(tmp_path, "a.json", data)))

    assert result.returncode == 0, result.stderr
    assert "filled 5 of 6 translations, 0 reported" in result.stdout
    got = entries(po)
    assert got["Partners"].msgstr == "Mitra-mitra"
    assert got["Partner"].msgstr == "Mitra"
    assert "fuzzy" not in got["Partner"].flags
    assert got["Partner"].previous_msgid is None
    assert got["%(n)s agreement"].msgstr_plural == {0: "%(n)s perjanjian"}
    assert got["Open"].msgstr == "Buka"
    assert run("check_translations.py", str(po)).returncode == 0


def test_po_fill_reports_unknown_entries_and_keeps_a_different_translation(tmp_path):
    po = catalogue(tmp_path, FILL_ME)
    data = {
        "Agreements": "Kesepakatan",
        "Not in the code": "Tidak ada",
        "Hello %(name)s": "Halo %(nama)s",
    }
    path = translations(tmp_path, "a.json", data)

    result = run("po_fill.py", "--po", str(po), str(path))

    assert result.returncode == 1
    assert "translated differently, kept (--force replaces it): 'Agreements'" in result.stderr
    assert "not in the catalogue: 'Not in the code'" in result.stderr
    assert "placeholders differ, not filled: 'Hello %(name)s'" in result.stderr
    got = entries(po)
    assert got["Agreements"].msgstr == "Perjanjian"
    assert got["Hello %(name)s"].msgstr == ""

    forced = run("po_fill.py", "--force", "--po", str(po), str(path))

    assert entries(po)["Agreements"].msgstr == "Kesepakatan"
    assert "placeholders differ, not filled" in forced.stderr  # --force never breaks a format


def test_po_fill_keeps_the_first_of_two_files_that_disagree(tmp_path):
    po = catalogue(tmp_path, FILL_ME)
    first = translations(tmp_path, "a.json", {"Partners": "Para mitra"})
    second = translations(tmp_path, "b.json", {"Partners": "Mitra-mitra"})

    result = run("po_fill.py", "--po", str(po), str(first), str(second))

    assert result.returncode == 1
    assert "b.json: 'Partners': differs from" in result.stderr
    assert entries(po)["Partners"].msgstr == "Para mitra"


def test_po_fill_dry_run_writes_nothing(tmp_path):
    po = catalogue(tmp_path, FILL_ME)
    before = po.read_text(encoding="utf-8")

    result = run(
        "po_fill.py",
        "--dry-run",
        "--po",
        str(po),
        str(translations(tmp_path, "a.json", {"Partners": "Mitra"})),
    )

    assert "would fill 1 of 1" in result.stdout
    assert po.read_text(encoding="utf-8") == before
