"""factory_boy factories for the network. The default county is a small made-up one (code 990101)."""

import datetime as dt

import factory

from jincun.core.models import User
from jincun.network import models
from jincun.network.choices import AreaLevel, Mode, StationKind, StationStatus, UnitType

TEST_COUNTY = "990101000000"


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AdminArea
        django_get_or_create = ("code",)

    code = TEST_COUNTY
    name = "测试县"
    level = AreaLevel.COUNTY
    unit_type = UnitType.COUNTY
    lat, lon = 36.0, 118.0


class TownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AdminArea
        django_get_or_create = ("code",)

    parent = factory.SubFactory(CountyFactory)
    code = factory.Sequence(lambda n: f"990101{100 + n:03d}000")
    name = factory.Sequence(lambda n: f"测试{n}镇")
    level = AreaLevel.TOWN
    unit_type = UnitType.TOWN
    lat, lon = 36.05, 118.05


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AdminArea
        django_get_or_create = ("code",)

    parent = factory.SubFactory(TownFactory)
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code[:9]}{200 + n % 199:03d}")
    name = factory.Sequence(lambda n: f"测试{n}村")
    level = AreaLevel.VILLAGE
    unit_type = UnitType.VILLAGE_COMMITTEE
    lat = factory.Sequence(lambda n: 36.0 + (n % 50) * 0.002)
    lon = factory.Sequence(lambda n: 118.0 + (n % 50) * 0.002)


class CommunityFactory(VillageFactory):
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.parent.code[:9]}{1 + n % 198:03d}")
    unit_type = UnitType.RESIDENTS_COMMITTEE


class BrandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Brand
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"TB{n}")
    name = factory.Sequence(lambda n: f"测试品牌{n}")
    waybill_patterns = factory.LazyAttribute(lambda o: [rf"^{o.code}\d{{10}}$"])


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Hub
        django_get_or_create = ("code",)

    code = "HUB-TEST"
    name = "测试县共配中心"
    county = factory.SubFactory(CountyFactory)
    lat, lon = 36.0, 118.0


class TownNodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TownNode
        django_get_or_create = ("code",)

    town = factory.SubFactory(TownFactory)
    hub = factory.SubFactory(HubFactory)
    code = factory.LazyAttribute(lambda o: f"TN-{o.town.code[:9]}")
    name = factory.LazyAttribute(lambda o: f"{o.town.name}节点")
    service_center_name = factory.LazyAttribute(lambda o: f"{o.town.name}便民服务中心")
    lat, lon = 36.05, 118.05


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Station

    village = factory.SubFactory(VillageFactory)
    town_node = factory.SubFactory(TownNodeFactory, town=factory.SelfAttribute("..village.parent"))
    code = factory.Sequence(lambda n: f"ST{n:05d}")
    name = factory.LazyAttribute(lambda o: f"{o.village.name}服务站")
    kind = StationKind.SHOP
    keeper_name = "王守站"
    keeper_phone = "13800001234"
    cameras = 2
    video_platform = "县邮政管理局视频平台"
    filing_number = factory.Sequence(lambda n: f"鲁邮备{n:06d}")
    status = StationStatus.ACTIVE
    opened_on = dt.date(2020, 1, 1)
    lat = factory.SelfAttribute("village.lat")
    lon = factory.SelfAttribute("village.lon")


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Agreement

    brand = factory.SubFactory(BrandFactory)
    mode = Mode.JOINT
    station = factory.SubFactory(StationFactory)
    village = factory.SelfAttribute("station.village")
    valid_from = dt.date(2020, 3, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = "hub_operator"
    password = factory.PostGenerationMethodCall("set_password", "jincun-test-pw")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create and results:  # the password was set after the row was written
            instance.save(update_fields=["password"])
