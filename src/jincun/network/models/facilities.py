import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jincun.core.masking import mask_phone
from jincun.network import standard
from jincun.network.choices import StationKind, StationStatus


class Located(models.Model):
    """A point (WGS-84 / CGCS2000) and whether it was surveyed or placed approximately."""

    lat = models.FloatField(_("纬度"), null=True, blank=True)
    lon = models.FloatField(_("经度"), null=True, blank=True)
    location_approximate = models.BooleanField(_("位置为估算"), default=True)

    class Meta:
        abstract = True

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


class Hub(Located):
    """县级快递共配中心: the county's joint sorting centre for every brand."""

    code = models.CharField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    county = models.ForeignKey("network.AdminArea", on_delete=models.PROTECT, related_name="hubs")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("县级共配中心")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name


class TownNode(Located):
    """镇级分拨节点, with its town service center (镇便民服务中心) where proxy villages' parcels wait."""

    code = models.CharField(_("编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    town = models.ForeignKey("network.AdminArea", on_delete=models.PROTECT, related_name="town_nodes")
    hub = models.ForeignKey(Hub, on_delete=models.PROTECT, related_name="town_nodes")
    address = models.CharField(_("地址"), max_length=200, blank=True)
    service_center_name = models.CharField(_("便民服务中心"), max_length=64, blank=True)
    service_center_address = models.CharField(_("便民服务中心地址"), max_length=200, blank=True)
    service_center_shelves = models.PositiveSmallIntegerField(_("服务中心货架数"), default=2)
    service_center_layers = models.PositiveSmallIntegerField(_("服务中心每架层数"), default=4)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("镇级节点")
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class StationQuerySet(models.QuerySet):
    def in_service_on(self, day: dt.date):
        """Stations open on `day`: opened on or before it, not closed by then."""
        return self.filter(opened_on__lte=day).exclude(closed_on__lte=day)


class Station(Located):
    """村级快递服务站点. Whether it meets the policy's standard is `network.standard`."""

    code = models.CharField(_("站点编码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    village = models.ForeignKey("network.AdminArea", on_delete=models.PROTECT, related_name="stations")
    town_node = models.ForeignKey(TownNode, on_delete=models.PROTECT, related_name="stations")
    kind = models.CharField(_("类型"), max_length=16, choices=StationKind.choices)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    keeper_name = models.CharField(_("负责人"), max_length=32, blank=True)
    keeper_phone = models.CharField(_("负责人电话"), max_length=20, blank=True)
    opens_at = models.TimeField(_("营业开始"), default=dt.time(8, 0))
    closes_at = models.TimeField(_("营业结束"), default=dt.time(20, 0))
    hours_note = models.CharField(_("营业时间说明"), max_length=100, blank=True)
    shelves = models.PositiveSmallIntegerField(_("货架数"), default=2)
    layers = models.PositiveSmallIntegerField(_("每架层数"), default=4)
    cameras = models.PositiveSmallIntegerField(_("摄像头数"), default=0)
    video_platform = models.CharField(_("视频接入平台"), max_length=64, blank=True)
    video_heartbeat_at = models.DateTimeField(_("视频最近心跳"), null=True, blank=True)
    filing_number = models.CharField(_("备案号"), max_length=64, blank=True)
    filed_on = models.DateField(_("备案日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=StationStatus.choices, default=StationStatus.PLANNED
    )
    opened_on = models.DateField(_("启用日期"), null=True, blank=True)
    suspended_on = models.DateField(_("暂停日期"), null=True, blank=True)
    closed_on = models.DateField(_("关闭日期"), null=True, blank=True)
    history = HistoricalRecords()

    objects = StationQuerySet.as_manager()

    class Meta:
        verbose_name = _("村级站点")
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def keeper_phone_masked(self) -> str:
        return mask_phone(self.keeper_phone)

    @property
    def has_named_keeper(self) -> bool:
        return standard.BY_CODE["named_keeper"].met(self)

    @property
    def video_connected(self) -> bool:
        return standard.BY_CODE["video"].met(self)

    @property
    def meets_standard(self) -> bool:
        """The village station standard; defined in `network.standard`."""
        return standard.meets(self)

    def in_service_on(self, day: dt.date) -> bool:
        return bool(
            self.opened_on and self.opened_on <= day and not (self.closed_on and self.closed_on <= day)
        )


class Assignment(models.Model):
    """Where a user works, which decides what they see: a hub, a town node, a station, a brand, or the
    villages a village proxy serves."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment")
    hub = models.ForeignKey(Hub, null=True, blank=True, on_delete=models.SET_NULL)
    town_node = models.ForeignKey(TownNode, null=True, blank=True, on_delete=models.SET_NULL)
    station = models.ForeignKey(Station, null=True, blank=True, on_delete=models.SET_NULL)
    brand = models.ForeignKey("network.Brand", null=True, blank=True, on_delete=models.SET_NULL)
    villages = models.ManyToManyField("network.AdminArea", blank=True, related_name="proxies")
    history = HistoricalRecords(m2m_fields=[villages])

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.user} @ {self.station or self.town_node or self.hub or self.brand or '-'}"
