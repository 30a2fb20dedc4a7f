from django.db import models
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _


class DailyMetric(models.TextChoices):
    """What a daily aggregate counts: applied scan events of one kind (see `jincun.parcels.aggregates`)."""

    INBOUND_AT_HUB = "in_hub", _("下行到达县共配中心")
    INBOUND_SIGNED = "in_signed", _("下行签收")
    OUTBOUND_COLLECTED = "out_collected", _("上行揽收")
    OUTBOUND_HANDED = "out_handed", _("上行交品牌")
    PROBLEM_OPENED = "problem", _("转问题件")


class Grain(models.TextChoices):
    """How finely a daily aggregate row is cut; each grain is a full count on its own (never add grains)."""

    VILLAGE = "V", _("村×去向")
    TOWN = "T", _("镇×去向")
    BRAND = "B", _("镇×品牌")
    HOURS = "H", _("镇×时效小时")


class DailyVolume(models.Model):
    """Parcels per local day (Asia/Shanghai) and metric, counted from applied scan events, at one `grain`:
    per village and sort route (map, village tables), per town and route (daily series, mode shares), per
    town and brand, or per town and `hours` (signed inbound only: whole hours from the first hub arrival to
    the sign-off, capped at 720, -1 without a hub arrival) so the median and 90th percentile of the
    timeliness come out of a histogram. Columns a grain does not cut by hold '' / 0 / -1. Written only by
    `jincun.parcels.aggregates`."""

    grain = models.CharField(_("粒度"), max_length=1, choices=Grain.choices)
    day = models.DateField(_("日期"))
    metric = models.CharField(_("指标"), max_length=16, choices=DailyMetric.choices)
    village_code = models.CharField(_("村"), max_length=12, blank=True)
    town_code = models.CharField(_("镇"), max_length=12, blank=True)
    brand_id = models.IntegerField(_("品牌"))
    route_kind = models.CharField(_("分拣去向"), max_length=16, blank=True)
    hours = models.SmallIntegerField(_("时长(小时)"), default=-1)
    count = models.PositiveIntegerField(_("件数"), default=0)
    # Sharding key, derived from the town (every grain carries one; '' for parcels without a village).
    county = models.GeneratedField(
        expression=Substr("town_code", 1, 6),
        output_field=models.CharField(_("县"), max_length=6),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("每日件量汇总")
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "grain",
                    "day",
                    "metric",
                    "village_code",
                    "town_code",
                    "brand_id",
                    "route_kind",
                    "hours",
                ],
                name="dailyvolume_key",
            )
        ]
        indexes = [
            models.Index(fields=["grain", "metric", "day"], name="dailyvolume_grain_day"),
            models.Index(fields=["county", "grain", "metric", "day"], name="dailyvolume_county_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric} {self.village_code} {self.count}"


class AggregateWatermark(models.Model):
    """The last scan event id folded into the daily aggregates (one row per aggregate set)."""

    name = models.CharField(max_length=32, primary_key=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("汇总水位")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.name} #{self.last_event_id}"
