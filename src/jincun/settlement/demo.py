"""Demo tariffs for the demo's agreements: what `jincun demo` installs so `jincun settle` has prices.

Every figure is invented for the demo (fen per piece); the shapes are the real ones: a graduated joint
delivery fee per brand, weight bands on the postal leg, a floor for 快商合作, the station's commission per
piece (a share at e-commerce stations), China Post's 代投 fee and the village committee's allowance.
"""

from __future__ import annotations

import datetime as dt

from jincun.network.choices import Mode
from jincun.network.models import Brand
from jincun.parcels.choices import State
from jincun.settlement.choices import PartyKind, PriceModel
from jincun.settlement.models import Tariff
from jincun.settlement.services.tariffs import add_tariff_version

FROM = dt.date(2020, 1, 1)


def demo_tariffs(post: Brand | None) -> list[dict]:
    b, s = PartyKind.BRAND, PartyKind.STATION
    rows = [
        dict(code="B-JOINT", name="快快合作派送费", party_kind=b, mode=Mode.JOINT, event_types=[State.SIGNED],
             price_model=PriceModel.GRADUATED, params={"tiers": [[2000, 60], [10000, 55], [None, 50]]}),
        dict(code="B-ECOM", name="快商合作派送费", party_kind=b, mode=Mode.ECOMMERCE, event_types=[State.SIGNED],
             price_model=PriceModel.PER_PIECE, params={"unit_fen": 65}, minimum_fen=20000),
        dict(code="B-POSTAL", name="邮快合作派送费", party_kind=b, mode=Mode.POSTAL, event_types=[State.SIGNED],
             price_model=PriceModel.WEIGHT_BAND, params={"bands": [[1000, 80], [3000, 120]], "extra_per_kg_fen": 40}),
        dict(code="B-PROXY", name="村委代办派送费", party_kind=b, mode=Mode.PROXY, event_types=[State.SIGNED],
             price_model=PriceModel.PER_PIECE, params={"unit_fen": 70}),
        dict(code="B-OUT", name="上行揽收交件费", party_kind=b, event_types=[State.HANDED_TO_BRAND],
             price_model=PriceModel.PER_PIECE, params={"unit_fen": 30}),
        dict(code="S-JOINT", name="站点派件佣金", party_kind=s, mode=Mode.JOINT, event_types=[State.SIGNED],
             price_model=PriceModel.PER_PIECE, params={"unit_fen": 40}),
        dict(code="S-ECOM", name="电商站派件分成", party_kind=s, mode=Mode.ECOMMERCE, event_types=[State.SIGNED],
             price_model=PriceModel.SHARE, params={"share_bp": 4000}),
        dict(code="S-OUT", name="站点揽收佣金", party_kind=s, event_types=[State.COLLECTED],
             price_model=PriceModel.PER_PIECE, params={"unit_fen": 100}),
        dict(code="V-PROXY", name="村委代办补贴", party_kind=PartyKind.PROXY, mode=Mode.PROXY,
             event_types=[State.WITH_PROXY], price_model=PriceModel.PER_PIECE, params={"unit_fen": 20}),
    ]  # fmt: skip
    if post is not None:
        rows.append(
            dict(code="P-POSTAL", name="邮政代投费", party_kind=PartyKind.POSTAL, mode=Mode.POSTAL, payee_brand=post,
                 event_types=[State.SIGNED], price_model=PriceModel.PER_PIECE, params={"unit_fen": 60})
        )  # fmt: skip
    return rows


def install_demo_tariffs(effective_from: dt.date = FROM) -> int:
    """Add the demo tariffs (once: does nothing when tariffs exist). Returns how many were added."""
    if Tariff.objects.exists():
        return 0
    post = (
        Brand.objects.filter(is_postal=True, code="POST").first()
        or Brand.objects.filter(is_postal=True).first()
    )
    rows = demo_tariffs(post)
    for row in rows:
        add_tariff_version(effective_from=effective_from, **row)
    return len(rows)
