"""Graduated volume tiers in the month: the n-th earning piece of a party in the month (under this tariff
version, in event time order) is priced at the tier n falls in. `tiers` = [[upto_pieces, fen], …, [null, fen]].
Pieces rated in a later run continue the count (late events count after the ones already on the ledger)."""

RANKED = True


def validate(params: dict) -> list[str]:
    tiers = params.get("tiers") or []
    if not tiers or tiers[-1][0] is not None:
        return ["tiers 须以 [null, 分] 结尾（最后一档不封顶）"]
    uppers = [t[0] for t in tiers[:-1]]
    if uppers != sorted(set(uppers)) or any(not isinstance(u, int) or u <= 0 for u in uppers):
        return ["阶梯上限须为递增的正整数"]
    if any(not isinstance(t[1], int) or t[1] < 0 for t in tiers):
        return ["阶梯单价须为非负整数（分）"]
    return []


def amount_sql(tariff, rank: str = "rank_in_month") -> tuple[str, list]:
    whens, params = [], []
    for upto, fen in tariff.params["tiers"][:-1]:
        whens.append(f"WHEN {rank} <= %s THEN %s")
        params += [upto, fen]
    params.append(tariff.params["tiers"][-1][1])
    return f"(CASE {' '.join(whens)} ELSE %s END)", params


def price(tariff, *, rank: int, **_facts) -> int:
    for upto, fen in tariff.params["tiers"]:
        if upto is None or rank <= upto:
            return fen
    raise ValueError("tiers without an open last tier")
