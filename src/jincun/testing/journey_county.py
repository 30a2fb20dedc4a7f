"""A small hand-built county for the page and API journey tests: one hub, one town node, a station village
(joint), a proxy village (村委代办) and a postal village (邮快合作), one brand, and a login per role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.test import Client

from jincun.api.models import ApiToken
from jincun.network.tests import factories as f
from jincun.testing.clients import logged_in
from jincun.testing.three_villages import three_villages


@dataclass
class County:
    brand: object
    other_brand: object
    hub: object
    node: object
    station: object
    station_village: object
    proxy_village: object
    postal_village: object
    brand_key: str
    other_brand_key: str

    def client(self, role: str, **assignment) -> Client:
        return logged_in(role, **assignment)

    def hub_client(self):
        return self.client("hub_operator", hub=self.hub)

    def town_client(self):
        return self.client("town_operator", town_node=self.node)

    def station_client(self):
        return self.client("station_keeper", station=self.station)

    def proxy_client(self):
        return self.client("village_proxy", town_node=self.node, villages=[self.proxy_village])


def build_county() -> County:
    brand = f.BrandFactory(code="TB", name="测试快递", waybill_patterns=[r"^TB\d{10}$"])
    other = f.BrandFactory(code="OB", name="别家快递", waybill_patterns=[r"^OB\d{10}$"])
    hub = f.HubFactory()
    town = f.TownFactory(parent=hub.county)
    v = three_villages(
        town, hub, [brand, other], ("站点村", "代办村", "邮路村"), valid_from=dt.date(2020, 3, 1)
    )
    node, station = v.node, v.station
    station_village, proxy_village, postal_village = v.station_village, v.proxy_village, v.postal_village
    _, key = ApiToken.issue("测试快递接口", "brand", brand=brand)
    _, other_key = ApiToken.issue("别家快递接口", "brand", brand=other)
    return County(
        brand, other, hub, node, station, station_village, proxy_village, postal_village, key, other_key
    )
