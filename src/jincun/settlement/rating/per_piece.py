"""Per piece: every earning event is worth `unit_fen`."""


def validate(params: dict) -> list[str]:
    unit = params.get("unit_fen")
    return [] if isinstance(unit, int) and unit >= 0 else ["unit_fen 须为非负整数（分）"]


def amount_sql(tariff) -> tuple[str, list]:
    return "%s", [int(tariff.params["unit_fen"])]


def price(tariff, **_facts) -> int:
    return int(tariff.params["unit_fen"])
