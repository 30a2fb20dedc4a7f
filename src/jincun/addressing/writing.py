"""Writing an address the way a sender types it, for the simulator's brand manifests (no village codes).

`write_address(village, rng)` picks a style — full, short town, no town, no prefix, noisy (name, phone,
fullwidth, spaces), homophone typo, hamlet (an alias of the village, when one exists) — and returns text the
hub must resolve. Deterministic for a seeded `random.Random`.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from functools import cache

from pypinyin import lazy_pinyin
from pypinyin.pinyin_dict import pinyin_dict

from jincun.addressing.gazetteer import china_areas, town_forms, village_forms
from jincun.network.models import AdminArea

STYLES = ("full", "short_town", "no_town", "no_prefix", "noise", "homophone", "hamlet")
WEIGHTS = (25, 20, 12, 15, 15, 8, 5)
TAILS = ("", "", "3组", "5组12号", "2排8号", "108号", "小卖部", "村委会旁", "卫生室东邻", "村东头", "东首")


@cache
def _prefixes(county_code: str, county_name: str) -> tuple[str, ...]:
    """The ways senders write the county and what is above it: 山东省淄博市沂源县, 淄博沂源县, 山东沂源 …,
    from the bundled province/city/county list; only the county's own name when the list lacks it."""
    areas = {row["code"]: row for row in china_areas()}
    county = areas.get(county_code[:6])
    if county is None:
        return (county_name,)
    city = areas.get(county.get("parent_code") or "")
    province = areas.get(city.get("parent_code") or "") if city else None
    full, short = county["name"], county.get("short") or county["name"]
    if city is None or province is None:
        return (full,)
    p_full, p_short = province["name"], province.get("short") or province["name"]
    c_full, c_short = city["name"], city.get("short") or city["name"]
    return (f"{p_full}{c_full}{full}", f"{c_full}{full}", full, f"{p_short}{short}", f"{c_short}{full}")


@cache
def _homophone_pool() -> dict[str, list[str]]:
    pool = defaultdict(list)
    for code in pinyin_dict:
        ch = chr(code)
        if "\u4e00" <= ch <= "\u9fff" and 0x4E00 <= code <= 0x9FA5:
            pool[lazy_pinyin(ch)[0]].append(ch)
    return dict(pool)


def _homophone(name: str, rng: random.Random) -> str:
    i = rng.randrange(len(name))
    choices = [c for c in _homophone_pool().get(lazy_pinyin(name[i])[0], []) if c != name[i]]
    return name[:i] + rng.choice(choices) + name[i + 1 :] if choices else name


def _fullwidth(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})


def write_address(
    village: AdminArea, rng: random.Random, style: str | None = None, name: str = "", phone: str = ""
) -> str:
    """An address for `village` (a village unit) in `style` (random by WEIGHTS when None)."""
    style = style or rng.choices(STYLES, WEIGHTS)[0]
    town = village.parent
    full_forms, stems = village_forms(village.name, village.unit_type)
    spelled = rng.choice(full_forms + stems)
    town_full, town_short = town_forms(town.name) if town else ([""], "")
    town_text = rng.choice([*town_full, town_short or town_full[0]])
    county = town.parent if town else None
    prefixes = _prefixes(county.code, county.name) if county else ("",)
    prefix, tail = rng.choice(prefixes), rng.choice(TAILS)
    if style == "hamlet":
        aliases = sorted(village.aliases.values_list("text", flat=True))  # sorted: same seed, same address
        spelled, style = (rng.choice(aliases), "full") if aliases else (spelled, "full")
    if style == "full":
        return f"{prefix}{town_full[0]}{spelled}{tail}"
    if style == "short_town":
        return f"{prefix}{town_short or town_full[0]}{spelled}{tail}"
    if style == "no_town":
        return f"{prefix}{spelled}{tail}"
    if style == "no_prefix":
        return f"{town_text}{spelled}{tail}"
    if style == "homophone":
        core = spelled[:-1] if spelled.endswith("村") and len(spelled) > 2 else spelled
        return f"{prefix}{town_text}{_homophone(core, rng)}村{tail}"
    text = f"{prefix}{town_text}{spelled}{tail}"
    noisy = rng.randrange(4)
    if noisy == 0:
        return f"{name} {phone} {text}".strip()
    if noisy == 1:
        return f"{text}（{name[:1]}先生 {phone}）"
    if noisy == 2:
        return _fullwidth(text) + "　" + phone
    return f"{prefix} {town_text} {spelled} {tail} {name}".strip()
