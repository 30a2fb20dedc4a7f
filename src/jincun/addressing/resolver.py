"""Address → village resolution: right when it says `resolved`, honest when it does not know.

`resolve(text)` normalizes the text, scans it with the gazetteer's automaton (longest non-overlapping
matches), and decides:
- `out_of_area` when another province, city or county (or a neighbour's town) is named before ours;
- `resolved` when exactly one village unit is named (inside the named town, if a town is named);
- `ambiguous` when the name fits village units in more than one town and nothing decides;
- `town_only` when the town is clear but no village unit of it is named;
- `unresolved` otherwise.
Fuzzy matching (pinyin homophones, then one edit with rapidfuzz) runs only when exact matching found no
village, and only accepts a single candidate.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from rapidfuzz.distance import Levenshtein

from jincun.addressing import typed
from jincun.addressing.choices import ResolutionStatus as S
from jincun.addressing.gazetteer import Gazetteer, Target, get_gazetteer, pinyin_key
from jincun.addressing.normalize import normalize

ADMIN_END = set("镇乡县区市省道办处")
# A bare stem (凉泉) followed by one of these is the start of another place name (凉泉峪), not the village.
PLACE_CHARS = set(
    "庄峪沟河山岭坡泉家屯店寨台头湾洼崖子岗埠营院官楼园堡桥口门坪石林源里东西南北上下前后大小新旧"
)
PLACE_CHARS |= set("一二三四五六七八九十关集场厂站所校镇乡区县市城寺庙湖塘池井洞窑铺坊亭岛涧路街道巷")
FRAGMENT_SUFFIX = re.compile(r"(?:村民委员会|居民委员会|社区居委会|村委会|居委会|社区|村)+$")
NAME_GOES_ON = re.compile(r"[\u4e00-\u9fff]{1,3}村")  # 黄崖 in 黄崖子村 is not the village 黄崖
TOWN_SUFFIX = re.compile(r"镇|街道|乡")
FRAGMENT_CUT = re.compile(r"[ \d]")
VILLAGE_MARK = re.compile(r"村民委员会|居民委员会|村委会|居委会|社区|村")


@dataclass
class Resolution:
    """The answer for one address. Codes: `town_code` 9 digits (NBS town code), `village_code` 12 digits;
    `candidates` are village codes (or 9-digit town codes) worth showing a person; `fragment` is the part
    of the address that names the place but was not matched — the review queue groups by it."""

    status: str
    town_code: str = ""
    village_code: str = ""
    confidence: float = 0.0
    candidates: list[str] = field(default_factory=list)
    fragment: str = ""
    reason: str = ""

    @property
    def town_area_code(self) -> str:
        return self.town_code.ljust(12, "0") if self.town_code else ""

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "town_code": self.town_code,
            "village_code": self.village_code,
            "confidence": round(self.confidence, 2),
            "candidates": self.candidates,
            "fragment": self.fragment,
            "reason": self.reason,
        }


@dataclass
class Match:
    start: int
    end: int  # exclusive
    key: str
    targets: tuple[Target, ...]

    def kinds(self) -> set[str]:
        return {t.kind for t in self.targets}


def scan(gaz: Gazetteer, text: str) -> list[Match]:
    """The dictionary hits that cover the most text without overlapping, in text order.

    Weighted interval scheduling (weight: characters covered, then fewer pieces) rather than greedy
    longest-first, so 东里西长旺 reads as 东里 + 西长旺, not as the village 东里西 + an unknown rest.
    """
    hits = []
    for end, (key, targets) in gaz.automaton.iter(text):
        stem_ok = _stem_may_end(text, end + 1)
        kept = tuple(t for t in targets if t.full or t.kind != "village" or stem_ok)
        if kept:
            hits.append(Match(end - len(key) + 1, end + 1, key, kept))
    if not hits:
        return []
    hits.sort(key=lambda m: (m.end, m.start))
    ends = [m.end for m in hits]
    best: list[tuple[int, list[Match]]] = [(0, [])]
    for i, m in enumerate(hits):
        j = bisect_right(ends, m.start, 0, i)
        weight = best[j][0] + (m.end - m.start) * 10 - 1
        if weight > best[i][0]:
            best.append((weight, [*best[j][1], m]))
        else:
            best.append(best[i])
    return best[-1][1]


def _left_ok(text: str, m: Match, admin_ends: set[int]) -> bool:
    return m.start == 0 or text[m.start - 1] in ADMIN_END or text[m.start - 1] == " " or m.start in admin_ends


def _stem_may_end(text: str, end: int) -> bool:
    """A bare stem (凉泉) ends a name here unless more of a place name follows (凉泉峪, 凉泉路, 黄崖子村)."""
    after = text[end] if end < len(text) else " "
    return after not in PLACE_CHARS and not NAME_GOES_ON.match(text, end)


def _village_targets(text: str, m: Match, admin_ends: set[int]) -> list[Target]:
    """The village targets of a hit that stand as a place name here (left word boundary respected; the
    right boundary of stems was checked by `scan`)."""
    if not _left_ok(text, m, admin_ends):
        return []
    return [t for t in m.targets if t.kind == "village"]


def resolve(text: str, county_code: str | None = None, gazetteer: Gazetteer | None = None) -> Resolution:
    """Resolve one address (see the module docstring). Never raises on bad text."""
    if not isinstance(text, str) or not text.strip():
        return Resolution(S.UNRESOLVED, reason="空地址")
    gaz = gazetteer or get_gazetteer(county_code)
    s = normalize(text)
    if not s:
        return Resolution(S.UNRESOLVED, reason="地址中没有地名")
    answer = _resolve_normalized(gaz, s)
    if answer.status in (S.RESOLVED, S.OUT_OF_AREA):
        return answer
    repaired = typed.repair(gaz, s)
    if repaired != s:
        second = _resolve_normalized(gaz, repaired)
        # Ambiguous as written: the repaired town may only pick one of the namesakes, never another village.
        fits = answer.status != S.AMBIGUOUS or second.village_code in answer.candidates
        if second.status == S.RESOLVED and fits:
            second.reason = second.reason or "同音字纠正"
            second.confidence = min(second.confidence, 0.85)
            return second
    return answer


def _resolve_normalized(gaz: Gazetteer, s: str) -> Resolution:
    matches = scan(gaz, s)
    local_seen = False
    admin_ends: set[int] = set()
    town_hits: list[tuple[Match, str]] = []
    village_hits: list[tuple[Match, list[Target]]] = []
    for m in matches:
        kinds = m.kinds()
        if "foreign" in kinds and not local_seen and not town_hits and not village_hits:
            return Resolution(S.OUT_OF_AREA, confidence=0.95, fragment=m.key, reason=f"地址属于{m.key}")
        if "local" in kinds:
            local_seen = local_seen or m.targets[0].code == gaz.county_code[:6]
            admin_ends.add(m.end)
            continue
        towns = [t for t in m.targets if t.kind == "town"]
        repeated = towns and any(towns[0].code == code for _, code in town_hits) and "village" in kinds
        if towns and not repeated and _left_ok(s, m, admin_ends):
            town_hits.append((m, towns[0].code))
            admin_ends.add(m.end)
            continue
        villages = _village_targets(s, m, admin_ends)
        if villages:
            village_hits.append((m, villages))
            admin_ends.add(m.end)
    if not town_hits:
        town_hits = _misspelled_towns(gaz, s, matches)
    return _decide(gaz, s, town_hits, village_hits)


def _misspelled_towns(gaz: Gazetteer, s: str, matches: list[Match]) -> list[tuple[Match, str]]:
    """A town written with homophones (月庄镇 for 悦庄镇): `X镇` / `X街道` whose X sounds like a town."""
    taken = {i for m in matches for i in range(m.start, m.end)}
    found = []
    for word in TOWN_SUFFIX.finditer(s):
        for size in (2, 3):
            start = word.start() - size
            if start < 0 or any(i in taken for i in range(start, word.start())):
                continue
            code = gaz.town_pinyin.get(pinyin_key(s[start : word.start()]))
            if code:
                found.append((Match(start, word.end(), s[start : word.end()], (Target("town", code),)), code))
                break
    return found[:1]


def _decide(gaz: Gazetteer, s: str, town_hits, village_hits) -> Resolution:
    town = town_hits[0][1] if town_hits else ""
    named_towns = {code for _, code in town_hits}
    for m, targets in village_hits:
        codes = sorted({t.code for t in targets})
        learned = sorted({t.code for t in targets if t.via_alias})
        if learned and not named_towns:
            codes = learned  # an operator's alias decides between official namesakes
        if named_towns:
            inside = [c for c in codes if gaz.town_of(c) in named_towns]
            if not inside:
                continue
            codes = inside
        if len(codes) == 1:
            code = codes[0]
            exact = all(t.full for t in targets)
            conf = (0.98 if named_towns else 0.93) - (0.0 if exact else 0.03)
            return Resolution(S.RESOLVED, gaz.town_of(code)[:9], code, conf, fragment=m.key)
        name = FRAGMENT_SUFFIX.sub("", m.key)
        name = name if len(name) >= 2 else m.key
        return Resolution(
            S.AMBIGUOUS, confidence=0.5, candidates=codes, fragment=name, reason=f"{m.key}在多个镇"
        )
    fragments = _fragments(s, town_hits, (gaz.county_name, gaz.county_short))
    for piece in fragments:
        fuzzy = _fuzzy(gaz, piece, named_towns)
        if fuzzy:
            return fuzzy
    fragment = fragments[0] if fragments else ""
    others = sorted({c for _, targets in village_hits for c in (t.code for t in targets)})
    if town:
        reason = "未写村名" if not fragment else f"{fragment}不是该镇的村"
        return Resolution(
            S.TOWN_ONLY, town[:9], confidence=0.9, candidates=others, fragment=fragment, reason=reason
        )
    return Resolution(
        S.UNRESOLVED,
        candidates=others,
        fragment=fragment,
        reason="未找到已知村名" if fragment else "未找到地名",
    )


def _fragments(s: str, town_hits, county_names: tuple[str, ...] = ()) -> list[str]:
    """Where a village name would stand: the text after a recognized town (last one first) or after the
    county (its full or short name, as the gazetteer read them from the divisions), up to a space or digit,
    cut before each village suffix (村, 村委会, 社区 …): 扒仙官庄村供销社旁 → 扒仙官庄, 扒仙官庄村供销社旁. The first
    is what the review queue groups by."""
    starts = sorted({m.end for m, _ in town_hits}, reverse=True)
    if not starts:
        starts = [max(s.rfind(w) + 1 for w in ("县", "市", "省"))]
        for name in sorted(filter(None, set(county_names)), key=len, reverse=True):
            at = s.find(name)
            if at >= 0:
                starts = [max(starts[0], at + len(name))]
                break
    out: list[str] = []
    for start in starts:
        segment = FRAGMENT_CUT.split(s[start:].lstrip(), maxsplit=1)[0][:16]
        cuts = [m.start() for m in VILLAGE_MARK.finditer(segment) if m.start() > 0]
        for piece in [segment[:c] for c in cuts] + [segment]:
            piece = FRAGMENT_SUFFIX.sub("", piece)
            if piece and piece not in out:
                out.append(piece)
    return out


def _fuzzy(gaz: Gazetteer, fragment: str, named_towns: set[str]) -> Resolution | None:
    """A homophone (same toneless pinyin) of exactly one village in scope; or, inside a named town, one
    wrong character in a name of four or more — never the first character and never a place-type
    character (庄, 峪, 东 …): 张家官庄 and 唐家官庄, 王家峪 and 王家庄 are different places, not typos."""
    if not fragment or (len(fragment) < 2 and not named_towns):
        return None

    def in_scope(codes) -> set[str]:
        return {c for c in codes if not named_towns or gaz.town_of(c) in named_towns}

    for form in (fragment, fragment + "村"):
        codes = in_scope(gaz.pinyin.get(pinyin_key(form), ()))
        if len(codes) == 1:
            code = codes.pop()
            return Resolution(S.RESOLVED, gaz.town_of(code)[:9], code, 0.85, fragment=fragment, reason="同音")
        if len(codes) > 1:
            return Resolution(
                S.AMBIGUOUS, confidence=0.4, candidates=sorted(codes), fragment=fragment, reason="同音多村"
            )
    if len(fragment) < 4 or not named_towns:
        return None
    close: set[str] = set()
    for form, codes in gaz.village_cores.items():
        if len(form) == len(fragment) and Levenshtein.distance(form, fragment, score_cutoff=1) == 1:
            i = next(k for k, (a, b) in enumerate(zip(form, fragment, strict=True)) if a != b)
            if i > 0 and form[i] not in PLACE_CHARS and fragment[i] not in PLACE_CHARS:
                close |= in_scope(codes)
    if len(close) == 1:
        code = close.pop()
        return Resolution(S.RESOLVED, gaz.town_of(code)[:9], code, 0.75, fragment=fragment, reason="近似")
    return None
