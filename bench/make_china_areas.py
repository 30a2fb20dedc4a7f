"""Derive the bundled province/city/county name list (and the towns of Yiyuan's neighbours) from jionlp.

Dev-only tool (jionlp is a bench dependency, Apache-2.0). Writes `src/jincun/addressing/data/china_areas.csv`
with columns `code,name,short,level,parent_code` where level is province/city/county/town. Towns are kept
only for the counties in NEIGHBOURS (their names mark an address as out of area); towns carry no code in the
source and get their county's code. Run: .venv/bin/python bench/make_china_areas.py
"""

import csv
from pathlib import Path

import jionlp

SOURCE = Path(jionlp.__file__).parent / "dictionary" / "china_location.txt"
TARGET = Path(__file__).resolve().parents[1] / "src/jincun/addressing/data/china_areas.csv"
NEIGHBOURS = {
    "371323",
    "371328",
    "370302",
    "370304",
    "370724",
    "370982",
    "371321",
    "370116",
    "371325",
    "370303",
    "370305",
    "370306",
    "370117",
    "371322",
    "370983",
    "370725",
    "370781",
}
LEVELS = ["province", "city", "county", "town"]
HISTORIC = [("371200", "莱芜市", "莱芜", "city", "370000")]


def main() -> None:
    rows, parents = [], ["", "", "", ""]
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth > 3 or not parts[0]:
            continue
        if depth <= 2:
            name, code, short = (parts + ["", ""])[:3]
            parents[depth] = code
            if depth == 1 and code == parents[0]:
                continue  # municipalities repeat themselves as their own city
            rows.append((code, name, short, LEVELS[depth], parents[depth - 1] if depth else ""))
        elif parents[2] in NEIGHBOURS:
            rows.append((parents[2], parts[0], "", "town", parents[2]))
    rows += HISTORIC
    with open(TARGET, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["code", "name", "short", "level", "parent_code"])
        w.writerows(rows)
    print(f"{len(rows)} rows → {TARGET}")


if __name__ == "__main__":
    main()
