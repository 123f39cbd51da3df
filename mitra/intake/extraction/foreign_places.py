"""Provinces, states, prefectures and other first-level subdivisions of foreign countries
(ISO 3166-2, from pycountry), so that "Provinsi Fujian", "Prefektur Shizuoka" or "Negara
Bagian Australia Selatan" read as foreign local governments without a country named beside
them. Indonesia's own subdivisions, names that are also Indonesian places, and names that are
common words ("Central", "Western") are left out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import pycountry

from .bodies import indonesian_places

# Administrative suffixes of the ISO names: "Fujian Sheng", "Beijing Shi", "Guangxi Zhuangzu
# Zizhiqu", "Busan-gwangyeoksi", "Hong Kong SAR" (the press writes the bare name).
_SUFFIX_RE = re.compile(
    r"(?:\s(?:Sheng|Shi|(?:\w+zu\s)?Zizhiqu|SAR|Province|Prefecture|State|Region|Oblast|Krai)"
    r"|-(?:gwangyeoksi|teukbyeolsi|teukbyeoljachido|teukbyeoljachisi))$"
)
# Compass words of English names and how the Indonesian press writes them after the name:
# "South Australia" -> "Australia Selatan", "Western Australia" -> "Australia Barat".
_COMPASS = {
    "south": "Selatan", "southern": "Selatan", "north": "Utara", "northern": "Utara",
    "east": "Timur", "eastern": "Timur", "west": "Barat", "western": "Barat",
}  # fmt: skip
# One-word names that are ordinary words in the press, not places.
_COMMON_WORDS = frozenset(
    [
        "central", "western", "eastern", "northern", "southern", "north", "south", "east",
        "west", "capital", "islands", "island", "coast", "lakes", "upper", "lower", "greater",
        "interior", "atlantic", "pacific", "national", "federal", "mountain", "river", "delta",
        "valley", "plateau", "highlands", "special", "metro", "city", "border", "littoral",
    ]
)  # fmt: skip


def _forms(name: str) -> set[str]:
    name = name.split(" (")[0].split(";")[0].strip()
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    forms = {name, plain}  # "Díli" is written "Dili"
    bare = _SUFFIX_RE.sub("", name).strip()
    forms.update((bare, _SUFFIX_RE.sub("", plain).strip()))
    words = bare.split()
    if len(words) == 2 and words[0].lower() in _COMPASS:
        forms.add(f"{words[1]} {_COMPASS[words[0].lower()]}")
    return forms


@lru_cache(maxsize=1)
def foreign_subdivisions() -> frozenset[str]:
    """Lower-case names of foreign first-level subdivisions, as the press writes them."""
    indonesian = indonesian_places()
    names: set[str] = set()
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code == "ID" or subdivision.parent_code:
            continue
        for form in _forms(subdivision.name):
            lower = form.lower()
            if len(lower) < 4 or lower in _COMMON_WORDS or lower in indonesian:
                continue
            names.add(lower)
    return frozenset(names)


def is_foreign_subdivision(name: str) -> bool:
    """Whether `name` (or the words it starts with: "Fujian, Tiongkok") is one."""
    words = name.split()
    known = foreign_subdivisions()
    return any(" ".join(words[:n]).lower().rstrip(",") in known for n in range(len(words), 0, -1))


# A foreign city followed by the region it lies in: the region is an address, not a party.
_ADDRESS_HEAD_RE = re.compile(
    r"(?:[Pp]emerintah\s)?(?:Prefektur|Provinsi|Negara\sBagian|State\sof)\s"
)
_CITY_BEFORE_RE = re.compile(
    r"(?:(?<!\w)(?:Kota|City\sof)\s[A-Z][\w'-]*(?:\s[A-Z][\w'-]*){0,2}"
    # "Ichikawa-shi, Prefektur Chiba"
    r"|(?<![\w-])[A-Z][a-z]{3,}-(?:shi|si)),\s$"
)


_NAME_BEFORE_RE = re.compile(r"[A-Z][\w'-]*,\s$")


def address_of_a_city(text: str, form: str, start: int, region_forms: Sequence[str] = ()) -> bool:
    """Whether `form`, written at `start`, is the region a foreign city named right before it
    lies in ("Kota Hamamatsu, Prefektur Shizuoka"); a region's bare name (one of whose
    `region_forms` is "Prefektur Shiga") after a name and a comma is one too (a dateline's
    "Higashiomi, Shiga –")."""
    if _ADDRESS_HEAD_RE.match(form):
        return _CITY_BEFORE_RE.search(text, max(0, start - 60), start) is not None
    return any(
        _ADDRESS_HEAD_RE.match(region) and region.endswith(" " + form) for region in region_forms
    ) and (_NAME_BEFORE_RE.search(text, max(0, start - 40), start) is not None)


# A foreign local government's form: its head word, then the place ("Kota Kitakyushu",
# "City of Darwin", "Gemeente Vlissingen").
LOCAL_FORM_RE = re.compile(
    r"(?:Pemerintah\s)?(?:Kota|Provinsi|Prefektur|Negara\sBagian|Distrik|City\sof|State\sof"
    r"|Prefecture\sof|Province\sof|Gemeente|Stadt|Landeshauptstadt|Ville\sde|Comune\sdi"
    r"|Municipality\sof)\s(?P<name>[A-Z].*)"
)


# Epithets of a foreign region that a later mention drops ("Pemerintah Provinsi Otonom Khusus
# Jeju" ... "Provinsi Jeju").
_REGION_EPITHETS = frozenset(
    ["otonom", "khusus", "daerah", "istimewa", "special", "autonomous", "metropolitan"]
)


def local_core(form: str) -> tuple[str, str] | None:
    """A foreign local government's head and place name without its epithets."""
    local = LOCAL_FORM_RE.match(form) if form else None
    if local is None:
        # "Kitakyushu-shi" is "Kota Kitakyushu", "Gyeonggi-do" is "Provinsi Gyeonggi"
        run_on = RUN_ON_LOCAL_RE.fullmatch(form) if form else None
        if run_on is None:
            return None
        return _RUN_ON_HEADS[run_on.group("kind")], run_on.group("name").lower()
    head = [w for w in form[: local.start("name")].lower().split() if w != "of"][-1]
    head = _ENGLISH_LOCAL_HEADS.get(head, head)  # "City of Darwin" is "Kota Darwin"
    words = [w for w in local.group("name").lower().split() if w not in _REGION_EPITHETS]
    return (head, " ".join(words)) if words else None


RUN_ON_LOCAL_RE = re.compile(r"(?P<name>[A-Z][a-z]{3,})-(?P<kind>shi|si|ken|fu|do|gun)")
_RUN_ON_HEADS = {
    "shi": "kota", "si": "kota", "ken": "prefektur", "fu": "prefektur", "do": "provinsi",
    "gun": "kabupaten",
}  # fmt: skip
_ENGLISH_LOCAL_HEADS = {
    "city": "kota", "province": "provinsi", "prefecture": "prefektur", "state": "bagian",
    # a municipality in its own language ("Ville de", "Comune di": the word before the name)
    "gemeente": "kota", "stadt": "kota", "landeshauptstadt": "kota", "municipality": "kota",
    "de": "kota", "di": "kota",
}  # fmt: skip
