"""The station checklist as data (`data/checklist.json`): the common items plus those of the station's kind.

A county edits the JSON (copied into its repository with the sources named) to change the checklist; an
inspection stores each item's text as it read that day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "checklist.json"


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    signal: str = ""


@cache
def _table() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def checklist_for(kind: str) -> list[Item]:
    table = _table()
    return [Item(**row) for row in table["common"] + table.get(kind, [])]
