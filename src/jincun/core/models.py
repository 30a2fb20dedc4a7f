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
