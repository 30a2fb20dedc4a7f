"""The shape both small journey counties share: one town node under a hub and three villages, one per way a
village is served — a station (快快合作), the town service center (村委代办) and China Post (邮快合作) — with
each given brand's agreements for all three."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jincun.network.choices import Mode
from jincun.network.models import AdminArea, Agreement, Station, TownNode
from jincun.network.tests import factories as nf


@dataclass
class ThreeVillages:
    node: TownNode
    station: Station
    station_village: AdminArea
    proxy_village: AdminArea
    postal_village: AdminArea


def three_villages(town, hub, brands, names=("东庄村", "西岭村", "南峪村"), *, valid_from=dt.date(2020, 1, 1),
                   **station) -> ThreeVillages:  # fmt: skip
    """`names`: the station, proxy and postal villages; `station`: fields of the village station."""
    node = nf.TownNodeFactory(town=town, hub=hub)
    joint, proxy, postal = (nf.VillageFactory(parent=town, name=n) for n in names)
    st = nf.StationFactory(village=joint, town_node=node, **station)
    for brand in brands:
        Agreement.objects.create(
            brand=brand, mode=Mode.JOINT, village=joint, station=st, valid_from=valid_from
        )
        Agreement.objects.create(
            brand=brand, mode=Mode.PROXY, village=proxy, town_node=node, valid_from=valid_from
        )
        Agreement.objects.create(brand=brand, mode=Mode.POSTAL, village=postal, valid_from=valid_from)
    return ThreeVillages(node, st, joint, proxy, postal)
