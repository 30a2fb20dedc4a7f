from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jincun.parcels.choices import ConsentSource, Preference, SmsStatus


class PickupCode(models.Model):
    """`货架号-层号-件号` on one station's (or service center's) shelves. Unique among active codes there:
    a database constraint, so two keepers shelving at once cannot get the same code."""

    place_code = models.CharField(_("站点/服务中心"), max_length=40)
    shelf = models.PositiveSmallIntegerField(_("货架号"))
    layer = models.PositiveSmallIntegerField(_("层号"))
    number = models.PositiveIntegerField(_("件号"))
    parcel = models.ForeignKey("parcels.Parcel", on_delete=models.CASCADE, related_name="pickup_codes")
    active = models.BooleanField(_("在架"), default=True)
    assigned_at = models.DateTimeField(_("上架时间"))
    released_at = models.DateTimeField(_("下架时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("取件码")
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["place_code", "shelf", "layer", "number"],
                condition=Q(active=True),
                name="pickup_code_active_unique",
            ),
            models.UniqueConstraint(
                fields=["parcel"], condition=Q(active=True), name="pickup_code_one_per_parcel"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def code(self) -> str:
        return f"{self.shelf}-{self.layer}-{self.number}"


class Consent(models.Model):
    """The recipient's choice of delivery (《快递市场管理办法》2024: no station delivery without consent).

    Standing (phone + station or village) or for one parcel. Withdrawn consents are kept with the date.
    """

    recipient_phone = models.CharField(_("收件人电话"), max_length=20, db_index=True)
    station = models.ForeignKey("network.Station", null=True, blank=True, on_delete=models.CASCADE)
    village = models.ForeignKey("network.AdminArea", null=True, blank=True, on_delete=models.CASCADE)
    parcel = models.ForeignKey("parcels.Parcel", null=True, blank=True, on_delete=models.CASCADE)
    preference = models.CharField(_("投递方式"), max_length=12, choices=Preference.choices)
    designee = models.CharField(_("指定代收人"), max_length=64, blank=True)
    source = models.CharField(_("来源"), max_length=32, choices=ConsentSource.choices)
    given_at = models.DateTimeField(_("同意时间"))
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("投递同意")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.get_preference_display()} {self.given_at:%Y-%m-%d}"


class SmsMessage(models.Model):
    """SMS outbox. `text` is rendered already masked; the phone is stored whole to send."""

    parcel = models.ForeignKey("parcels.Parcel", null=True, blank=True, on_delete=models.SET_NULL)
    phone = models.CharField(_("手机号"), max_length=20)
    template = models.CharField(_("模板"), max_length=32)
    text = models.CharField(_("内容"), max_length=500)
    status = models.CharField(_("状态"), max_length=8, choices=SmsStatus.choices, default=SmsStatus.QUEUED)
    gateway = models.CharField(_("通道"), max_length=16, blank=True)
    error = models.CharField(_("错误"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("短信")
        verbose_name_plural = verbose_name
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.template} {self.status}"
