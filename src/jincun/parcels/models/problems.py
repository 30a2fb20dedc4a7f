from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.parcels.choices import PlaceKind, ProblemReason


class Problem(models.Model):
    """An exception case on a parcel, queued at a tier until resolved; the resolution is itself an event."""

    parcel = models.ForeignKey("parcels.Parcel", on_delete=models.CASCADE, related_name="problems")
    reason = models.CharField(_("问题类型"), max_length=16, choices=ProblemReason.choices)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    tier = models.CharField(_("处理层级"), max_length=16, choices=PlaceKind.choices)
    place_code = models.CharField(_("处理地点"), max_length=40, db_index=True)
    handover = models.ForeignKey(
        "parcels.HandoverList",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problems",
        verbose_name=_("交接单"),
        help_text=_("差异所在的交接单：发出方也能在问题件队列里看到"),
    )
    state_before = models.CharField(_("问题前状态"), max_length=20, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("登记时间"))
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    resolution = models.CharField(_("处理结果"), max_length=32, blank=True)
    resolution_note = models.CharField(_("处理说明"), max_length=300, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # No database constraint: scan events are partitioned on PostgreSQL (see parcels.partitions).
    resolution_event = models.ForeignKey(
        "parcels.ScanEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )

    class Meta:
        verbose_name = _("问题件")
        verbose_name_plural = verbose_name
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{self.parcel} {self.get_reason_display()}"

    @property
    def label(self) -> str:
        return self.get_reason_display()
