"""Made-up people for the demo network: station keepers' names and phones, and one login per role."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from jincun.core.choices import Role
from jincun.core.models import User
from jincun.network.models import Assignment

# Common surnames of Shandong, weighted roughly by how often they occur there.
SURNAMES = "王张李刘陈杨赵孙徐马朱胡郭何高林罗宋郑谢唐韩冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "建国军伟强磊洋勇艳娜敏静丽秀英华明霞平刚桂兰玉芳海涛春梅红霞志强晓东立新德胜丰收长青凤霞宝山"
PHONE_PREFIXES = ("130", "131", "132", "133", "135", "138", "139", "150", "151", "152", "153", "155", "157",
                  "158", "159", "180", "182", "186", "187", "188", "189")  # fmt: skip

DEMO_PASSWORD = "jincun-demo"


def person_name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def mobile_phone(rng: random.Random) -> str:
    return rng.choice(PHONE_PREFIXES) + f"{rng.randrange(10**8):08d}"


@dataclass
class DemoLogin:
    role: str
    username: str
    display_name: str
    where: str
    created: bool


def create_demo_users(hub, town_node, station, proxy_villages, brand) -> list[DemoLogin]:
    """One login per role, each with its `Assignment`. Existing users of the same name are left alone
    (their password is not reset), so a real administrator is never overwritten."""
    password = make_password(DEMO_PASSWORD)  # hashed once: every login shares it
    town = town_node.town.name
    villages = "、".join(v.name for v in proxy_villages)
    specs = [
        (Role.ADMIN, "admin", "系统管理员", "全部", {}),
        (Role.REGULATOR, "regulator", "县邮政管理局", "全县数据（不含个人信息）", {}),
        (Role.HUB_OPERATOR, "hub", "共配中心操作员", hub.name, {"hub": hub}),
        (Role.TOWN_OPERATOR, "town", f"{town}节点操作员", town_node.name, {"town_node": town_node}),
        (Role.STATION_KEEPER, "station", station.keeper_name, station.name, {"station": station}),
        (Role.VILLAGE_PROXY, "proxy", f"{town}村委代办员", f"{town_node.service_center_name}：{villages}",
         {"town_node": town_node}),
        (Role.BRAND_USER, "zto", brand.name, brand.name, {"brand": brand}),
        (Role.ACCOUNTANT, "accountant", "共配中心结算员", hub.name, {"hub": hub}),
    ]  # fmt: skip
    logins = []
    for role, username, display_name, where, assignment in specs:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "role": role,
                "display_name": display_name,
                "password": password,
                "is_staff": role == Role.ADMIN,
                "is_superuser": role == Role.ADMIN,
            },
        )
        if created:
            link = Assignment.objects.create(user=user, **assignment)
            if role == Role.VILLAGE_PROXY:
                link.villages.set(proxy_villages)
        logins.append(DemoLogin(str(role.label), username, display_name, where, created))
    return logins
