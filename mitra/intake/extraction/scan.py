"""Word patterns tried only where one of their first words stands.

Most cue and name patterns open with a lookbehind ("(?<!\\w)"), and many are
case-insensitive; either stops the regex engine from skipping ahead by first letter, so it
tries the whole alternation at every character of the text. A `Triggered` pattern pairs
such a pattern with a *trigger*: an alternation of the words its matches start with,
without lookarounds, which the engine does scan by first letter. The pattern is tried only
where the trigger matches, which finds exactly the matches of
`pattern.finditer(text, pos, endpos)` (a lookbehind still sees the text before the place).

The trigger runs over the lower-cased text, so one lower-case trigger serves every way a
word is written. The lower-cased text stands for the text only when lower-casing keeps
every offset and every character that matches an ASCII letter case-insensitively
lower-cases to it. Three characters break that ("İ" lower-cases to two characters; "ı" and
"ſ" match "i" and "s" but stay as they are): a text with one of them is scanned the plain
way. A case-sensitive trigger (`on_text`) runs over the text itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_BREAKS_LOWERING_RE = re.compile("[\u0130\u0131\u017f]")

# The last text lower-cased and its lower-cased form (None: it cannot stand for the text):
# the passes over one document ask for the same text in turn. Holding the text keeps its
# identity from being reused by another string.
_last: tuple[str, str | None] = ("", "")


def lowered(text: str) -> str | None:
    """`text.lower()`, or None when it cannot stand for `text` in matching ASCII words
    (see the module's docstring)."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    value = None if _BREAKS_LOWERING_RE.search(text) else text.lower()
    _last = (text, value)
    return value


# A token of a trigger's word: a character, an escape (`\s`) or a class (`[\s-]`).
_TOKEN_RE = re.compile(r"\\[a-zA-Z]|\[[^\]]+\]|[\w'’&/.-]")


def _as_trie(trigger: str) -> str:
    """`trigger`, an alternation of words, as a trie of their tokens: where the engine stops
    by first letter it follows one branch per character instead of trying every word in
    turn (a third less time). A trigger of another shape is kept as it is."""
    words = [_TOKEN_RE.findall(word) for word in trigger.split("|")]
    if any("".join(tokens) != word for tokens, word in zip(words, trigger.split("|"), strict=True)):
        return trigger
    root: dict[str, dict] = {}
    for tokens in words:
        node = root
        for token in tokens:
            node = node.setdefault(token, {})
        node[""] = {}

    def branch(node: dict[str, dict]) -> str:
        ways = [token + branch(child) for token, child in node.items() if token]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 else f"(?:{'|'.join(ways)})"
        return f"(?:{body})?" if "" in node else body

    # the words' first tokens stay a plain alternation: the engine skips by first letter
    return "|".join(token + branch(child) for token, child in root.items() if token)


class Triggered:
    r"""A pattern with its trigger (see the module's docstring).

    `trigger` must match, in the lower-cased text, wherever a match of `pattern` starts: an
    alternation of the words that begin its alternatives, in lower-case ASCII letters, with
    `\s` or "-" where the pattern has them (white space and "-" are their own lower case).
    A shorter beginning is enough: "tele" for "teleconference|telekonferensi". With
    `on_text`, the trigger must match in the text itself instead (the pattern's own words,
    written as it writes them). Without a trigger (None) the pattern is scanned the plain
    way. The pattern never matches the empty string.

    The trigger is words only (no unbounded repeat, no lookaround): it reads a bounded
    stretch at each place, and the pattern is tried at a subset of the places the plain scan
    tries it, so on any input the scan costs at most one linear pass more than the plain one
    (a lookahead to the end of the sentence made it quadratic on long texts without full
    stops)."""

    def __init__(self, pattern: re.Pattern[str], trigger: str | None, on_text: bool = False):
        self.pattern = pattern
        self.trigger = re.compile(_as_trie(trigger)) if trigger is not None else None
        self.on_text = on_text

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The matches of `pattern.finditer(text, pos, endpos)`."""
        if endpos is None:
            endpos = len(text)
        scanned = None
        if self.trigger is not None:
            scanned = text if self.on_text else lowered(text)
        if self.trigger is None or scanned is None:
            yield from self.pattern.finditer(text, pos, endpos)
            return
        look, match = self.trigger.search, self.pattern.match
        while (hit := look(scanned, pos, endpos)) is not None:
            found = match(text, hit.start(), endpos)
            if found is None:
                pos = hit.start() + 1
                continue
            yield found
            pos = max(found.end(), hit.start() + 1)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """`pattern.search(text, pos, endpos)`."""
        return next(self.finditer(text, pos, endpos), None)
