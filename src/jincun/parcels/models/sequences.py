from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    """A named counter (handover list numbers of a day, a station's outbound waybills of a day).

    Numbers come from one atomic increment of this row, so two workers never get the same one; counting
    existing rows (`count() + 1`) raced on PostgreSQL."""

    key = models.CharField(_("序列"), max_length=64, unique=True)
    value = models.BigIntegerField(_("当前值"), default=0)

    class Meta:
        verbose_name = _("编号序列")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.key}={self.value}"
