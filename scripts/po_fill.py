#!/usr/bin/env python3
"""Fill translations into a catalogue from JSON files (merging translations written elsewhere).

    .venv/bin/python scripts/po_fill.py [--po FILE.po] [--force] [--dry-run] FILE.json...

Each JSON file is one object {"English msgid": "translation", ...}:
- a plural entry is keyed "msgid||msgid_plural" and its value is a list of forms
  ["singular", "plural"]; a catalogue with one plural form (Indonesian: `nplurals=1`) gets the
  last form, which serves every count; a plain string fills every form;
- an entry with a context (pgettext) is keyed "context\\u0004msgid", as gettext joins them.

For each key the entry with that msgid is looked up among the active (not obsolete) entries:
- not found: reported (run `make messages` first, so makemessages adds the new msgids);
- untranslated or fuzzy: filled, and the `fuzzy` flag and msgmerge's previous msgid removed;
- already translated with the same text: left alone;
- translated differently: reported and left alone, unless --force;
- placeholders that differ from the msgid's (scripts/check_translations.py): reported, not filled.
Two JSON files that translate one msgid differently: the first wins, unless --force (the last).

The catalogue is written back with polib, then rewrapped by gettext's `msgcat` (when installed)
so the file keeps the layout makemessages writes. Exit status 1 when anything was reported.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from check_translations import DEFAULT_PO, placeholder_problem

SEPARATOR = "||"


def _key(entry: polib.POEntry) -> str:
    key = entry.msgid if not entry.msgid_plural else f"{entry.msgid}{SEPARATOR}{entry.msgid_plural}"
    return key if entry.msgctxt is None else f"{entry.msgctxt}\x04{key}"


def nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def _forms(value: str | list[str], count: int) -> dict[int, str]:
    if isinstance(value, str):
        return dict.fromkeys(range(count), value)
    if len(value) == count:
        return dict(enumerate(value))
    if count == 1:
        return {0: value[-1]}
    raise ValueError(f"{len(value)} forms given, the catalogue has {count}")


def _current(entry: polib.POEntry) -> str | dict[int, str]:
    return dict(entry.msgstr_plural) if entry.msgid_plural else entry.msgstr


def _set(entry: polib.POEntry, value: str | dict[int, str]) -> None:
    if isinstance(value, dict):
        entry.msgstr_plural = value
    else:
        entry.msgstr = value
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None


def _translated(entry: polib.POEntry) -> bool:
    texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
    return bool(texts) and all(texts) and "fuzzy" not in entry.flags


def _load(paths: list[Path], force: bool, report: list[str]) -> dict[str, str | list[str]]:
    merged: dict[str, str | list[str]] = {}
    origin: dict[str, Path] = {}
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise SystemExit(f"{path}: expected a JSON object {{msgid: translation}}")
        for key, value in data.items():
            if not (
                isinstance(value, str)
                or (isinstance(value, list) and value and all(isinstance(v, str) for v in value))
            ):
                report.append(f"{path}: {key!r}: the value must be a string or a list of strings")
                continue
            if key in merged and merged[key] != value:
                report.append(
                    f"{path}: {key!r}: differs from {origin[key]}"
                    + ("; this one wins" if force else "; kept the first")
                )
                if not force:
                    continue
            merged[key], origin[key] = value, path
    return merged


def fill(
    po: polib.POFile, translations: dict[str, str | list[str]], force: bool, report: list[str]
) -> int:
    """Fill `po` in place; returns how many entries changed. Problems go to `report`."""
    entries = {_key(e): e for e in po if not e.obsolete and e.msgid}
    # A plural entry may also be given by its msgid alone.
    singular = {(e.msgctxt, e.msgid): e for e in entries.values() if e.msgid_plural}
    count = nplurals(po)
    changed = 0
    for key, value in translations.items():
        entry = entries.get(key)
        if entry is None and SEPARATOR not in key:
            context, _, msgid = key.rpartition("\x04") if "\x04" in key else (None, "", key)
            entry = singular.get((context, msgid))
        if entry is None:
            report.append(f"not in the catalogue: {key!r}")
            continue
        if entry.msgid_plural:
            try:
                new: str | dict[int, str] = _forms(value, count)
            except ValueError as error:
                report.append(f"{key!r}: {error}")
                continue
        elif isinstance(value, str):
            new = value
        else:
            report.append(f"{key!r}: a list of forms for an entry without a plural")
            continue
        old = _current(entry)
        if old == new and "fuzzy" not in entry.flags:
            continue
        if _translated(entry) and old != new and not force:
            report.append(f"translated differently, kept (--force replaces it): {key!r}: {old!r}")
            continue
        candidate = polib.POEntry(
            msgid=entry.msgid, msgid_plural=entry.msgid_plural, flags=list(entry.flags)
        )
        if isinstance(new, dict):
            candidate.msgstr_plural = new
        else:
            candidate.msgstr = new
        problem = placeholder_problem(candidate)
        if problem:
            report.append(f"placeholders differ, not filled: {key!r}: {problem}")
            continue
        _set(entry, new)
        changed += 1
    return changed


def rewrap(path: Path) -> None:
    """Let gettext lay the file out as makemessages does (polib wraps long lines differently)."""
    msgcat = shutil.which("msgcat")
    if msgcat:
        subprocess.run([msgcat, "--output-file", str(path), str(path)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", nargs="+", type=Path, help="JSON files {msgid: translation}")
    parser.add_argument(
        "--po", type=Path, default=DEFAULT_PO, help="the catalogue (default: %(default)s)"
    )
    parser.add_argument("--force", action="store_true", help="replace translations that differ")
    parser.add_argument("--dry-run", action="store_true", help="report, write nothing")
    args = parser.parse_args(argv)

    report: list[str] = []
    translations = _load(args.json, args.force, report)
    po = polib.pofile(str(args.po), wrapwidth=79)
    changed = fill(po, translations, args.force, report)
    if changed and not args.dry_run:
        po.save(str(args.po))
        rewrap(args.po)
    verb = "would fill" if args.dry_run else "filled"
    print(
        f"{args.po}: {verb} {changed} of {len(translations)} translations, {len(report)} reported."
    )
    for line in report:
        print(f"  {line}", file=sys.stderr)
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
