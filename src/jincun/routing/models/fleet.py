"""The fleet and the standing rules runs follow: vehicles, China Post mail routes, village run frequency."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jincun.routing.choices import Frequency, VehicleKind


class Vehicle(models.Model):
    """A vehicle and its driver, based at the hub (trunk) or a town node (village runs).

    Capacity is counted three ways (parcels, kg, litres); a run may not exceed any. Costs are integer fen.
    """

    code = models.CharField(_("车辆编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("车型"), max_length=16, choices=VehicleKind.choices, default=VehicleKind.VAN)
    plate = models.CharField(_("车牌"), max_length=16, blank=True)
    driver_name = models.CharField(_("司机"), max_length=32, blank=True)
    driver_phone = models.CharField(_("司机电话"), max_length=20, blank=True)
    hub = models.ForeignKey(
        "network.Hub", null=True, blank=True, on_delete=models.PROTECT, related_name="vehicles"
    )
    town_node = models.ForeignKey(
        "network.TownNode", null=True, blank=True, on_delete=models.PROTECT, related_name="vehicles"
    )
    capacity_parcels = models.PositiveIntegerField(_("容量（件）"))
    capacity_kg = models.PositiveIntegerField(_("载重（公斤）"))
    capacity_litres = models.PositiveIntegerField(_("容积（升）"))
    cost_per_km_fen = models.PositiveIntegerField(_("每公里成本（分）"))
    cost_per_hour_fen = models.PositiveIntegerField(_("每小时成本（分）"))
    works_from = models.TimeField(_("上班"), default=dt.time(7, 0))
    works_until = models.TimeField(_("下班"), default=dt.time(18, 0))
    departs_at = models.TimeField(
        _("固定发车时间"), null=True, blank=True, help_text=_("Trunk vehicles leave the hub at this time")
    )
    active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("车辆")
        verbose_name_plural = verbose_name
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hub__isnull=False, town_node__isnull=True)
                | Q(hub__isnull=True, town_node__isnull=False),
                name="vehicle_one_depot",
            ),
            models.CheckConstraint(condition=Q(works_until__gt=models.F("works_from")), name="vehicle_hours"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def depot(self):
        return self.hub or self.town_node


class MailRoute(models.Model):
    """A China Post rural mail route (邮路): fixed data. Jincun plans only the handover at the hub."""

    code = models.CharField(_("邮路编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    hub = models.ForeignKey("network.Hub", on_delete=models.PROTECT, related_name="mail_routes")
    handover_by = models.TimeField(_("交接截止"), default=dt.time(7, 30))
    departs_at = models.TimeField(_("发车时间"), default=dt.time(8, 0))
    weekdays = models.CharField(
        _("运行日"), max_length=7, default="1234567", help_text=_("ISO weekdays, 1=Mon")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("邮路")
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def runs_on(self, day: dt.date) -> bool:
        return str(day.isoweekday()) in self.weekdays


class MailRouteStop(models.Model):
    """One village the mail route calls at, in order, with its scheduled time."""

    route = models.ForeignKey(MailRoute, on_delete=models.CASCADE, related_name="stops")
    order = models.PositiveSmallIntegerField(_("顺序"))
    village = models.ForeignKey(
        "network.AdminArea", on_delete=models.PROTECT, related_name="mail_route_stops"
    )
    arrives_at = models.TimeField(_("到达时间"))

    class Meta:
        verbose_name = _("邮路停靠点")
        verbose_name_plural = verbose_name
        ordering = ["route", "order"]
        constraints = [models.UniqueConstraint(fields=["route", "order"], name="mailstop_unique_order")]

    def __str__(self) -> str:
        return f"{self.route} #{self.order} {self.village}"


class VillagePolicy(models.Model):
    """How often the village run calls: daily, every other day, or once parcels have waited `wait_days`.

    Villages without a row are served daily.
    """

    village = models.OneToOneField("network.AdminArea", on_delete=models.CASCADE, related_name="run_policy")
    frequency = models.CharField(_("频次"), max_length=16, choices=Frequency.choices, default=Frequency.DAILY)
    wait_days = models.PositiveSmallIntegerField(_("最长等待天数"), default=2)
    parity = models.PositiveSmallIntegerField(_("隔日奇偶"), default=0, help_text=_("0 or 1: which days"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("村线频次")
        verbose_name_plural = verbose_name
        constraints = [models.CheckConstraint(condition=Q(parity__lte=1), name="policy_parity_01")]

    def __str__(self) -> str:
        return f"{self.village}：{self.get_frequency_display()}"


class DistanceCacheEntry(models.Model):
    """A road distance and time fetched from a routing server, so a second plan asks nobody."""

    source = models.CharField(max_length=200)
    key = models.CharField(max_length=64, help_text="from→to, coordinates rounded to 5 decimals")
    metres = models.PositiveIntegerField()
    seconds = models.PositiveIntegerField()
    fetched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="distcache_unique")]

    def __str__(self) -> str:
        return self.key
