from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("生成中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Report(models.Model):
    """A monthly or yearly report for the leadership group, made by a background job and kept on disk
    (`file` under the data folder). `number` is the document number printed on every page."""

    number = models.CharField(_("文号"), max_length=40, unique=True)
    period = models.CharField(_("期间"), max_length=7, help_text="YYYY-MM or YYYY")
    fmt = models.CharField(_("格式"), max_length=4, choices=[("pdf", "PDF"), ("xlsx", "XLSX")])
    status = models.CharField(
        _("状态"), max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("进度(%)"), default=0)
    file = models.CharField(_("文件"), max_length=300, blank=True)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报告")
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.number
