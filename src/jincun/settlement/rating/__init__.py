"""One rating function per price model, chosen by the tariff (the shape of Lago's `charge_models/`).

Each model module offers `amount_sql(tariff)`: the SQL expression (and its parameters) that prices one event
row inside the set-based INSERT … SELECT of `settlement.services.rating`, and `price(tariff, **facts)`: the
same rule in Python, for one piece (what tests, the recount and the tariff page's examples use).

Rounding (all amounts are integer fen):
- per_piece and graduated: the unit price is already whole fen; no rounding.
- weight_band: a weight is in the first band whose `upto_g` it does not exceed (inclusive upper bound); above
  the last band each *started* kilogram adds `extra_per_kg_fen` (ceiling). A parcel with no weight is 0 g.
- share: `share_bp` basis points of the brand's line for the same event, rounded half up to the fen.
- minimum: the month's top-up is exactly `minimum_fen − sum`, when the sum is below it.
"""

from __future__ import annotations

from types import ModuleType

from jincun.settlement.choices import PriceModel
from jincun.settlement.rating import graduated, per_piece, share, weight_band

MODELS: dict[str, ModuleType] = {
    PriceModel.PER_PIECE: per_piece,
    PriceModel.WEIGHT_BAND: weight_band,
    PriceModel.GRADUATED: graduated,
    PriceModel.SHARE: share,
}


def model_of(tariff) -> ModuleType:
    return MODELS[tariff.price_model]


def validate_params(price_model: str, params: dict) -> list[str]:
    """Reasons the parameters cannot price anything (empty when they can)."""
    module = MODELS.get(price_model)
    if module is None:
        return [f"未知计价方式 {price_model}"]
    return module.validate(params)
