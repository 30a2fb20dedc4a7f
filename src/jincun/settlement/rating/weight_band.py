"""Weight bands: the first band whose upper bound (grams, inclusive) the parcel does not exceed; above the last
band, each started kilogram adds `extra_per_kg_fen`."""


def validate(params: dict) -> list[str]:
    bands = params.get("bands") or []
    if not bands or any(len(b) != 2 or not all(isinstance(x, int) and x >= 0 for x in b) for b in bands):
        return ["bands 须为 [[上限克数, 分], …]"]
    uppers = [b[0] for b in bands]
    if uppers != sorted(set(uppers)):
        return ["重量段上限须递增"]
    extra = params.get("extra_per_kg_fen", 0)
    return [] if isinstance(extra, int) and extra >= 0 else ["extra_per_kg_fen 须为非负整数"]


def amount_sql(tariff) -> tuple[str, list]:
    bands = tariff.params["bands"]
    extra = int(tariff.params.get("extra_per_kg_fen", 0))
    weight = "COALESCE(p.weight_g, 0)"
    whens, params = [], []
    for upto, fen in bands:
        whens.append(f"WHEN {weight} <= %s THEN %s")
        params += [upto, fen]
    last_upto, last_fen = bands[-1]
    # integer ceiling of the started kilograms above the last band
    tail = f"%s + (({weight} - %s + 999) / 1000) * %s"
    params += [last_fen, last_upto, extra]
    return f"(CASE {' '.join(whens)} ELSE {tail} END)", params


def price(tariff, *, weight_g: int | None = None, **_facts) -> int:
    weight = weight_g or 0
    bands = tariff.params["bands"]
    for upto, fen in bands:
        if weight <= upto:
            return fen
    last_upto, last_fen = bands[-1]
    started_kg = -(-(weight - last_upto) // 1000)
    return last_fen + started_kg * int(tariff.params.get("extra_per_kg_fen", 0))
