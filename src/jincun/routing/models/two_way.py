"""What the two-way runs add: collection points that are not stations, and the vehicles hired for a season."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jincun.routing.choices import CollectionPointKind, VehicleKind


class CollectionPoint(models.Model):
    """A place outside the station network where a village run collects farm products in season (a packing
    house, a cooperative): open hours, the season's dates and the boxes it hands over on a day."""

    code = models.CharField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("类型"), max_length=16, choices=CollectionPointKind.choices)
    town_node = models.ForeignKey(
        "network.TownNode", on_delete=models.PROTECT, related_name="collection_points"
    )
    lat = models.FloatField(_("纬度"), null=True, blank=True)
    lon = models.FloatField(_("经度"), null=True, blank=True)
    location_approximate = models.BooleanField(_("估算坐标"), default=True)
    opens_at = models.TimeField(_("开门"), default=dt.time(8, 0))
    closes_at = models.TimeField(_("关门"), default=dt.time(17, 0))
    season_from = models.DateField(_("季节开始"))
    season_until = models.DateField(_("季节结束"))
    product = models.CharField(
        _("产品"), max_length=16, default="apple", help_text=_("apple / cherry / other")
    )
    boxes_per_day = models.PositiveIntegerField(_("每日箱数"))
    kg_per_box = models.FloatField(
        _("每箱公斤"), null=True, blank=True, help_text=_("empty: the product's figure")
    )
    active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("农产品收集点")
        verbose_name_plural = verbose_name
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(season_until__gte=models.F("season_from")), name="cp_season"),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opens_at")), name="cp_hours"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None

    def open_on(self, day: dt.date) -> bool:
        return self.active and self.season_from <= day <= self.season_until


class SeasonVehicle(models.Model):
    """Vehicles hired for the season (`count` alike), at the hub or a town node, between two dates. Each one
    used on a day costs `cost_per_day_fen` plus its kilometres; the planner takes one only when the
    standing fleet cannot carry the day."""

    code = models.CharField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("车型"), max_length=16, choices=VehicleKind.choices, default=VehicleKind.VAN)
    hub = models.ForeignKey("network.Hub", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    town_node = models.ForeignKey(
        "network.TownNode", null=True, blank=True, on_delete=models.PROTECT, related_name="season_vehicles"
    )
    count = models.PositiveSmallIntegerField(_("数量"), default=1)
    hired_from = models.DateField(_("租用开始"))
    hired_until = models.DateField(_("租用结束"))
    capacity_parcels = models.PositiveIntegerField(_("容量（件）"))
    capacity_kg = models.PositiveIntegerField(_("载重（公斤）"))
    capacity_litres = models.PositiveIntegerField(_("容积（升）"))
    cost_per_day_fen = models.PositiveIntegerField(_("每日租金（分）"))
    cost_per_km_fen = models.PositiveIntegerField(_("每公里成本（分）"))
    works_from = models.TimeField(_("上班"), default=dt.time(7, 30))
    works_until = models.TimeField(_("下班"), default=dt.time(18, 0))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("季节租用车辆")
        verbose_name_plural = verbose_name
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hub__isnull=False, town_node__isnull=True)
                | Q(hub__isnull=True, town_node__isnull=False),
                name="season_vehicle_one_depot",
            ),
            models.CheckConstraint(condition=Q(hired_until__gte=models.F("hired_from")), name="season_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def hired_on(self, day: dt.date) -> bool:
        return self.hired_from <= day <= self.hired_until
