from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.parcels.choices import HandoverKind, HandoverStatus, PlaceKind


class HandoverList(models.Model):
    """交接单: one hand-off between tiers. What was loaded must arrive, or stays open as missing."""

    number = models.CharField(_("交接单号"), max_length=32, unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=HandoverKind.choices)
    status = models.CharField(
        _("状态"), max_length=12, choices=HandoverStatus.choices, default=HandoverStatus.OPEN, db_index=True
    )
    from_kind = models.CharField(_("发出地类型"), max_length=16, choices=PlaceKind.choices)
    from_code = models.CharField(_("发出地"), max_length=40, db_index=True)
    from_name = models.CharField(_("发出地名称"), max_length=64, blank=True)
    to_kind = models.CharField(_("到达地类型"), max_length=16, choices=PlaceKind.choices)
    to_code = models.CharField(_("到达地"), max_length=40, db_index=True)
    to_name = models.CharField(_("到达地名称"), max_length=64, blank=True)
    expected_count = models.PositiveIntegerField(_("应到件数"), default=0)
    received_count = models.PositiveIntegerField(_("实到件数"), default=0)
    missing_count = models.PositiveIntegerField(_("缺件"), default=0)
    extra_count = models.PositiveIntegerField(_("多件"), default=0)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    carrier = models.CharField(_("承运人"), max_length=64, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(_("开单时间"))
    dispatched_at = models.DateTimeField(_("交出时间"), null=True, blank=True)
    received_at = models.DateTimeField(_("接收时间"), null=True, blank=True)
    county = models.CharField(_("县"), max_length=6, blank=True, default="")  # of the sending place

    class Meta:
        verbose_name = _("交接单")
        verbose_name_plural = verbose_name
        ordering = ["-id"]
        indexes = [models.Index(fields=["county", "status"], name="handover_county_status")]

    def __str__(self) -> str:
        return f"{self.number} {self.from_name}→{self.to_name}"


class HandoverItem(models.Model):
    """One parcel on a list: loaded (expected), arrived, or extra (arrived without being loaded)."""

    handover = models.ForeignKey(HandoverList, on_delete=models.CASCADE, related_name="items")
    parcel = models.ForeignKey("parcels.Parcel", on_delete=models.CASCADE, related_name="handover_items")
    expected = models.BooleanField(_("在单上"), default=True)
    loaded_at = models.DateTimeField(_("装车时间"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("到达时间"), null=True, blank=True)
    resolution = models.CharField(_("差异处理"), max_length=32, blank=True)
    resolved_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    county = models.CharField(_("县"), max_length=6, blank=True, default="")  # the list's

    class Meta:
        verbose_name = _("交接明细")
        verbose_name_plural = verbose_name
        ordering = ["id"]
        indexes = [models.Index(fields=["county", "handover"], name="handover_item_county")]
        constraints = [models.UniqueConstraint(fields=["handover", "parcel"], name="handover_item_once")]

    def __str__(self) -> str:
        return f"{self.handover_id}:{self.parcel_id}"

    @property
    def missing(self) -> bool:
        return self.expected and self.arrived_at is None

    @property
    def extra(self) -> bool:
        return not self.expected
