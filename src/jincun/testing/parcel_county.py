"""A small hand-checked county for parcel tests: one hub, one town node, three villages — one served by a
station (joint), one by the town service center (proxy), one by China Post (postal) — and one brand."""

from __future__ import annotations

from dataclasses import dataclass

import factory

from jincun.network.models import AdminArea, Brand, Hub, Station, TownNode
from jincun.network.tests import factories as nf
from jincun.parcels.choices import Preference
from jincun.parcels.models import Parcel
from jincun.parcels.services import ingest_manifest, record_consent
from jincun.testing.three_villages import three_villages


@dataclass
class County:
    hub: Hub
    node: TownNode
    station: Station
    joint_village: AdminArea
    proxy_village: AdminArea
    postal_village: AdminArea
    brand: Brand
    post: Brand


def build_county(code_town: str = "990101101000", brand_code: str = "TBZ") -> County:
    town = nf.TownFactory(code=code_town, name="青石镇")
    hub = nf.HubFactory()
    brand = nf.BrandFactory(code=brand_code)
    # Real-looking names, so that addresses written for these villages resolve as Yiyuan's do.
    v = three_villages(town, hub, [brand], ("东庄村", "西岭村", "南峪村"), shelves=3, layers=2)
    post = Brand.objects.filter(code="POST").first()
    return County(hub, v.node, v.station, v.station_village, v.proxy_village, v.postal_village, brand, post)


class ParcelRowFactory(factory.DictFactory):
    waybill = factory.Sequence(lambda n: f"TBZ{n:010d}")
    recipient_name = "张三丰"
    recipient_phone = factory.Sequence(lambda n: f"1380000{n:04d}")
    address = "测试县测试镇测试村"
    weight_g = 800


def to_village(county: County, parcel: Parcel) -> Parcel:
    """Walk a manifested parcel hub → town node → on the village run to its station (state `to_village`)."""
    from jincun.parcels import services
    from jincun.parcels.choices import State

    services.record_scan(parcel.waybill, "at_hub", place=county.hub)
    trunk = services.open_handover(county.hub, county.node.code)
    services.load_parcel(trunk, parcel.waybill)
    services.close_handover(trunk, carrier="王师傅")
    services.check_in(trunk, parcel.waybill)
    run = services.open_handover(county.node, county.station.code)
    services.load_parcel(run, parcel.waybill)
    services.close_handover(run, carrier="赵师傅")
    parcel.refresh_from_db()
    assert parcel.state == State.TO_VILLAGE
    return parcel


def manifest_parcel(county: County, village=None, consent: bool = True, **row) -> Parcel:
    """A manifested parcel for `village` (default: the joint village), with station consent if asked."""
    village = village or county.joint_village
    data = ParcelRowFactory(village_code=village.code, **row)
    outcome = ingest_manifest(county.brand, [data])[0]
    assert outcome.status == "created", outcome
    if consent:
        record_consent(data["recipient_phone"], Preference.STATION, station=county.station)
    return outcome.parcel
