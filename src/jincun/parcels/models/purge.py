from django.db import models
from django.utils.translation import gettext_lazy as _


class PurgeLog(models.Model):
    """One run of the personal-data purge: which parcels (signed before `cutoff`) lost which fields."""

    run_at = models.DateTimeField(_("执行时间"), db_index=True)
    cutoff = models.DateTimeField(_("签收早于"))
    parcels = models.PositiveIntegerField(_("快件数"))
    fields = models.CharField(_("清除字段"), max_length=300)
    first_parcel_id = models.BigIntegerField(_("最小快件ID"), null=True, blank=True)
    last_parcel_id = models.BigIntegerField(_("最大快件ID"), null=True, blank=True)
    trigger = models.CharField(_("触发方式"), max_length=16, default="job")

    class Meta:
        verbose_name = _("个人信息清除记录")
        verbose_name_plural = verbose_name
        ordering = ["-run_at"]

    def __str__(self) -> str:
        return f"{self.run_at:%Y-%m-%d %H:%M} {self.parcels}"
