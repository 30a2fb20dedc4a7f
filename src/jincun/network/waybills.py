"""Brand detection from a waybill number: a ranked guess, never a verdict (conventions.md §0.1, §1.1).

Prefix and length rules overlap (Yunda, STO and China Post 13/15-digit numbers collide), so callers get
candidates ordered by how specific the matching rule is, and prefer context (whose bag is being unloaded).
"""

from __future__ import annotations

import re

from jincun.network.models import Brand

# Defaults loaded by `jincun init`; brands are data afterwards (admin page). Sources: conventions.md §1.
DEFAULT_BRANDS = [
    # code, name, English name, patterns, kuaidi100, kdniao, cainiao, is_postal
    ("ZTO", "中通快递", "ZTO Express", [r"^7\d{13}$"], "zhongtong", "ZTO", "ZTO", False),
    ("YTO", "圆通速递", "YTO Express", [r"^YT\d{13}$"], "yuantong", "YTO", "YTO", False),
    ("STO", "申通快递", "STO Express", [r"^77\d{13}$"], "shentong", "STO", "STO", False),
    (
        "YUNDA",
        "韵达快递",
        "Yunda Express",
        [r"^[34]\d{14}$", r"^[345]\d{12}$"],
        "yunda",
        "YD",
        "YUNDA",
        False,
    ),
    ("JT", "极兔速递", "J&T Express", [r"^JT\d{13}$"], "jtexpress", "JTSD", "JT", False),
    ("POST", "中国邮政", "China Post", [r"^[19]\d{12}$"], "youzhengguonei", "YZPY", "POSTB", True),
    ("EMS", "EMS", "EMS", [r"^[19]\d{12}$", r"^[A-Z]{2}\d{9}[A-Z]{2}$"], "ems", "EMS", "EMS", True),
    ("SF", "顺丰速运", "SF Express", [r"^SF\d{13}$"], "shunfeng", "SF", "SF", False),
    ("JD", "京东物流", "JD Logistics", [r"^JD[A-Z0-9]{2}\d{11}$"], "jd", "JD", "JD", False),
    ("DBL", "德邦快递", "Deppon", [r"^DPK\d{12}$"], "debangkuaidi", "DBL", "DBKD", False),
]


def normalize_waybill(number: str) -> str:
    return re.sub(r"[\s\-]", "", (number or "").strip()).upper()


def _specificity(pattern: str) -> int:
    """Literal prefix characters count most: `^77\\d{13}$` beats `^[34]\\d{14}$` for 77…"""
    body = pattern.lstrip("^")
    literal = len(re.match(r"[A-Z0-9]*", body).group(0))
    return literal * 10 - body.count("[")


class BrandMatcher:
    """The active brands' patterns compiled once; load one per batch rather than per waybill."""

    def __init__(self, brands):
        self.rules: list[tuple[str, re.Pattern, int]] = []
        for brand in brands:
            for pattern in brand.waybill_patterns or []:
                try:
                    self.rules.append((brand.code, re.compile(pattern), _specificity(pattern)))
                except re.error:
                    continue  # a bad pattern entered on the admin page must not stop detection

    @classmethod
    def load(cls) -> BrandMatcher:
        return cls(Brand.objects.filter(active=True).only("code", "waybill_patterns"))

    def detect(self, number: str) -> list[str]:
        """Brand codes whose patterns match `number`, most specific rule first (empty when none match)."""
        number = normalize_waybill(number)
        scores: dict[str, int] = {}
        for code, rx, score in self.rules:
            if rx.match(number):
                scores[code] = max(scores.get(code, -(10**6)), score)
        return sorted(scores, key=lambda c: (-scores[c], c))


def detect_brands(number: str) -> list[str]:
    return BrandMatcher.load().detect(number)
