from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.parcels.choices import EventResult, PlaceKind, SignType


class ScanEvent(models.Model):
    """One scan, appended and never edited. `idem_key` makes the same event sent twice land once.

    `result` says what the event did: applied (moved the state to `state_after`), late (occurred before the
    latest applied event: kept, no effect) or refused (`reason` says why). `sign_type` says how a sign-off
    happened (self, proxy, station, door); blank for every other event.
    """

    # Indexed by `scan_parcel_id` (parcel, id): a timeline, a join and the collector's delete all use it.
    parcel = models.ForeignKey(
        "parcels.Parcel", on_delete=models.CASCADE, related_name="events", db_index=False
    )
    event_type = models.CharField(_("事件"), max_length=20)
    result = models.CharField(_("结果"), max_length=8, choices=EventResult.choices)
    reason = models.CharField(_("原因"), max_length=40, blank=True)
    state_after = models.CharField(_("事件后状态"), max_length=20)
    at = models.DateTimeField(_("发生时间"))
    received_at = models.DateTimeField(_("接收时间"))
    place_kind = models.CharField(_("地点类型"), max_length=16, choices=PlaceKind.choices, blank=True)
    place_code = models.CharField(_("地点编码"), max_length=40, blank=True)
    place_name = models.CharField(_("地点"), max_length=64, blank=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    operator_name = models.CharField(_("操作人"), max_length=64, blank=True)
    device_id = models.CharField(_("设备"), max_length=64, blank=True)
    device_seq = models.BigIntegerField(_("设备序号"), null=True, blank=True)
    handover = models.ForeignKey(
        "parcels.HandoverList", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    raw_text = models.CharField(_("原始描述"), max_length=300, blank=True)
    sign_type = models.CharField(_("签收方式"), max_length=8, choices=SignType.choices, blank=True)
    idem_key = models.CharField(_("幂等键"), max_length=160, unique=True)
    # The parcel's county when the event was written (`jincun.parcels.county`); sharding key.
    county = models.CharField(_("县"), max_length=6, blank=True, default="")

    class Meta:
        verbose_name = _("扫描事件")
        verbose_name_plural = verbose_name
        ordering = ["id"]
        indexes = [
            models.Index(fields=["parcel", "id"], name="scan_parcel_id"),
            # Settlement rates a month of one kind of event (sign-offs, hub arrivals) by this.
            models.Index(fields=["event_type", "at"], name="scan_type_at"),
            models.Index(fields=["county", "at"], name="scan_county_at"),
        ]

    def __str__(self) -> str:
        return f"{self.parcel_id} {self.event_type} {self.result}"
