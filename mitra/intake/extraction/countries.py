"""Country names in Indonesian: when one follows or stands for a name, that name is foreign.

CLDR_NAMES are the Indonesian names of the Unicode CLDR, read through Babel (the data the
interface shows as well), without a parenthesised remark ("Myanmar (Burma)"), without
Indonesia itself and without overseas territories whose names read as places ("Pulau
Natal"). PRESS_NAMES are the other forms the Indonesian press writes, which CLDR lacks: long
and short official forms, abbreviations and older spellings (general usage, not taken from
any item).
"""

from __future__ import annotations

import re

from babel import Locale

# CLDR territory codes that are no ISO 3166-1 country: regions of a country, groupings (EU,
# UN, the euro zone), placeholders (ZZ) and pseudo-locales (XA, XB). Kosovo (XK) and the
# European Union are found through PRESS_NAMES.
NOT_ISO_3166: frozenset[str] = frozenset(
    {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"}
)
# Countries whose CLDR name is not looked for: Indonesia; places rather than countries
# ("Antarktika", "Pulau Natal", "Pulau Man", "Kepulauan Aland"); and names the press writes
# otherwise, listed in PRESS_NAMES ("Hong Kong DAK Tiongkok": "Hong Kong"; "Makau DAK
# Tiongkok": "Makau"; "Wilayah Palestina": "Palestina").
NOT_LOOKED_FOR: frozenset[str] = frozenset(
    {"ID", "AQ", "AX", "BV", "CX", "GS", "HM", "IM", "IO", "SJ", "TF", "UM", "HK", "MO", "PS"}
)


def _cldr_names() -> tuple[str, ...]:
    territories = Locale("id").territories
    return tuple(
        sorted(
            {
                re.sub(r"\s*\(.*?\)", "", name)
                for code, name in territories.items()
                if len(code) == 2
                and code.isalpha()
                and code not in NOT_ISO_3166
                and code not in NOT_LOOKED_FOR
            }
        )
    )


CLDR_NAMES: tuple[str, ...] = _cldr_names()

PRESS_NAMES: tuple[str, ...] = (
    # Indonesian press forms that CLDR does not list
    "Amerika", "AS", "Brazil", "Brunei", "Mesir", "Hongaria", "Inggris", "Britania Raya",
    "Kerajaan Inggris", "Kerajaan Belanda", "Kerajaan Arab Saudi", "Korea", "Korsel",
    "Republik Korea", "Perancis", "Tiongkok", "RRT", "Republik Rakyat Tiongkok", "Cina", "China",
    "Timor-Leste", "Myanmar", "Ethiopia", "Chili", "Chile", "Afghanistan", "Uni Eropa",
    "Vietnam", "Viet Nam", "Makau", "Palestina",
    "Hong Kong", "Kosovo", "Kirgistan", "Kepulauan Solomon", "Federasi Rusia",
    "Republik Federal Jerman", "Republik Ceko", "Republik Turki", "Turkiye",
    "Republik Islam Iran", "Republik Sosialis Vietnam", "Persatuan Emirat Arab",
    # English names, in items that quote an English source
    "Japan", "Germany", "Netherlands", "New Zealand", "United States", "United Kingdom",
    "Korea Republic", "Republic of Korea", "Canada", "France", "Norway", "Sweden",
    "Switzerland", "Singapore", "Philippines", "Viet Nam", "Cambodia", "Thailand", "Denmark",
)  # fmt: skip


def trie_pattern(words) -> str:
    """One regex alternation as a character trie: the matcher follows one branch per
    character instead of trying ~300 names at every position of the text."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # longest first: an optional longer name ("Korea Selatan" before "Korea")
            return "(?:" + body + ")?"
        return body

    return build(trie)


COUNTRY_NAMES: tuple[str, ...] = tuple(sorted(set(CLDR_NAMES) | set(PRESS_NAMES)))
COUNTRY_PATTERN = trie_pattern(COUNTRY_NAMES)


# English names of countries that differ from their Indonesian names ("Japan", "Germany",
# "South Korea"; not "Australia"), from the same CLDR data: a name that opens with one is
# written in English ("Japan Coast Guard"). Groupings and placeholders are left out, and so
# are names that are also common first names ("Jordan", "Dominica", "Georgia").
NOT_A_LEAD: frozenset[str] = frozenset({"JO", "DM", "GE"}) | NOT_ISO_3166


def _english_names() -> tuple[str, ...]:
    english, indonesian = Locale("en").territories, Locale("id").territories
    return tuple(
        sorted(
            {
                re.sub(r"\s*\(.*?\)", "", name)
                for code, name in english.items()
                if len(code) == 2
                and code.isalpha()
                and code not in NOT_A_LEAD
                and code not in NOT_LOOKED_FOR
                and name != indonesian.get(code)
                and "&" not in name
            }
        )
    )


ENGLISH_COUNTRY_NAMES: tuple[str, ...] = _english_names()
# English demonyms of countries (general usage), with the country's ISO code: "Australian
# Federal Police", "Japanese Red Cross Society", "Korean Air"; and "Korea", which English names
# of Korean bodies open with ("Korea Forest Service"). translations.py reads the codes.
DEMONYM_CODES: dict[str, str] = {
    "American": "US", "Australian": "AU", "Austrian": "AT", "Bangladeshi": "BD",
    "Belgian": "BE", "Brazilian": "BR", "British": "GB", "Bruneian": "BN", "Cambodian": "KH",
    "Canadian": "CA", "Chilean": "CL", "Chinese": "CN", "Czech": "CZ", "Danish": "DK",
    "Dutch": "NL", "Egyptian": "EG", "Emirati": "AE", "European": "EU", "Filipino": "PH",
    "Finnish": "FI", "French": "FR", "German": "DE", "Greek": "GR", "Hungarian": "HU",
    "Icelandic": "IS", "Indian": "IN", "Iranian": "IR", "Irish": "IE", "Israeli": "IL",
    "Italian": "IT", "Japanese": "JP", "Jordanian": "JO", "Korea": "KR", "Korean": "KR",
    "Kuwaiti": "KW", "Lao": "LA", "Malaysian": "MY", "Mexican": "MX", "Moroccan": "MA",
    "Nepalese": "NP", "Nigerian": "NG", "Norwegian": "NO", "Pakistani": "PK",
    "Philippine": "PH", "Polish": "PL", "Portuguese": "PT", "Qatari": "QA", "Russian": "RU",
    "Saudi": "SA", "Scottish": "GB", "Singaporean": "SG", "Spanish": "ES", "Swedish": "SE",
    "Swiss": "CH", "Taiwanese": "TW", "Thai": "TH", "Timorese": "TL", "Turkish": "TR",
    "Ukrainian": "UA", "Vietnamese": "VN",
}  # fmt: skip
ENGLISH_DEMONYMS: tuple[str, ...] = tuple(DEMONYM_CODES)
# Short forms that open English names: "US Department of Agriculture", "UK Met Office".
ENGLISH_SHORT_LEADS: tuple[str, ...] = ("US", "U.S.", "UK", "U.K.", "EU")
ENGLISH_LEAD_PATTERN = trie_pattern(
    (*ENGLISH_COUNTRY_NAMES, *ENGLISH_DEMONYMS, *ENGLISH_SHORT_LEADS)
)
