import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jincun.network.choices import Mode


class AgreementQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date):
        return self.filter(valid_from__lte=day).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))


class Agreement(models.Model):
    """Which brand reaches which village (or a whole town), through which cooperation mode, via which
    station or town service center, from when to when — and how long parcels wait at the station.

    A town-wide agreement (`town` set, `village` empty) serves every village unit of that town.
    `valid_to` is the last day served (inclusive); empty means open-ended.
    """

    brand = models.ForeignKey("network.Brand", on_delete=models.PROTECT, related_name="agreements")
    mode = models.CharField(_("合作模式"), max_length=16, choices=Mode.choices)
    village = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    town = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.PROTECT, related_name="town_agreements"
    )
    station = models.ForeignKey(
        "network.Station", null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    town_node = models.ForeignKey(
        "network.TownNode",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
        help_text=_("For 村委代办: the node whose service center holds the parcels"),
    )
    valid_from = models.DateField(_("生效日期"))
    valid_to = models.DateField(_("截止日期"), null=True, blank=True)
    remind_after_days = models.PositiveSmallIntegerField(_("滞留提醒天数"), default=3)
    return_after_days = models.PositiveSmallIntegerField(_("退回天数"), default=7)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    history = HistoricalRecords()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("合作协议")
        verbose_name_plural = verbose_name
        ordering = ["brand__code", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(village__isnull=False, town__isnull=True) | Q(village__isnull=True, town__isnull=False)
                ),
                name="agreement_village_xor_town",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="agreement_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(return_after_days__gt=models.F("remind_after_days")),
                name="agreement_return_after_remind",
            ),
        ]

    def __str__(self) -> str:
        where = self.village or self.town
        return f"{self.brand} → {where} ({self.get_mode_display()})"

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def serves_on(self, day: dt.date) -> bool:
        """Served on a day — the one definition coverage, the village page and the map use: the agreement is
        valid on `day` and the station it goes through (if any) is in service on `day`. (Load `station` with
        `select_related` when asking for many agreements.)"""
        return self.valid_on(day) and (self.station_id is None or self.station.in_service_on(day))


class CoverageTarget(models.Model):
    """A policy target: by `due` the share of administrative villages served reaches `share`.

    Seed §一(三): 80% by 2020-12-31, all by 2021-12-31. Data, editable on the admin page.
    """

    county = models.ForeignKey("network.AdminArea", on_delete=models.CASCADE, related_name="coverage_targets")
    name = models.CharField(_("名称"), max_length=64)
    due = models.DateField(_("期限"))
    share = models.DecimalField(_("目标覆盖率"), max_digits=5, decimal_places=4, help_text=_("0–1, e.g. 0.8"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("覆盖率目标")
        verbose_name_plural = verbose_name
        ordering = ["due"]
        constraints = [
            models.CheckConstraint(condition=Q(share__gt=0) & Q(share__lte=1), name="target_share_range"),
            models.UniqueConstraint(fields=["county", "due"], name="target_unique_due"),
        ]

    def __str__(self) -> str:
        return f"{self.name}：{self.due} 达到 {self.share:.0%}"
