"""Masking personal data for display (GB/T 41833-2022 and conventions.md §4).

Data is stored whole; these functions only shape what is shown. Labels, SMS and exports must hide at
least 6 phone digits (`mask_phone_label`); screens show the tail by role (`mask_phone`).
"""

from __future__ import annotations

import re

COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "夏侯",
    "令狐",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "百里",
    "呼延",
    "轩辕",
    "左丘",
    "澹台",
    "公冶",
    "太史",
)


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def mask_phone_label(phone: str) -> str:
    """`130******66`-style: at least 6 digits hidden, never more than 2 shown at each end (labels, SMS)."""
    digits = _digits(phone)
    if not digits:
        return ""
    if len(digits) <= 6:
        return "*" * len(digits)
    shown = len(digits) - 6
    head = min(3, (shown + 1) // 2)
    tail = shown - head
    return digits[:head] + "*" * (len(digits) - head - tail) + (digits[-tail:] if tail else "")


def mask_phone(phone: str) -> str:
    """Screen form: only the last 4 digits (`*******1234`), which also hides ≥6 digits of an 11-digit phone."""
    digits = _digits(phone)
    if not digits:
        return ""
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def phone_tail(phone: str, n: int = 4) -> str:
    return _digits(phone)[-n:]


def mask_name(name: str) -> str:
    """Keep the surname (compound surnames whole), hide the rest: 张三 → 张*, 欧阳娜娜 → 欧阳**."""
    name = (name or "").strip()
    if not name:
        return ""
    if len(name) == 1:
        return "*"
    surname_len = 2 if name[:2] in COMPOUND_SURNAMES and len(name) > 2 else 1
    return name[:surname_len] + "*" * (len(name) - surname_len)


def mask_id_number(number: str) -> str:
    """ID numbers: first 3 and last 2 characters shown (`370***********12`)."""
    number = (number or "").strip()
    if len(number) <= 5:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 5) + number[-2:]


_ROOM = re.compile(r"\d+(?=\s*(?:室|房|单元|栋|幢|楼|层|号楼))")


def mask_address(address: str) -> str:
    """Hide unit, building and room numbers (GB/T 41833: the room number is hidden); the village and the
    house number stay, so a keeper can still find the door: `东庄村3号楼2单元502室` → `东庄村*号楼*单元***室`."""
    return _ROOM.sub(lambda m: "*" * len(m.group()), address or "")
