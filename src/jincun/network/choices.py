from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaLevel(models.TextChoices):
    COUNTY = "county", _("县")
    TOWN = "town", _("镇/街道")
    VILLAGE = "village", _("村/社区")


class UnitType(models.TextChoices):
    """NBS digits 10–12: 001–199 居民委员会 (community), 200–399 村民委员会 (administrative village 建制村)."""

    COUNTY = "county", _("县")
    TOWN = "town", _("镇")
    SUBDISTRICT = "subdistrict", _("街道")
    VILLAGE_COMMITTEE = "village_committee", _("村民委员会")
    RESIDENTS_COMMITTEE = "residents_committee", _("居民委员会")


class StationKind(models.TextChoices):
    SHOP = "shop", _("商超便利店")
    ECOMMERCE = "ecommerce", _("电商服务站")
    POST_POINT = "post_point", _("邮政网点/邮乐购")
    DEDICATED = "dedicated", _("快递专营站")


class StationStatus(models.TextChoices):
    PLANNED = "planned", _("筹建")
    ACTIVE = "active", _("运营")
    SUSPENDED = "suspended", _("暂停")
    CLOSED = "closed", _("关闭")


class Mode(models.TextChoices):
    """Cooperation modes of the policy (seed §二(二), §二(三))."""

    JOINT = "joint", _("快快合作")
    POSTAL = "postal", _("邮快合作")
    ECOMMERCE = "ecommerce", _("快商合作")
    PROXY = "proxy", _("村委代办")


# Colours used on maps and badges, one per mode.
MODE_COLOURS = {
    Mode.JOINT: "#1971c2",
    Mode.POSTAL: "#2f9e44",
    Mode.ECOMMERCE: "#f08c00",
    Mode.PROXY: "#9c36b5",
}


class TargetStanding(models.TextChoices):
    MET = "met", _("已达成")
    ON_TRACK = "on_track", _("按计划推进")
    BEHIND = "behind", _("滞后")
    MISSED = "missed", _("未达成")
