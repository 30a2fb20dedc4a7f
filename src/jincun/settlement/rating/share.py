"""Share: a station's commission as `share_bp` basis points (1/10000) of the brand's line for the same event,
rounded half up to the fen. An event the brand was not charged for earns no share."""

NEEDS_BRAND_LINE = True


def validate(params: dict) -> list[str]:
    bp = params.get("share_bp")
    return [] if isinstance(bp, int) and 0 <= bp <= 10000 else ["share_bp 须为 0–10000 的整数（万分比）"]


def amount_sql(tariff) -> tuple[str, list]:
    # amounts are non-negative, so integer division of (x·bp + 5000) by 10000 rounds half up
    return "((bl.amount_fen * %s + 5000) / 10000)", [int(tariff.params["share_bp"])]


def price(tariff, *, brand_fen: int, **_facts) -> int:
    return (brand_fen * int(tariff.params["share_bp"]) + 5000) // 10000
