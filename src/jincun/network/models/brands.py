from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Brand(models.Model):
    """A courier brand (ZTO, YTO, …). Brands are data: add one on the admin page, no code change.

    `waybill_patterns` are regular expressions (docs/architecture.md "Conventions" §1.1); detection from a number is a ranked
    guess that the operator confirms (`jincun.network.waybills.detect_brands`).
    """

    code = models.CharField(_("品牌代码"), max_length=16, unique=True)
    name = models.CharField(_("名称"), max_length=32)
    name_en = models.CharField(_("英文名"), max_length=64, blank=True)
    waybill_patterns = models.JSONField(_("运单号规则"), default=list, blank=True)
    kuaidi100_code = models.CharField(_("快递100编码"), max_length=32, blank=True)
    kdniao_code = models.CharField(_("快递鸟编码"), max_length=16, blank=True)
    cainiao_code = models.CharField(_("菜鸟 cpCode"), max_length=16, blank=True)
    is_postal = models.BooleanField(
        _("邮政企业"), default=False, help_text=_("China Post / EMS: runs the mail routes")
    )
    active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("快递品牌")
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name
