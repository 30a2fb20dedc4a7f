from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.core.choices import Role


class User(AbstractUser):
    """A person who logs in. `role` decides what they may do; where they work is `network.Assignment`."""

    role = models.CharField(_("角色"), max_length=32, choices=Role.choices, default=Role.REGULATOR)
    display_name = models.CharField(_("姓名"), max_length=64, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.username

    def has_role(self, *roles: str) -> bool:
        return self.is_superuser or self.role in roles


class UnmaskLog(models.Model):
    """Every time someone sees personal data unmasked (GB/T 41833: hidden data read only when needed)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    subject = models.CharField(_("对象"), max_length=64, help_text="model:pk, e.g. network.station:12")
    field = models.CharField(_("字段"), max_length=64)
    reason = models.CharField(_("原因"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("脱敏数据查看记录")
        verbose_name_plural = verbose_name
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.subject}.{self.field}"


class JobRun(models.Model):
    """One run of a periodic job step under a key (`evening:2026-10-14:routing`): the key is unique, so a
    second run of the same day's step — another worker, a retry, a manual start — finds it and does nothing.
    A step that failed leaves no finished row and runs again next time (`jincun.core.jobs.once`)."""

    key = models.CharField(_("运行键"), max_length=80, unique=True)
    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    summary = models.JSONField(_("结果"), default=dict, blank=True)

    class Meta:
        verbose_name = _("任务运行")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.key


class DeferredIndex(models.Model):
    """An index dropped for a bulk load and not yet made again (`jincun.core.bulk_indexes`): its statement
    is kept here in the transaction that dropped it, so an interrupted load leaves a record, not a table
    without its index; the next migrate (`jincun init`) or bulk load makes it again."""

    name = models.CharField(_("索引"), max_length=200, unique=True)
    table = models.CharField(_("表"), max_length=200)
    sql = models.TextField(_("建索引语句"))
    deferred_at = models.DateTimeField(_("暂停时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("暂停的索引")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.name
