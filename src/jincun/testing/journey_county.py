"""A small hand-built county for the page and API journey tests: one hub, one town node, a station village
(joint), a proxy village (村委代办) and a postal village (邮快合作), one brand, and a login per role."""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client

from jincun.api.models import ApiToken
from jincun.network.choices import Mode
from jincun.network.tests import factories as f
from jincun.testing.clients import logged_in


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
    node = f.TownNodeFactory(town=town, hub=hub)
    station_village = f.VillageFactory(parent=town, name="站点村")
    station = f.StationFactory(village=station_village, town_node=node)
    proxy_village = f.VillageFactory(parent=town, name="代办村")
    postal_village = f.VillageFactory(parent=town, name="邮路村")
    for b in (brand, other):
        f.AgreementFactory(brand=b, station=station, village=station_village, mode=Mode.JOINT)
        f.AgreementFactory(brand=b, station=None, village=proxy_village, mode=Mode.PROXY, town_node=node)
        f.AgreementFactory(brand=b, station=None, village=postal_village, mode=Mode.POSTAL)
    _, key = ApiToken.issue("测试快递接口", "brand", brand=brand)
    _, other_key = ApiToken.issue("别家快递接口", "brand", brand=other)
    return County(
        brand, other, hub, node, station, station_village, proxy_village, postal_village, key, other_key
    )
