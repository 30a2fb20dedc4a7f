from django.apps import AppConfig
from django.utils.translation import gettext_noop

from jincun.core.choices import Role


class ApiConfig(AppConfig):
    name = "jincun.api"
    label = "api"
    verbose_name = "接口"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [
        (gettext_noop("回调记录"), "api:webhook_log", {Role.HUB_OPERATOR, Role.BRAND_USER}),
        # The job page is core's; listed here, beside the webhooks its jobs send, so the admin's first menu
        # entry (where they land) stays the station list.
        (gettext_noop("后台任务"), "core:jobs", {Role.ADMIN}),
    ]

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from jincun.api import tasks
        from jincun.api.models import WebhookEndpoint
        from jincun.api.outbox import forget_endpoints, on_state_changed, on_states_changed
        from jincun.api.services import issue_demo_tokens
        from jincun.core import periodic
        from jincun.parcels.signals import parcel_state_changed, parcel_states_changed
        from jincun.simulation.signals import demo_built

        parcel_state_changed.connect(on_state_changed, dispatch_uid="api.webhook_notice")
        parcel_states_changed.connect(on_states_changed, dispatch_uid="api.webhook_notices")
        demo_built.connect(issue_demo_tokens, dispatch_uid="api.demo_tokens")
        post_save.connect(forget_endpoints, sender=WebhookEndpoint, dispatch_uid="api.forget_endpoints_save")
        post_delete.connect(forget_endpoints, sender=WebhookEndpoint, dispatch_uid="api.forget_endpoints_del")
        periodic.register("evening_chain", tasks.ensure_evening_chain)
