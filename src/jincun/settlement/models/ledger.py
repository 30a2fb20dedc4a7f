from django.db import models
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from jincun.settlement.choices import LineKind, PartyKind, PeriodState, RunState


class Period(models.Model):
    """A settlement month (`month` is its first day, Asia/Shanghai). Once closed, rating never writes into it:
    an event rated later lands in the next open month."""

    month = models.DateField(_("月份"), unique=True)
    state = models.CharField(_("状态"), max_length=8, choices=PeriodState.choices, default=PeriodState.OPEN)
    closed_at = models.DateTimeField(_("关账时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("结算期")
        verbose_name_plural = verbose_name
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def is_open(self) -> bool:
        return self.state == PeriodState.OPEN


class ChargeLine(models.Model):
    """One line of the ledger: what one scan event earned one party under one tariff version, in fen.

    Rated lines pin their event and tariff; `(event, party_kind)` is unique, so rating twice writes once.
    Month minimums and dispute corrections are lines too (no event), never edits of a line. `party_key`
    ("brand:3", "station:12", "postal:7", "proxy:370323…") names the counterparty whose statement the line is on.
    """

    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="lines")
    party_kind = models.CharField(_("结算对象"), max_length=12, choices=PartyKind.choices)
    party_key = models.CharField(_("对象键"), max_length=40)
    kind = models.CharField(_("类型"), max_length=12, choices=LineKind.choices, default=LineKind.EVENT)
    tariff = models.ForeignKey(
        "settlement.Tariff", null=True, blank=True, on_delete=models.PROTECT, related_name="lines"
    )
    # No database constraint: on PostgreSQL scan events are partitioned by month and their key is (id, at),
    # so nothing can reference `id` alone (docs/decisions/0013-scan-partitions.md). PROTECT still holds in Django.
    event = models.ForeignKey(
        "parcels.ScanEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    parcel = models.ForeignKey(
        "parcels.Parcel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    waybill = models.CharField(_("运单号"), max_length=40, blank=True)
    event_type = models.CharField(_("事件"), max_length=20, blank=True)
    event_at = models.DateTimeField(_("事件时间"), null=True, blank=True)
    village = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount_fen = models.BigIntegerField(_("金额(分)"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    run = models.ForeignKey("settlement.RatingRun", null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    county = models.GeneratedField(  # sharding key, from the village (docs/decisions/0014-citus-sharding.md)
        expression=Substr("village", 1, 6),
        output_field=models.CharField(_("县"), max_length=6),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("计费明细")
        verbose_name_plural = verbose_name
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "party_kind"], condition=Q(event__isnull=False), name="charge_event_party"
            ),
        ]
        indexes = [
            models.Index(fields=["period", "party_key"], name="charge_period_party"),
            models.Index(fields=["county", "period", "party_key"], name="charge_county_period"),
        ]

    def __str__(self) -> str:
        return f"{self.party_key} {self.waybill} {self.amount_fen}"


class RatingRun(models.Model):
    """One rating of a month: visible while it runs (`done_steps` of `total_steps` tariff passes)."""

    month = models.DateField(_("月份"))
    state = models.CharField(_("状态"), max_length=8, choices=RunState.choices, default=RunState.RUNNING)
    started_at = models.DateTimeField(_("开始"), auto_now_add=True)
    finished_at = models.DateTimeField(_("结束"), null=True, blank=True)
    total_steps = models.PositiveIntegerField(default=0)
    done_steps = models.PositiveIntegerField(default=0)
    lines_created = models.PositiveBigIntegerField(_("新增明细"), default=0)
    late_lines = models.PositiveBigIntegerField(_("迟到事件明细"), default=0)
    message = models.CharField(_("说明"), max_length=300, blank=True)
    started_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("计费运行")
        verbose_name_plural = verbose_name
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.get_state_display()}"
