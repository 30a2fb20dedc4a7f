"""The gazetteer: every name the resolver recognizes, compiled into one Aho–Corasick automaton per county.

Built from the county's divisions (official names and the short forms people write), the `Alias` table,
and the bundled list of other provinces, cities and counties (`data/china_areas.csv`, derived from jionlp's
Apache-2.0 data by `bench/make_china_areas.py`) so that another county's address is recognized as such.
A built gazetteer is cached per process and rebuilt when the divisions or aliases change (`fingerprint`).
"""

from __future__ import annotations

import csv
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import ahocorasick
from django.db.models import Count, Max
from pypinyin import lazy_pinyin

from jincun.addressing.models import Alias
from jincun.network.choices import AreaLevel, UnitType
from jincun.network.models import AdminArea

DATA = Path(__file__).resolve().parent / "data"
NUMERAL_CHARS = set("一二三四五六七八九十")
VILLAGE_SUFFIXES = ("村民委员会", "居民委员会", "社区居民委员会", "社区居委会", "村委会", "居委会", "社区")
COUNTY_SUFFIXES = ("自治县", "县", "区", "市", "旗")
# Development zones that addresses name in place of a county; a county's own zone is usually named after it
# (沂源经济开发区 in Yiyuan), so these only count when nothing of ours comes first.
FOREIGN_ZONES = (
    "高新区",
    "高新技术产业开发区",
    "经济技术开发区",
    "经济开发区",
    "文昌湖区",
    "文昌湖旅游度假区",
)


@dataclass(frozen=True)
class Target:
    """What a key names. `kind`: village, town, local (our county/city/province), foreign.
    `full` is False for a bare stem (凉泉), which only counts at a word boundary."""

    kind: str
    code: str
    full: bool = True
    via_alias: bool = False


@dataclass
class Gazetteer:
    county_code: str
    county_name: str
    automaton: ahocorasick.Automaton = field(repr=False)
    villages: dict[str, tuple[str, str]]  # village code → (name, town code 12)
    towns: dict[str, str]  # town code 12 → name
    village_cores: dict[str, list[str]]  # spelled form (凉泉村, 凉泉) → village codes
    pinyin: dict[str, set[str]]  # toneless pinyin of a spelled form → village codes
    town_pinyin: dict[str, str] = field(default_factory=dict)  # toneless pinyin of a town's short form → code
    fingerprint: tuple = ()
    county_short: str = ""  # the county's name without its suffix (沂源县 → 沂源), from the divisions

    def town_of(self, village_code: str) -> str:
        return self.villages[village_code][1]


def village_forms(name: str, unit_type: str) -> tuple[list[str], list[str]]:
    """The full forms (with a suffix that marks a village) and the bare stems of one village unit's name."""
    core = name
    for suffix in VILLAGE_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix) + 1:
            core = core[: -len(suffix)]
            break
    full = {name}
    stems = set()
    if unit_type == UnitType.RESIDENTS_COMMITTEE:
        full |= {core + s for s in ("社区", "居委会", "社区居委会", "居民委员会", "社区居民委员会")}
        stems.add(core)
        full.add(core if core.endswith("村") else core + "村")
    else:
        vill = core if core.endswith("村") else core + "村"
        full |= {vill, vill + "委会", vill + "村委会", vill + "民委员会", vill + "村民委员会"}
        stem = vill[:-1]
        if len(stem) >= 2 and stem[-1] not in NUMERAL_CHARS and not stem.endswith("新"):
            stems.add(stem)
    return sorted(full), sorted(stems - full)


def town_forms(name: str) -> tuple[list[str], str]:
    """Full forms of a town (鲁村镇, 历山街道办事处) and its short form (鲁村, 历山)."""
    for suffix in ("街道", "镇", "乡"):
        if name.endswith(suffix):
            short = name[: -len(suffix)]
            break
    else:
        return [name], ""
    full = [name]
    if name.endswith("街道"):
        full += [name + "办事处", name + "办", short + "办事处", short + "办"]
    return full, short


@cache
def china_areas() -> list[dict[str, str]]:
    with open(DATA / "china_areas.csv", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def pinyin_key(text: str) -> str:
    return "".join(lazy_pinyin(text))


def _foreign_keys(county_code: str, local_names: list[str]) -> dict[str, Target]:
    """Names of other provinces, cities, counties (and neighbours' towns) that do not clash with ours."""
    prov, city, county = county_code[:2] + "0000", county_code[:4] + "00", county_code[:6]
    local_blob = "\n".join(local_names)
    keys: dict[str, Target] = {}
    for row in china_areas():
        code, level = row["code"], row["level"]
        ours = code in (prov, city, county) and level != "town"
        kind = "local" if ours else "foreign"
        names = [row["name"]]
        if row["short"] and (level in ("province", "city") or code[:2] == county_code[:2]):
            names.append(row["short"])
        for name in names:
            full_name = name == row["name"]
            generic = (
                level == "county" and full_name and (len(name) <= 2 or name in ("市辖区", "矿区", "郊区"))
            )
            if len(name) < 2 or generic or (kind == "foreign" and name in local_blob):
                continue
            keys.setdefault(name, Target(kind, code))
    return keys


def build(county_code: str) -> Gazetteer:
    """Compile the gazetteer of one county (12-digit code) from the database and the bundled lists."""
    county = AdminArea.objects.get(code=county_code)
    areas = list(AdminArea.objects.in_county(county_code).exclude(level=AreaLevel.COUNTY))
    towns = {a.code: a.name for a in areas if a.level == AreaLevel.TOWN}
    villages = {a.code: (a.name, a.town_code) for a in areas if a.level == AreaLevel.VILLAGE}
    entries: dict[str, set[Target]] = defaultdict(set)
    cores: dict[str, list[str]] = defaultdict(list)
    for code, name in towns.items():
        full, short = town_forms(name)
        for key in full:
            entries[key].add(Target("town", code))
        if short:
            entries[short].add(Target("town", code, full=False))
    for a in areas:
        if a.level != AreaLevel.VILLAGE:
            continue
        full, stems = village_forms(a.name, a.unit_type)
        for key in full:
            entries[key].add(Target("village", a.code))
        for key in stems:
            entries[key].add(Target("village", a.code, full=False))
        for key in {*full[:1], *stems, *(k for k in full if k.endswith("村") and len(k) <= 6)}:
            cores[key].append(a.code)
    for alias in Alias.objects.filter(area__code__startswith=county_code[:6]).select_related("area"):
        kind = "town" if alias.area.level == AreaLevel.TOWN else "village"
        entries[alias.text].add(Target(kind, alias.area.code, via_alias=True))
        if kind == "village":
            cores[alias.text].append(alias.area.code)
    name = county.name
    county_short = next(
        (name[: -len(s)] for s in COUNTY_SUFFIXES if name.endswith(s) and len(name) > len(s) + 1), name
    )
    local_names = list(entries)
    for key, target in _foreign_keys(county_code, local_names).items():
        if key not in entries:
            entries[key].add(target)
    for key in FOREIGN_ZONES:
        if key not in entries and key not in "\n".join(local_names):
            entries[key].add(Target("foreign", "zone"))
    for key in (name, county_short):
        entries[key] = {Target("local", county_code[:6])}
    automaton = ahocorasick.Automaton()
    for key, targets in entries.items():
        automaton.add_word(key, (key, tuple(sorted(targets, key=lambda t: (t.kind, t.code)))))
    automaton.make_automaton()
    pinyin: dict[str, set[str]] = defaultdict(set)
    for key, codes in cores.items():
        pinyin[pinyin_key(key)].update(codes)
    town_pinyin: dict[str, str] = {}
    for code, town_name in towns.items():
        short = town_forms(town_name)[1]
        if short:
            town_pinyin[pinyin_key(short)] = code
    return Gazetteer(
        town_pinyin=town_pinyin,
        county_code=county_code,
        county_name=name,
        county_short=county_short,
        automaton=automaton,
        villages=villages,
        towns=towns,
        village_cores=dict(cores),
        pinyin=dict(pinyin),
    )


_cache: dict[str, Gazetteer] = {}
_lock = threading.Lock()


def default_county_code() -> str:
    """The county Jincun runs (the first county loaded)."""
    code = (
        AdminArea.objects.filter(level=AreaLevel.COUNTY)
        .order_by("code")
        .values_list("code", flat=True)
        .first()
    )
    if code is None:
        raise LookupError("no county loaded: run `jincun init` first")
    return code


def fingerprint(county_code: str) -> tuple:
    aliases = Alias.objects.filter(area__code__startswith=county_code[:6]).aggregate(
        n=Count("id"), t=Max("updated_at")
    )
    areas = AdminArea.objects.in_county(county_code).count()
    return (aliases["n"], aliases["t"], areas)


def get_gazetteer(county_code: str | None = None) -> Gazetteer:
    """The county's gazetteer, built once per process and rebuilt when divisions or aliases changed."""
    code = (county_code or default_county_code()).ljust(12, "0")
    current = fingerprint(code)
    with _lock:
        cached = _cache.get(code)
        if cached is None or cached.fingerprint != current:
            cached = build(code)
            cached.fingerprint = current
            _cache[code] = cached
    return cached


def clear_cache() -> None:
    with _lock:
        _cache.clear()
