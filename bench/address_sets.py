"""Generated address sets for the resolver benchmark — our own templates, not the dev set's.

`generate(seed)` returns (rows, aliases): rows have the dev-set columns
`id,address,expect_status,expect_town,expect_village,category`; aliases (`alias,code`) are the hamlet names the
bench imports first (as an operator would). Names come from the bundled Yiyuan divisions; out-of-area
addresses use real village and town names of neighbouring counties from jionlp's data (bench-only dependency),
which is the hard case: many of them look like Yiyuan's.
"""

from __future__ import annotations

import csv
import random
import unicodedata
from collections import defaultdict
from pathlib import Path

from pypinyin import lazy_pinyin

ROOT = Path(__file__).resolve().parents[1]
DIVISIONS = ROOT / "src/jincun/network/data/yiyuan"
SUFFIX = ("村民委员会", "居民委员会", "社区居委会", "村委会", "居委会")
NEIGHBOURS = {
    "沂水县": "临沂市",
    "蒙阴县": "临沂市",
    "沂南县": "临沂市",
    "费县": "临沂市",
    "临朐县": "潍坊市",
    "新泰市": "泰安市",
    "淄川区": "淄博市",
    "博山区": "淄博市",
    "莱芜区": "济南市",
    "张店区": "淄博市",
}
FAR = [
    ("江苏省", "徐州市", "沛县"),
    ("河北省", "保定市", "涞水县"),
    ("河南省", "商丘市", "虞城县"),
    ("安徽省", "阜阳市", "临泉县"),
    ("山西省", "运城市", "芮城县"),
    ("浙江省", "金华市", "义乌市"),
]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
PLACE_TAILS = ["家庄", "家峪", "家沟", "家洼", "庄子", "家岭", "家河", "家崖", "家坪", "官庄"]
STREETS = ["", "", "", "3组", "5组12号", "2排8号", "108号", "东首", "一组", "7号院"]
LANDMARKS = [
    "",
    "",
    "小卖部",
    "卫生室东邻",
    "村委会东50米",
    "超市对面",
    "供销社旁",
    "村北头",
    "老槐树下",
    "学校附近",
]
PEOPLE = ["张三", "王秀英", "李建国", "赵丽", "刘洋", "陈静"]


def _core(name: str) -> str:
    for s in SUFFIX:
        if name.endswith(s) and len(name) > len(s) + 1:
            return name[: -len(s)]
    return name


def _village_spellings(name: str, unit_type: str) -> list[str]:
    core = _core(name)
    if unit_type == "residents_committee":
        return [name, core + "社区", core + "居委会", core]
    vill = core if core.endswith("村") else core + "村"
    out = [name, vill, vill + "委会", vill + "村民委员会"]
    if len(vill) >= 4 and vill[-2] not in "一二三四五六七八九十新":
        out.append(vill[:-1])
    return out


def _town_spellings(name: str) -> list[str]:
    short = name.removesuffix("街道").removesuffix("镇")
    return [name, short, name + "办事处"] if name.endswith("街道") else [name, short]


def _prefix(rng: random.Random) -> str:
    return rng.choice(["山东省淄博市沂源县", "淄博市沂源县", "沂源县", "山东沂源", "淄博沂源县", "沂源"])


def _phone(rng: random.Random) -> str:
    p = "1" + rng.choice("3578") + "".join(rng.choice("0123456789") for _ in range(9))
    return rng.choice([p, p[:3] + "-" + p[3:7] + "-" + p[7:], p[:3] + "****" + p[7:]])


def _noise(rng: random.Random, addr: str) -> str:
    """Wrap an address (its parts separated by "|") in one of seven noise styles."""
    if rng.randrange(7) != 5:
        addr = addr.replace("|", "")
    person = rng.choice(PEOPLE)
    style = 5 if "|" in addr else rng.choice([0, 1, 2, 3, 4, 6])
    if style == 0:
        return f"{person} {_phone(rng)} {addr}"
    if style == 1:
        return f"{addr} {person}收 {_phone(rng)}"
    if style == 2:
        return f"收货地址：{addr}，收件人：{person}，电话：{_phone(rng)}"
    if style == 3:
        return f"{addr}（{person[0]}先生 {_phone(rng)}转{rng.randrange(100, 999)}）"
    if style == 4:
        return (
            unicodedata.normalize("NFKC", addr).translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})
            + "　"
            + _phone(rng)
        )
    if style == 5:
        return " ".join(part for part in addr.split("|")) + f" {person}"
    return f"{addr}，{person[0]}女士，{_phone(rng)}"


def load_divisions():
    with open(DIVISIONS / "yiyuan_villages.csv", encoding="utf-8") as f:
        villages = list(csv.DictReader(f))
    with open(DIVISIONS / "yiyuan_towns.csv", encoding="utf-8") as f:
        towns = {r["code"]: r["name"] for r in csv.DictReader(f)}
    return villages, towns


def neighbour_places() -> list[tuple[str, str, str, str]]:
    """(city, county, town, village) of neighbouring counties, from jionlp's location dictionary."""
    import jionlp

    path = Path(jionlp.__file__).parent / "dictionary" / "china_location.txt"
    out, county, city, town = [], "", "", ""
    for line in path.read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        name = line.strip().split("\t")[0]
        if depth == 2:
            county = name if name in NEIGHBOURS else ""
            city = NEIGHBOURS.get(name, "")
        elif depth == 3 and county:
            town = name
        elif depth == 4 and county:
            out.append((city, county, town, name))
    return out


def _homophones():
    import jionlp
    from pypinyin import lazy_pinyin

    text = (Path(jionlp.__file__).parent / "dictionary" / "china_location.txt").read_text(encoding="utf-8")
    pool = defaultdict(set)
    for ch in set(text):
        if "\u4e00" <= ch <= "\u9fff":
            pool[lazy_pinyin(ch)[0]].add(ch)
    return pool, lambda ch: lazy_pinyin(ch)[0]


def generate(seed: int = 7, per_category: int = 400) -> tuple[list[dict], list[dict]]:
    rng = random.Random(seed)
    villages, towns = load_divisions()
    by_core = defaultdict(list)
    for v in villages:
        by_core[_core(v["name"]).removesuffix("村") or _core(v["name"])].append(v)
    dup_cores = {c for c, vs in by_core.items() if len({v["town_code"] for v in vs}) > 1}
    unique = [v for v in villages if _core(v["name"]).removesuffix("村") not in dup_cores]
    plain = lambda a: a.replace("|", "")  # noqa: E731
    towns_by_spelling = defaultdict(set)
    for v in villages:
        for sp in _village_spellings(v["name"], v["unit_type"]):
            towns_by_spelling[sp].add(v["town_code"])
    shared = {
        v["code"]: [
            sp for sp in _village_spellings(v["name"], v["unit_type"]) if len(towns_by_spelling[sp]) > 1
        ]
        for v in villages
    }
    dups = [v for v in villages if shared[v["code"]]]
    all_names = "\n".join(v["name"] for v in villages)
    rows: list[dict] = []

    def add(cat, addr, status, town="", village=""):
        rows.append(
            {
                "id": f"g{len(rows) + 1:06d}",
                "address": addr,
                "expect_status": status,
                "expect_town": town,
                "expect_village": village,
                "category": cat,
            }
        )

    def village_addr(v, town_style, with_prefix=True, spell=None):
        spell = spell or rng.choice(_village_spellings(v["name"], v["unit_type"]))
        town = "" if town_style is None else rng.choice(_town_spellings(towns[v["town_code"]]))
        pre = _prefix(rng) if with_prefix else ""
        return f"{pre}|{town}|{spell}|{rng.choice(STREETS)}{rng.choice(LANDMARKS)}"

    for _ in range(per_category):
        v = rng.choice(villages)
        add("g_full", plain(village_addr(v, "full")), "resolved", v["town_code"], v["code"])
        v = rng.choice(villages)
        add(
            "g_no_prefix",
            plain(village_addr(v, "full", with_prefix=False)),
            "resolved",
            v["town_code"],
            v["code"],
        )
        v = rng.choice(unique)
        add("g_no_town", plain(village_addr(v, None)), "resolved", v["town_code"], v["code"])
        v = rng.choice(villages)
        add(
            "g_noise",
            _noise(rng, village_addr(v, "full", with_prefix=rng.random() < 0.5)),
            "resolved",
            v["town_code"],
            v["code"],
        )
        v = rng.choice(dups)
        spell = rng.choice(shared[v["code"]])
        addr = village_addr(v, None, spell=spell)
        add("g_ambiguous", _noise(rng, addr) if rng.random() < 0.3 else plain(addr), "ambiguous")
        code = rng.choice(list(towns))
        tail = rng.choice(["中心路18号", "驻地", "镇政府", "商贸街3号", "卫生院", "派出所对面", ""])
        add(
            "g_town_only",
            f"{_prefix(rng)}{rng.choice(_town_spellings(towns[code]))}{tail}",
            "town_only",
            code,
        )
    pool, py = _homophones()
    for _ in range(per_category):
        v = rng.choice(villages)
        core = _core(v["name"]).removesuffix("村")
        i = rng.randrange(len(core))
        subs = sorted(pool[py(core[i])] - {core[i]})
        if not subs:
            continue
        typo = core[:i] + rng.choice(subs) + core[i + 1 :]
        if typo in all_names:
            continue
        town = rng.choice(_town_spellings(towns[v["town_code"]]))
        add(
            "g_typo_homophone",
            f"{_prefix(rng)}{town}{typo}村{rng.choice(STREETS)}{rng.choice(LANDMARKS)}",
            "resolved",
            v["town_code"],
            v["code"],
        )
    chars = sorted({c for ch in pool.values() for c in ch})
    for _ in range(per_category):
        v = rng.choice(villages)
        core = _core(v["name"]).removesuffix("村")
        if len(core) < 2:
            continue
        i = rng.randrange(len(core))
        typo = core[:i] + rng.choice(chars) + core[i + 1 :]
        if typo in all_names or typo == core:
            continue
        town = rng.choice(_town_spellings(towns[v["town_code"]]))
        add(
            "g_typo_char",
            f"{_prefix(rng)}{town}{typo}村{rng.choice(STREETS)}",
            "resolved",
            v["town_code"],
            v["code"],
        )
        v = rng.choice(unique)
        core = _core(v["name"]).removesuffix("村")
        i = rng.randrange(len(core))
        subs = sorted(pool[py(core[i])] - {core[i]})
        typo = core[:i] + rng.choice(subs) + core[i + 1 :] if subs else ""
        if typo and typo not in all_names:
            add(
                "g_typo_no_town",
                f"{_prefix(rng)}{typo}村{rng.choice(LANDMARKS)}",
                "resolved",
                v["town_code"],
                v["code"],
            )
    aliases: list[dict] = []
    used = set()
    py_name = lambda t: "".join(lazy_pinyin(t))  # noqa: E731
    village_pinyin = {py_name(_core(v["name"]).removesuffix("村")) for v in villages}
    for _ in range(per_category):
        v = rng.choice(villages)
        hamlet = rng.choice(SURNAMES) + rng.choice(PLACE_TAILS)
        if hamlet in used or hamlet in all_names or py_name(hamlet) in village_pinyin:
            continue
        if any(hamlet in a["alias"] or a["alias"] in hamlet for a in aliases):
            continue
        used.add(hamlet)
        village_pinyin.add(py_name(hamlet))
        if rng.random() < 0.5:
            aliases.append({"alias": hamlet, "code": v["code"]})
            style = rng.random()
            town = rng.choice(_town_spellings(towns[v["town_code"]])) if style < 0.7 else ""
            add(
                "g_hamlet_alias",
                f"{_prefix(rng)}{town}{hamlet}{rng.choice(STREETS)}",
                "resolved",
                v["town_code"],
                v["code"],
            )
        else:
            if rng.random() < 0.6:
                town = rng.choice(_town_spellings(towns[v["town_code"]]))
                add(
                    "g_hamlet_unknown",
                    f"{_prefix(rng)}{town}{hamlet}{rng.choice(STREETS)}",
                    "town_only",
                    v["town_code"],
                )
            else:
                add("g_hamlet_unknown", f"{_prefix(rng)}{hamlet}{rng.choice(STREETS)}", "unresolved")
    places = neighbour_places()
    for _ in range(per_category):
        city, county, town, village = rng.choice(places)
        short = county[:-1] if len(county) == 3 else county
        form = rng.randrange(5)
        addr = [
            f"山东省{city}{county}{town}{village}",
            f"{city}{county}{village}",
            f"{county}{town}{village}",
            f"{short}{town}{village}",
            f"山东省{city}{county}{village}",
        ][form]
        add("g_out_of_area", addr + rng.choice(STREETS), "out_of_area")
        prov, city2, county2 = rng.choice(FAR)
        v = rng.choice(villages)
        add(
            "g_out_of_area_far",
            f"{prov}{city2}{county2}{_core(v['name'])}村{rng.choice(STREETS)}",
            "out_of_area",
        )
    return rows, aliases


def typed_by_pinyin(seed: int = 11, per_category: int = 400) -> list[dict]:
    """Addresses as people type them on a pinyin keyboard: a homophone character in the town's name
    (`g_typo_town`: 悦庄镇 → 月庄镇) or in a place-type word (`g_typo_place_word`: 镇 → 真, 街道 → 接到,
    村委会 → 存委会), with the village spelled right. Only villages whose name is unique inside their town."""
    rng = random.Random(seed)
    villages, towns = load_divisions()
    pool, py = _homophones()
    in_town = defaultdict(int)
    for v in villages:
        in_town[(v["town_code"], _core(v["name"]).removesuffix("村"))] += 1
    usable = [v for v in villages if in_town[(v["town_code"], _core(v["name"]).removesuffix("村"))] == 1]
    all_text = "\n".join(list(towns.values()) + [v["name"] for v in villages])
    rows: list[dict] = []

    def common(ch: str) -> bool:
        """A level-1 GB2312 character: what a pinyin keyboard offers first (no variant forms like 荘)."""
        try:
            return 0xB0 <= ch.encode("gb2312")[0] <= 0xD7
        except UnicodeEncodeError:
            return False

    def homophone(word: str, i: int) -> str:
        subs = sorted(c for c in pool[py(word[i])] - {word[i]} if common(c))
        return word[:i] + rng.choice(subs) + word[i + 1 :] if subs else ""

    def add(cat, addr, v):
        rows.append({"id": f"t{len(rows) + 1:06d}", "address": addr, "expect_status": "resolved",
                     "expect_town": v["town_code"], "expect_village": v["code"], "category": cat})  # fmt: skip

    def village_text(v, typo_mark: bool) -> str:
        core = _core(v["name"])
        if v["unit_type"] == "residents_committee":
            mark = "居委会"
        else:
            core = core.removesuffix("村")
            mark = rng.choice(["村委会", "村", "村委会"])
        if typo_mark:
            mark = mark if mark != "村" else "村委会"
            return core + (homophone(mark, rng.randrange(len(mark))) or "")
        return core + mark

    while sum(r["category"] == "g_typo_town" for r in rows) < per_category:
        v = rng.choice(usable)
        town = towns[v["town_code"]]
        short = town.removesuffix("街道").removesuffix("镇")
        typo = homophone(short, rng.randrange(len(short)))
        if not typo or typo in all_text:
            continue
        suffix = town[len(short) :]
        add("g_typo_town", f"{_prefix(rng)}{typo}{suffix}{village_text(v, False)}{rng.choice(STREETS)}", v)
    while sum(r["category"] == "g_typo_place_word" for r in rows) < per_category:
        v = rng.choice(usable)
        town = towns[v["town_code"]]
        short = town.removesuffix("街道").removesuffix("镇")
        suffix = town[len(short) :]
        word = rng.choice(["suffix", "mark", "both"])
        typed_suffix = homophone(suffix, rng.randrange(len(suffix))) if word != "mark" else suffix
        village = village_text(v, word != "suffix")
        if not typed_suffix or village == _core(v["name"]):
            continue
        add("g_typo_place_word", f"{_prefix(rng)}{short}{typed_suffix}{village}{rng.choice(STREETS)}", v)
    return rows


def write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    rows, aliases = generate()
    write(ROOT / "bench/addresses_generated.csv", rows)
    write(ROOT / "bench/aliases_generated.csv", aliases)
    print(len(rows), "addresses,", len(aliases), "aliases")
