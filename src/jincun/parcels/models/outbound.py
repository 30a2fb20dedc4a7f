from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.core.masking import mask_id_number, mask_name
from jincun.parcels.choices import IdType


class OutboundCollection(models.Model):
    """揽收 at a station: the real-name record (实名收寄) and the inspection (验视).

    Kept also when refused (prohibited contents, ID name mismatch): the refusal and its reason are the log.
    """

    station = models.ForeignKey("network.Station", on_delete=models.PROTECT, related_name="collections")
    parcel = models.OneToOneField(
        "parcels.Parcel", null=True, blank=True, on_delete=models.SET_NULL, related_name="collection"
    )
    sender_name = models.CharField(_("寄件人"), max_length=64)
    sender_phone = models.CharField(_("寄件人电话"), max_length=20)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=32)
    id_name = models.CharField(_("证件姓名"), max_length=64)
    name_matched = models.BooleanField(_("姓名一致"), default=False)
    contents = models.CharField(_("内件品类"), max_length=64)
    prohibited = models.BooleanField(_("禁寄物品"), default=False)
    inspection_note = models.CharField(_("验视说明"), max_length=200, blank=True)
    weight_g = models.PositiveIntegerField(_("重量(克)"), null=True, blank=True)
    brand = models.ForeignKey("network.Brand", null=True, blank=True, on_delete=models.PROTECT)
    recipient_name = models.CharField(_("收件人"), max_length=64, blank=True)
    recipient_phone = models.CharField(_("收件人电话"), max_length=20, blank=True)
    recipient_address = models.CharField(_("收件地址"), max_length=300, blank=True)
    accepted = models.BooleanField(_("已收寄"), default=False)
    refusal_reason = models.CharField(_("拒收原因"), max_length=32, blank=True)
    operator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("揽收记录")
        verbose_name_plural = verbose_name
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.station_id} {self.at:%Y-%m-%d %H:%M}"

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def sender_name_masked(self) -> str:
        return mask_name(self.sender_name)
