from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.compliance.choices import (
    CaseStatus,
    ComplaintCategory,
    ComplaintChannel,
    ComplaintStatus,
    Responsible,
)


class NoFeeCase(models.Model):
    """A villager reported being charged to pick up a parcel (picking up is free): a case against the
    station, with a deadline to settle and the refund recorded."""

    reference = models.CharField(_("编号"), max_length=24, unique=True)
    station = models.ForeignKey("network.Station", on_delete=models.PROTECT, related_name="fee_cases")
    parcel = models.ForeignKey(
        "parcels.Parcel", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reported_at = models.DateTimeField(_("举报时间"), db_index=True)
    amount_fen = models.PositiveIntegerField(_("被收金额(分)"), default=0)
    note = models.CharField(_("情况说明"), max_length=300, blank=True)
    due_on = models.DateField(_("处理期限"))
    status = models.CharField(_("状态"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    refund_fen = models.PositiveIntegerField(_("退费金额(分)"), default=0)
    settled_at = models.DateTimeField(_("处理时间"), null=True, blank=True)
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    settle_note = models.CharField(_("处理说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("收费举报")
        verbose_name_plural = verbose_name
        ordering = ["-reported_at"]

    def __str__(self) -> str:
        return self.reference


class Complaint(models.Model):
    """A user complaint (《邮政业用户申诉处理办法》): received on the page, over the API or by phone,
    classified, assigned to who is responsible, answered by `due_on`; overdue ones escalate.

    The complainant's phone is stored whole (to call back) and shown masked by the access policy."""

    reference = models.CharField(_("受理编号"), max_length=24, unique=True)
    channel = models.CharField(_("渠道"), max_length=8, choices=ComplaintChannel.choices)
    category = models.CharField(_("类别"), max_length=16, choices=ComplaintCategory.choices)
    text = models.TextField(_("投诉内容"))
    contact_name = models.CharField(_("投诉人"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20)
    waybill = models.CharField(_("运单号"), max_length=40, blank=True)
    parcel = models.ForeignKey(
        "parcels.Parcel", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responsible = models.CharField(_("责任方类型"), max_length=12, choices=Responsible.choices, blank=True)
    brand = models.ForeignKey("network.Brand", null=True, blank=True, on_delete=models.PROTECT)
    station = models.ForeignKey("network.Station", null=True, blank=True, on_delete=models.PROTECT)
    received_at = models.DateTimeField(_("受理时间"), db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_on = models.DateField(_("答复期限"))
    status = models.CharField(
        _("状态"), max_length=12, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED
    )
    assigned_at = models.DateTimeField(_("分派时间"), null=True, blank=True)
    reply = models.TextField(_("答复"), blank=True)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("升级时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("用户投诉")
        verbose_name_plural = verbose_name
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return self.reference
