from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Manifest(models.Model):
    """A brand's batch of parcels for the county, with one result per row (`results`)."""

    brand = models.ForeignKey("network.Brand", on_delete=models.PROTECT, related_name="manifests")
    source = models.CharField(_("来源"), max_length=16, default="api")
    received_at = models.DateTimeField(_("接收时间"), auto_now_add=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rows = models.PositiveIntegerField(_("行数"), default=0)
    created = models.PositiveIntegerField(_("新建"), default=0)
    updated = models.PositiveIntegerField(_("更新"), default=0)
    refused = models.PositiveIntegerField(_("拒绝"), default=0)
    mismatched = models.PositiveIntegerField(_("单号规则不符"), default=0)
    results = models.JSONField(_("逐行结果"), default=list)

    class Meta:
        verbose_name = _("预报清单")
        verbose_name_plural = verbose_name
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.brand} #{self.pk}"
