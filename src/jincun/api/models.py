import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenKind(models.TextChoices):
    BRAND = "brand", _("品牌")
    DEVICE = "device", _("扫描设备")
    USER = "user", _("操作员")


class ApiToken(models.Model):
    """A bearer token for `/api/v1`. Only a hash is stored; the key is shown once, when issued.

    A brand token sees only that brand's data; a device token acts for the station or node it sits at;
    a user token acts with that user's role and assignment.
    """

    name = models.CharField(_("名称"), max_length=64)
    kind = models.CharField(_("类型"), max_length=8, choices=TokenKind.choices)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    brand = models.ForeignKey("network.Brand", null=True, blank=True, on_delete=models.CASCADE)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    device_id = models.CharField(_("设备号"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(_("已吊销"), default=False)

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, name: str, kind: str, **scope) -> tuple["ApiToken", str]:
        """Create a token; returns it with the plain key, which is not stored anywhere."""
        key = "jc_" + secrets.token_urlsafe(32)
        token = cls.objects.create(name=name, kind=kind, prefix=key[:8], key_hash=cls.hash_key(key), **scope)
        return token, key
