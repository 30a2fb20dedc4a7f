"""Address resolution benchmark: accuracy per category, throughput and gazetteer load time, with
jionlp.parse_location as the same-run baseline (its province/county/town/village mapped to our codes).

Sets: `bench/addresses_dev.csv` (the public dev set, copied from the project's shared bench data), the
generated sets of `bench/address_sets.py` (own templates; hamlet aliases imported first, as an operator would),
and `typed_by_pinyin()`: pinyin-keyboard homophones in town names and place-type words (镇, 街道, 村委会).
Runs on a throw-away SQLite database built like `jincun init`. Run: .venv/bin/python bench/bench_addresses.py
"""

from __future__ import annotations

import csv
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
JIONLP_PER_CATEGORY = 150


def setup_django() -> None:
    os.environ["JINCUN_DATA_DIR"] = tempfile.mkdtemp(prefix="jincun-bench-addr-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from jincun.network.services.divisions import load_bundled

    load_bundled("yiyuan")


def read(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def score(rows: list[dict], answers: dict[str, tuple[str, str, str]]) -> dict[str, dict]:
    """Per category: n, right (status and codes as expected), wrong_village (resolved to another village)."""
    out: dict[str, dict] = defaultdict(lambda: {"n": 0, "right": 0, "wrong_village": 0})
    for r in rows:
        status, town, village = answers[r["id"]]
        c = out[r["category"]]
        c["n"] += 1
        exp = r["expect_status"]
        if status == "resolved" and village != r["expect_village"]:
            c["wrong_village"] += 1
        if status == exp and (
            (exp == "resolved" and village == r["expect_village"])
            or (exp == "town_only" and town == r["expect_town"])
            or exp in ("ambiguous", "out_of_area", "unresolved")
        ):
            c["right"] += 1
    return out


def jionlp_answers(rows: list[dict]) -> tuple[dict, float]:
    import jionlp

    from jincun.addressing.gazetteer import town_forms, village_forms
    from jincun.network.models import AdminArea

    towns, villages = {}, defaultdict(list)
    for a in AdminArea.objects.in_county("370323"):
        if a.level == "town":
            for f in town_forms(a.name)[0]:
                towns[f] = a.code[:9]
        elif a.level == "village":
            for f in village_forms(a.name, a.unit_type)[0]:
                villages[(a.code[:9], f)].append(a.code)
    answers = {}
    start = time.perf_counter()
    for r in rows:
        p = jionlp.parse_location(r["address"], town_village=True)
        if (p.get("county") and p["county"] != "沂源县") or (p.get("city") and p["city"] != "淄博市"):
            answers[r["id"]] = ("out_of_area", "", "")
            continue
        town = towns.get(p.get("town") or "", "")
        codes = villages.get((town, p.get("village") or ""), [])
        if town and len(codes) == 1:
            answers[r["id"]] = ("resolved", town, codes[0])
        elif town:
            answers[r["id"]] = ("town_only", town, "")
        else:
            answers[r["id"]] = ("unresolved", "", "")
    return answers, len(rows) / (time.perf_counter() - start)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "   - "


def report(title: str, ours: dict, theirs: dict) -> None:
    print(f"\n{title}")
    print(
        f"{'category':20} {'n':>5}  {'ours right':>10} {'ours WRONG':>10}   {'jionlp n':>8} {'right':>7} {'WRONG':>7}"
    )
    for cat in sorted(ours):
        o, t = ours[cat], theirs.get(cat, {"n": 0, "right": 0, "wrong_village": 0})
        print(
            f"{cat:20} {o['n']:5}  {pct(o['right'], o['n']):>10} {pct(o['wrong_village'], o['n']):>10}"
            f"   {t['n']:8} {pct(t['right'], t['n']):>7} {pct(t['wrong_village'], t['n']):>7}"
        )


def goals(rows: list[dict], answers: dict) -> str:
    by = defaultdict(list)
    for r in rows:
        by[r["expect_status"]].append(r)
    res = by["resolved"]
    right = sum(answers[r["id"]][2] == r["expect_village"] and answers[r["id"]][0] == "resolved" for r in res)
    wrong = sum(
        answers[r["id"]][0] == "resolved" and answers[r["id"]][2] != r["expect_village"] for r in rows
    )
    amb = sum(answers[r["id"]][0] == "ambiguous" for r in by["ambiguous"])
    away = sum(answers[r["id"]][0] == "out_of_area" for r in by["out_of_area"])
    return (
        f"resolvable→right village {pct(right, len(res))} (goal ≥98%) · wrong village {pct(wrong, len(rows))} "
        f"(≤0.3%) · ambiguous flagged {pct(amb, len(by['ambiguous']))} (≥95%) · out-of-area "
        f"{pct(away, len(by['out_of_area']))} (≥98%)"
    )


def main() -> None:
    setup_django()
    from address_sets import generate, typed_by_pinyin

    from jincun.addressing.gazetteer import clear_cache, get_gazetteer
    from jincun.addressing.resolver import resolve
    from jincun.addressing.services import add_alias, area_for_code

    loads = []
    for _ in range(5):
        clear_cache()
        t = time.perf_counter()
        get_gazetteer()
        loads.append(time.perf_counter() - t)
    print(
        f"gazetteer load (cold build, median of 5): {statistics.median(loads) * 1000:.0f} ms (goal < 2000 ms)"
    )

    dev = read(HERE / "addresses_dev.csv")
    generated, aliases = generate()
    for a in aliases:
        add_alias(a["alias"], area_for_code(a["code"]), "imported")
    gaz = get_gazetteer()
    for name, rows in (
        ("dev set (400, public)", dev),
        (f"generated set ({len(generated)}, own templates)", generated),
        ("typed by pinyin keyboard (800: homophones in town names and 镇/街道/村委会)", typed_by_pinyin()),
    ):
        answers, times = {}, []
        for _ in range(3):
            t = time.perf_counter()
            for r in rows:
                res = resolve(r["address"], gazetteer=gaz)
                answers[r["id"]] = (res.status, res.town_code, res.village_code)
            times.append(time.perf_counter() - t)
        rate = len(rows) / statistics.median(times)
        sample, seen = [], defaultdict(int)
        for r in rows:
            if seen[r["category"]] < JIONLP_PER_CATEGORY:
                seen[r["category"]] += 1
                sample.append(r)
        theirs, their_rate = jionlp_answers(sample)
        report(
            f"== {name}: ours {rate:,.0f} addresses/s, jionlp {their_rate:,.0f} addresses/s (one core)",
            score(rows, answers),
            score(sample, theirs),
        )
        print("ours:   " + goals(rows, answers))
        print("jionlp: " + goals(sample, theirs) + f"  (on {len(sample)} of them)")


if __name__ == "__main__":
    main()
