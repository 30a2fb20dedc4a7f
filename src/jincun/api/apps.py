from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jincun.api"
    label = "api"
    verbose_name = "接口"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = []

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from jincun.api.models import WebhookEndpoint
        from jincun.api.notices import on_state_changed
        from jincun.api.webhooks import forget_endpoints
        from jincun.parcels.signals import parcel_state_changed

        parcel_state_changed.connect(on_state_changed, dispatch_uid="api.webhook_notice")
        post_save.connect(forget_endpoints, sender=WebhookEndpoint, dispatch_uid="api.forget_endpoints_save")
        post_delete.connect(forget_endpoints, sender=WebhookEndpoint, dispatch_uid="api.forget_endpoints_del")
