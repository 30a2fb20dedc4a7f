"""A small hand-checked network for page tests (test county 990101), built with the factories.

Town A: v1 station S-JOINT (brands B1 + B2, joint, from 2020-03-01); v2 station S-POSTAL (B1, postal,
2020-03-01 to 2021-03-31); v3 proxy via the town service center (B1, from 2020-06-01); v4 never served;
community c1 (B1, joint via S-JOINT). Town B: v5 station S-ECOM (B2, e-commerce, from 2020-09-01).
On 2021-06-30 three of five 建制村 are served (v1, v3, v5): 60%.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from jincun.core.choices import Role
from jincun.network.choices import Mode, StationKind
from jincun.network.models import Assignment, CoverageTarget
from jincun.network.tests import factories as f

DAY = dt.date(2021, 6, 30)


@dataclass
class PageNetwork:
    county: object
    towns: list
    villages: dict
    stations: dict
    brands: dict
    users: dict = field(default_factory=dict)


def build_page_network() -> PageNetwork:
    county = f.CountyFactory()
    hub = f.HubFactory(county=county)
    town_a = f.TownFactory(parent=county, code="990101101000", name="甲镇", lat=36.05, lon=118.05)
    town_b = f.TownFactory(parent=county, code="990101102000", name="乙镇", lat=36.1, lon=118.1)
    node_a = f.TownNodeFactory(town=town_a, hub=hub)
    node_b = f.TownNodeFactory(town=town_b, hub=hub)
    v = {
        "v1": f.VillageFactory(parent=town_a, code="990101101201", name="东庄村", lat=36.01, lon=118.01),
        "v2": f.VillageFactory(parent=town_a, code="990101101202", name="西庄村", lat=36.02, lon=118.02),
        "v3": f.VillageFactory(parent=town_a, code="990101101203", name="南山村", lat=36.03, lon=118.03),
        "v4": f.VillageFactory(parent=town_a, code="990101101204", name="北岭村", lat=36.04, lon=118.04),
        "c1": f.CommunityFactory(parent=town_a, code="990101101001", name="甲镇社区", lat=36.05, lon=118.0),
        "v5": f.VillageFactory(parent=town_b, code="990101102201", name="乙庄村", lat=36.1, lon=118.11),
    }
    b1 = f.BrandFactory(code="TB1", name="甲快递")
    b2 = f.BrandFactory(code="TB2", name="乙快递")
    opened = dt.date(2020, 1, 1)
    s = {
        "joint": f.StationFactory(
            code="S-JOINT",
            name="东庄村快递服务站",
            village=v["v1"],
            town_node=node_a,
            opened_on=opened,
            keeper_name="王守站",
            keeper_phone="13812345678",
            video_heartbeat_at=timezone.now(),  # its camera reports: the station meets the standard
        ),
        "postal": f.StationFactory(
            code="S-POSTAL",
            name="西庄村邮乐购",
            village=v["v2"],
            town_node=node_a,
            opened_on=opened,
            kind=StationKind.POST_POINT,
            filing_number="",
        ),
        "ecom": f.StationFactory(
            code="S-ECOM",
            name="乙庄村电商服务站",
            village=v["v5"],
            town_node=node_b,
            opened_on=opened,
            kind=StationKind.ECOMMERCE,
            cameras=0,
        ),
    }
    start = dt.date(2020, 3, 1)
    f.AgreementFactory(brand=b1, station=s["joint"], village=v["v1"], valid_from=start)
    f.AgreementFactory(brand=b2, station=s["joint"], village=v["v1"], valid_from=start)
    f.AgreementFactory(brand=b1, station=s["joint"], village=v["c1"], valid_from=start)
    f.AgreementFactory(
        brand=b1,
        station=s["postal"],
        village=v["v2"],
        mode=Mode.POSTAL,
        valid_from=start,
        valid_to=dt.date(2021, 3, 31),
    )
    f.AgreementFactory(
        brand=b1,
        station=None,
        town_node=node_a,
        village=v["v3"],
        mode=Mode.PROXY,
        valid_from=dt.date(2020, 6, 1),
    )
    f.AgreementFactory(
        brand=b2, station=s["ecom"], village=v["v5"], mode=Mode.ECOMMERCE, valid_from=dt.date(2020, 9, 1)
    )
    CoverageTarget.objects.create(
        county=county, name="年底覆盖八成", due=dt.date(2020, 12, 31), share=Decimal("0.8")
    )
    CoverageTarget.objects.create(
        county=county, name="次年全覆盖", due=dt.date(2021, 12, 31), share=Decimal("1")
    )
    network = PageNetwork(county, [town_a, town_b], v, s, {"b1": b1, "b2": b2})
    for role in Role:
        network.users[role.value] = f.UserFactory(
            username=f"page-{role.value}",
            role=role.value,
            password=None,  # unusable: skips slow hashing
        )
    Assignment.objects.create(user=network.users["brand_user"], brand=b2)
    return network
