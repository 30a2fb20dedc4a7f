from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.compliance.choices import FlagKind


class RuleFigure(models.Model):
    """A figure a rule needs (days to file, days to answer, heartbeat threshold), overriding the stated
    default in `compliance.figures.DEFAULTS`. Data, edited on the admin page."""

    key = models.CharField(_("参数"), max_length=40, unique=True)
    value = models.PositiveIntegerField(_("数值"))
    note = models.CharField(_("依据/说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("合规参数")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class VideoDevice(models.Model):
    """A camera feed at a station that reports heartbeats (through the county's camera platform or a
    small agent), authenticated with an API device token (`jincun issue-token --device --station`)."""

    station = models.ForeignKey("network.Station", on_delete=models.CASCADE, related_name="video_devices")
    name = models.CharField(_("名称"), max_length=64)
    last_heartbeat_at = models.DateTimeField(_("最近心跳"), null=True, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("视频设备")
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["station", "name"], name="video_device_name")]

    def __str__(self) -> str:
        return f"{self.station} / {self.name}"


class StationFlag(models.Model):
    """A flag a job raised on a station (video offline, filing overdue); cleared, not deleted, when the
    condition ends, so the regulator sees since when and for how long."""

    station = models.ForeignKey("network.Station", on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField(_("类型"), max_length=20, choices=FlagKind.choices)
    raised_at = models.DateTimeField(_("发现时间"))
    cleared_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    detail = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("站点告警")
        verbose_name_plural = verbose_name
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["station", "kind"], condition=models.Q(cleared_at__isnull=True), name="one_open_flag"
            )
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.get_kind_display()}"


class StubDestruction(models.Model):
    """A batch of waybill stubs (运单存根) destroyed: what, how many, by whom, when, with which witness."""

    place = models.CharField(_("地点"), max_length=64)
    batch = models.CharField(_("批次/范围"), max_length=200)
    count = models.PositiveIntegerField(_("数量"))
    method = models.CharField(_("销毁方式"), max_length=64)
    destroyed_on = models.DateField(_("销毁日期"))
    destroyed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    witness = models.CharField(_("监销人"), max_length=64)
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("运单存根销毁记录")
        verbose_name_plural = verbose_name
        ordering = ["-destroyed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.destroyed_on} {self.batch} ×{self.count}"
