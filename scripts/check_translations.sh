#!/usr/bin/env bash
# Fail when the Indonesian catalogue has untranslated or fuzzy entries (the UI must be complete).
set -euo pipefail
po="${1:-locale/id/LC_MESSAGES/django.po}"
untranslated="$(msgattrib --untranslated --no-obsolete --no-wrap "$po" | grep -c '^msgid "' || true)"
fuzzy="$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" | grep -c '^msgid "' || true)"
# msgattrib repeats the header entry (msgid "") when it prints anything.
[ "$untranslated" -gt 0 ] && untranslated=$((untranslated - 1))
[ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
if [ "$untranslated" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
  echo "$po: $untranslated untranslated and $fuzzy fuzzy entries:" >&2
  msgattrib --untranslated --no-obsolete "$po" | grep '^msgid' | head -40 >&2
  exit 1
fi
echo "$po: complete"
