from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.compliance.choices import InspectorKind


class Inspection(models.Model):
    """One visit to a station, recorded on a phone: the checklist answered item by item (`items`), photos,
    findings and, when something failed, a deadline to fix it. `fixed_at` closes the finding."""

    station = models.ForeignKey("network.Station", on_delete=models.PROTECT, related_name="inspections")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    inspector_kind = models.CharField(_("检查方"), max_length=16, choices=InspectorKind.choices)
    at = models.DateTimeField(_("检查时间"), db_index=True)
    findings = models.TextField(_("发现问题"), blank=True)
    fix_by = models.DateField(_("整改期限"), null=True, blank=True)
    fixed_at = models.DateTimeField(_("整改完成"), null=True, blank=True)
    fix_note = models.CharField(_("整改说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("站点检查")
        verbose_name_plural = verbose_name
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.station} {self.at:%Y-%m-%d}"

    @property
    def passed(self) -> bool:
        return all(item.passed for item in self.items.all())


class InspectionItem(models.Model):
    """One checklist line of an inspection, with the text as it read that day (the checklist may change)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("项目代码"), max_length=32)
    text = models.CharField(_("检查项目"), max_length=100)
    passed = models.BooleanField(_("合格"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("检查项目")
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["inspection", "code"], name="inspection_item_once")]

    def __str__(self) -> str:
        return f"{self.text}: {'✔' if self.passed else '✘'}"


class InspectionPhoto(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("照片"), upload_to="inspections/%Y/%m/")
    taken_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("检查照片")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.image.name
