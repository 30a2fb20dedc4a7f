"""API tokens on the admin page. A new token's key is shown once, in the confirmation message."""

from django.contrib import admin, messages

from jincun.api.models import ApiToken, WebhookDelivery, WebhookEndpoint


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "kind",
        "prefix",
        "brand",
        "user",
        "device_id",
        "station",
        "created_at",
        "last_used_at",
        "revoked",
    )
    list_filter = ("kind", "revoked", "brand")
    search_fields = ("name", "prefix", "device_id", "user__username")
    readonly_fields = ("prefix", "created_at", "last_used_at")
    fields = (
        "name", "kind", "brand", "user", "device_id", "station", "revoked", "prefix", "created_at", "last_used_at",
    )  # fmt: skip
    raw_id_fields = ("user", "station")
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        scope = {"brand": obj.brand, "user": obj.user, "device_id": obj.device_id, "station": obj.station}
        token, key = ApiToken.issue(obj.name, obj.kind, **scope)
        obj.pk, obj.prefix, obj.key_hash, obj.created_at = (
            token.pk,
            token.prefix,
            token.key_hash,
            token.created_at,
        )
        obj._state.adding = False
        messages.warning(request, f"新令牌（只显示这一次，请立即复制）：{key}")

    @admin.action(description="吊销所选令牌")
    def revoke(self, request, queryset):
        count = queryset.update(revoked=True)
        messages.success(request, f"已吊销 {count} 个令牌")


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """The secret is never a form field: it is made on creation and shown once, in the confirmation message,
    as the API does; afterwards only its first characters show."""

    list_display = ("brand", "url", "active", "paused_until", "created_at")
    list_filter = ("active", "brand")
    fields = ("brand", "url", "active", "note", "secret_hint", "paused_until", "created_at")
    readonly_fields = ("secret_hint", "paused_until", "created_at")

    @admin.display(description="签名密钥")
    def secret_hint(self, obj) -> str:
        return f"{obj.secret[:10]}…（只在创建时显示一次）" if obj and obj.pk else "保存后生成，只显示一次"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            messages.warning(request, f"签名密钥（只显示这一次，请立即复制）：{obj.secret}")


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "endpoint",
        "waybill",
        "event_type",
        "status",
        "attempts",
        "next_attempt_at",
    )
    list_filter = ("status", "event_type")
    search_fields = ("waybill", "event_key")
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]
