from django.contrib import admin

from jincun.api.models import ApiToken, WebhookDelivery, WebhookEndpoint


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "prefix", "brand", "user", "device_id", "last_used_at", "revoked")
    list_filter = ("kind", "revoked")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    list_display = ("brand", "url", "active", "created_at")
    list_filter = ("active", "brand")


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
