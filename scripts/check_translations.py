#!/usr/bin/env python3
"""Fail when a gettext catalogue is incomplete: the check `make check` and `make messages` run.

    .venv/bin/python scripts/check_translations.py [locale/id/LC_MESSAGES/django.po ...]

Lists, with their line numbers, every active (not obsolete) entry that is
- untranslated: an empty msgstr, or an empty msgstr[i] of a plural entry;
- fuzzy: a guess by msgmerge (a msgid changed, or a new msgid looks like an old one) that a
  translator has not confirmed; it is not used at run time, so the page would show English;
- a placeholder mismatch: the msgstr does not carry the msgid's placeholders. Named
  placeholders (`%(name)s`, `{name}`) are compared as sets, positional ones (`%s`, `%d`, `{}`)
  as sequences, because their order cannot change. printf-style placeholders are compared on
  entries gettext flagged `python-format`, brace placeholders on every entry. For a plural
  entry, each msgstr[i] may use only placeholders of msgid or msgid_plural, and all its
  msgstr[i] together must carry every named placeholder of the two (Indonesian has one form,
  msgstr[0], which then carries them all).

Exit status 0 when every catalogue is complete, 1 otherwise (2 when a file cannot be read).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

import polib

DEFAULT_PO = Path(__file__).resolve().parent.parent / "locale" / "id" / "LC_MESSAGES" / "django.po"

# %(name)s with flags, width and precision; %s, %d, ...; %% is a literal percent sign.
PRINTF = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"
)
BRACE = re.compile(r"\{(?P<name>\w*)(?:[!:][^{}]*)?\}")


def _printf(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    named, positional = set(), []
    for m in PRINTF.finditer(text):
        if m.group(0) == "%%":
            continue
        if m.group("name") is not None:
            named.add(m.group("name"))
        else:
            positional.append(m.group(0)[-1])
    return frozenset(named), tuple(positional)


def _brace(text: str) -> tuple[frozenset[str], tuple[str, ...]]:
    text = text.replace("{{", "").replace("}}", "")
    named, positional = set(), []
    for m in BRACE.finditer(text):
        name = m.group("name")
        if name and not name.isdigit():
            named.add(name)
        else:
            positional.append(name)
    return frozenset(named), tuple(positional)


def placeholders(text: str, printf: bool) -> tuple[frozenset[str], tuple[str, ...]]:
    """(named placeholders, positional placeholders in order) of `text`."""
    named, positional = _brace(text)
    if printf:
        p_named, p_positional = _printf(text)
        named, positional = named | p_named, p_positional + positional
    return named, positional


def _describe(named: Iterable[str], positional: Iterable[str]) -> str:
    items = sorted(named) + list(positional)
    return ", ".join(items) if items else "none"


def placeholder_problem(entry: polib.POEntry) -> str | None:
    """Why the entry's translation does not fit its msgid's placeholders, or None."""
    printf = "python-format" in entry.flags
    source_named, source_positional = placeholders(entry.msgid, printf)
    if not entry.msgid_plural:
        named, positional = placeholders(entry.msgstr, printf)
        if (named, positional) != (source_named, source_positional):
            return (
                f"msgid has {_describe(source_named, source_positional)}, "
                f"msgstr has {_describe(named, positional)}"
            )
        return None
    plural_named, plural_positional = placeholders(entry.msgid_plural, printf)
    allowed = source_named | plural_named
    carried: set[str] = set()
    for index, text in sorted(entry.msgstr_plural.items()):
        named, positional = placeholders(text, printf)
        carried |= named
        if not named <= allowed:
            return f"msgstr[{index}] has {', '.join(sorted(named - allowed))}, not in the msgid"
        if positional and positional not in (source_positional, plural_positional):
            return (
                f"msgstr[{index}] has {_describe((), positional)}, "
                f"msgid_plural has {_describe((), plural_positional)}"
            )
    if carried != allowed:
        return f"no msgstr[i] carries {', '.join(sorted(allowed - carried))}"
    return None


def _label(entry: polib.POEntry) -> str:
    text = entry.msgid if len(entry.msgid) <= 90 else entry.msgid[:87] + "..."
    context = f"{entry.msgctxt} | " if entry.msgctxt else ""
    return f"{context}{text!r}"


def problems(po: polib.POFile) -> dict[str, list[tuple[polib.POEntry, str]]]:
    """Active entries by kind of problem ("untranslated", "fuzzy", "placeholders"), each with
    what is wrong."""
    found: dict[str, list[tuple[polib.POEntry, str]]] = {
        "untranslated": [],
        "fuzzy": [],
        "placeholders": [],
    }
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        if "fuzzy" in entry.flags:
            found["fuzzy"].append((entry, ""))
            continue
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if not texts or not all(texts):
            found["untranslated"].append((entry, ""))
            continue
        problem = placeholder_problem(entry)
        if problem:
            found["placeholders"].append((entry, problem))
    return found


def check(path: Path) -> int:
    try:
        po = polib.pofile(str(path))
    except (OSError, ValueError) as error:
        print(f"{path}: cannot read: {error}", file=sys.stderr)
        return 2
    found = problems(po)
    total = sum(1 for e in po if not e.obsolete and e.msgid)
    if not any(found.values()):
        print(f"{path}: complete ({total} entries)")
        return 0
    print(
        f"{path}: {len(found['untranslated'])} untranslated, {len(found['fuzzy'])} fuzzy, "
        f"{len(found['placeholders'])} with placeholders that differ (of {total} entries):",
        file=sys.stderr,
    )
    for entry, _ in found["untranslated"]:
        print(f"  line {entry.linenum}: untranslated: {_label(entry)}", file=sys.stderr)
    for entry, _ in found["fuzzy"]:
        print(f"  line {entry.linenum}: fuzzy: {_label(entry)}", file=sys.stderr)
    for entry, problem in found["placeholders"]:
        print(f"  line {entry.linenum}: placeholders: {_label(entry)}: {problem}", file=sys.stderr)
    print(
        "Translate them in the .po (Poedit, Lokalize or a text editor; remove the `fuzzy` flag "
        "once a guess is right), see docs/dev/i18n.md.",
        file=sys.stderr,
    )
    return 1


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or [DEFAULT_PO]
    return max(check(p) for p in paths)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
