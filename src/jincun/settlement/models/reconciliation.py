from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.settlement.choices import MatchCategory


class Reconciliation(models.Model):
    """A brand's own bill (per waybill, or per day and village) matched against our statement.

    Balance assertion: ours_total_fen − theirs_total_fen equals the sum of the items' differences
    (`balanced`); agreeing waybills are counted, not stored.
    """

    statement = models.ForeignKey(
        "settlement.Statement", on_delete=models.CASCADE, related_name="reconciliations"
    )
    granularity = models.CharField(_("粒度"), max_length=12)  # waybill / day_village
    filename = models.CharField(_("文件"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    ours_total_fen = models.BigIntegerField(default=0)
    theirs_total_fen = models.BigIntegerField(default=0)
    counts = models.JSONField(default=dict)
    refused_rows = models.JSONField(default=list)

    class Meta:
        verbose_name = _("对账")
        verbose_name_plural = verbose_name
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.statement_id} {self.filename}"

    @property
    def difference_fen(self) -> int:
        return self.ours_total_fen - self.theirs_total_fen

    @property
    def items_difference_fen(self) -> int:
        return sum(self.items.values_list("diff_fen", flat=True))

    @property
    def balanced(self) -> bool:
        return self.difference_fen == self.items_difference_fen


class ReconciliationItem(models.Model):
    """One key (a waybill, or a day and village) on which the two sides do not agree."""

    reconciliation = models.ForeignKey(Reconciliation, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(_("类别"), max_length=12, choices=MatchCategory.choices)
    key = models.CharField(_("运单号/日期·村"), max_length=80)
    waybill = models.CharField(max_length=40, blank=True)
    ours_fen = models.BigIntegerField(default=0)
    theirs_fen = models.BigIntegerField(default=0)
    ours_count = models.PositiveIntegerField(default=0)
    theirs_count = models.PositiveIntegerField(default=0)
    diff_fen = models.BigIntegerField(default=0)  # ours − theirs

    class Meta:
        ordering = ["category", "key"]

    def __str__(self) -> str:
        return f"{self.category} {self.key} {self.diff_fen}"
