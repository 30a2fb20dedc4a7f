import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.core.choices import TokenKind


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


def _new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """Where a brand wants its state-change notices: a URL and the shared secret that signs each body.

    The secret is stored whole because we sign with it; it is shown once on creation and masked after.
    """

    brand = models.ForeignKey("network.Brand", on_delete=models.CASCADE, related_name="webhook_endpoints")
    url = models.URLField(_("接收地址"), max_length=500)
    secret = models.CharField(_("签名密钥"), max_length=80, default=_new_secret)
    active = models.BooleanField(_("启用"), default=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("品牌回调地址")
        verbose_name_plural = verbose_name
        ordering = ["brand__code", "pk"]

    def __str__(self) -> str:
        return f"{self.brand} → {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    DELIVERED = "delivered", _("已送达")
    FAILED = "failed", _("已放弃重试")


class WebhookDelivery(models.Model):
    """One notice to one endpoint. The row outlives any outage: it is retried with exponential backoff
    until the endpoint answers 2xx; after the last automatic attempt it is `failed` but kept, and can be
    sent again from the delivery log.

    `event_key` makes creation idempotent: the same state change never queues two notices to one endpoint.
    """

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_key = models.CharField(_("事件键"), max_length=100)
    event_type = models.CharField(_("事件类型"), max_length=40, default="parcel.state_changed")
    waybill = models.CharField(_("运单号"), max_length=40, blank=True, db_index=True)
    payload = models.JSONField(_("内容"))
    status = models.CharField(
        _("状态"), max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("最近尝试"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("最近响应码"), null=True, blank=True)
    last_response = models.CharField(_("最近响应"), max_length=500, blank=True)
    last_error = models.CharField(_("最近错误"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("回调投递")
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "event_key"], name="webhook_delivery_once"),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx")]

    def __str__(self) -> str:
        return f"{self.event_type} {self.waybill} → {self.endpoint_id} ({self.status})"
