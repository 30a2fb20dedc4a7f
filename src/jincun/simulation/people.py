"""Made-up waybills and senders for the simulator (deterministic from its random generator)."""

from __future__ import annotations

import datetime as dt

from jincun.core.resident_id import check_character
from jincun.parcels.choices import IdType

# A waybill shape per default brand that its pattern (network/waybills.py) accepts: prefix + digit count.
SHAPES = {
    "ZTO": ("78", 12), "YTO": ("YT", 13), "STO": ("77", 13), "YUNDA": ("3", 14), "JT": ("JT", 13),
    "POST": ("9", 12), "EMS": ("1", 12), "SF": ("SF", 13), "JD": ("JDVA", 11), "DBL": ("DPK", 12),
}  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡"
GIVEN = ["秀英", "建国", "桂兰", "志强", "丽", "军", "海燕", "明", "春梅", "德胜"]
CONTENTS = {"apple": "苹果", "cherry": "樱桃", "": "土特产"}


def waybill_for(brand_code: str, day: dt.date, serial: int, seed: int) -> str:
    """Unique per (day, serial, seed); brands without a known shape get `CODE` + 10 digits."""
    prefix, digits = SHAPES.get(brand_code, (brand_code, 10))
    body = f"{day.toordinal() % 100000:05d}{seed % 100:02d}{serial:07d}"
    return prefix + body[-digits:].rjust(digits, "0")


def sender_data(rng, station, project: str, brand_code: str) -> dict:
    name = rng.choice(SURNAMES) + rng.choice(GIVEN)
    birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
    first17 = f"{station.village_id[:6]}{birth:%Y%m%d}{rng.randrange(1000):03d}"
    id_number = first17 + check_character(first17)  # a valid 居民身份证 number (GB 11643)
    weight = rng.randint(2500, 10000) if project else rng.randint(300, 3000)
    return {
        "sender_name": name,
        "sender_phone": f"15{rng.randrange(10**9):09d}",
        "id_type": IdType.RESIDENT,
        "id_number": id_number,
        "id_name": name,
        "contents": CONTENTS[project],
        "prohibited": False,
        "weight_g": str(weight),
        "brand": brand_code,
        "product": project,  # the simulator's; the engine turns it into the project link
        "recipient_name": rng.choice(SURNAMES) + rng.choice(GIVEN),
        "recipient_phone": f"18{rng.randrange(10**9):09d}",
        "recipient_address": rng.choice(["北京市朝阳区", "上海市浦东新区", "广州市天河区", "杭州市西湖区"]),
    }
