from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.settlement.choices import PAYABLE, DisputeState, PartyKind, StatementState


class Statement(models.Model):
    """One counterparty's statement for one month: the sum of its lines in that period (`period`,
    `party_key`), moving draft → in review (a dispute window) → issued → confirmed → paid.

    Totals are kept here as of the last draft or adjustment; the lines are the truth.
    """

    number = models.CharField(_("对账单号"), max_length=32, unique=True)
    period = models.ForeignKey("settlement.Period", on_delete=models.PROTECT, related_name="statements")
    party_kind = models.CharField(_("结算对象"), max_length=12, choices=PartyKind.choices)
    party_key = models.CharField(_("对象键"), max_length=40)
    party_name = models.CharField(_("对象"), max_length=80)
    brand = models.ForeignKey("network.Brand", null=True, blank=True, on_delete=models.PROTECT)
    station = models.ForeignKey("network.Station", null=True, blank=True, on_delete=models.PROTECT)
    village = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("状态"), max_length=12, choices=StatementState.choices, default=StatementState.DRAFT
    )
    total_fen = models.BigIntegerField(_("合计(分)"), default=0)
    lines_count = models.PositiveIntegerField(_("明细数"), default=0)
    totals_by_kind = models.JSONField(_("分类合计"), default=dict)
    review_until = models.DateField(_("异议截止"), null=True, blank=True)
    drafted_at = models.DateTimeField(_("生成时间"), auto_now_add=True)
    issued_at = models.DateTimeField(_("出具时间"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("对账单")
        verbose_name_plural = verbose_name
        ordering = ["-period__month", "party_kind", "party_name"]
        constraints = [models.UniqueConstraint(fields=["period", "party_key"], name="statement_period_party")]

    def __str__(self) -> str:
        return f"{self.number} {self.party_name}"

    @property
    def payable(self) -> bool:
        """True when the operator pays this party; a brand's statement is what the brand owes."""
        return self.party_kind in PAYABLE

    @property
    def direction_text(self) -> str:
        return str(_("共配中心应付")) if self.payable else str(_("品牌应付共配中心"))

    def lines(self):
        from jincun.settlement.models import ChargeLine

        return ChargeLine.objects.filter(period_id=self.period_id, party_key=self.party_key)


class StatementEvent(models.Model):
    """A statement's history: one row per state change (who, when, from, to)."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=12, choices=StatementState.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=StatementState.choices)
    by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.statement_id} {self.from_state}→{self.to_state}"


class Dispute(models.Model):
    """An objection to one line of a statement, raised in its review window by either side. Accepting it
    writes an adjustment line (the correction), never an edit of the line disputed."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="disputes")
    line = models.ForeignKey("settlement.ChargeLine", on_delete=models.PROTECT, related_name="disputes")
    reason = models.CharField(_("异议原因"), max_length=300)
    state = models.CharField(
        _("状态"), max_length=10, choices=DisputeState.choices, default=DisputeState.OPEN
    )
    raised_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    resolution = models.CharField(_("处理意见"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    adjustment = models.OneToOneField(
        "settlement.ChargeLine", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("异议")
        verbose_name_plural = verbose_name
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.statement.number} #{self.line_id} {self.get_state_display()}"
