from django.apps import AppConfig
from django.utils.translation import gettext_noop


class ComplianceConfig(AppConfig):
    name = "jincun.compliance"
    label = "compliance"
    verbose_name = "合规与站点标准"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [
        (gettext_noop("合规"), "compliance:overview", {"regulator", "hub_operator", "town_operator"}),
        (gettext_noop("投诉"), "compliance:complaints", {"regulator", "hub_operator", "town_operator"}),
    ]

    def ready(self):
        from jincun.compliance import tasks
        from jincun.compliance.services.standing import register_with_network
        from jincun.core import periodic

        register_with_network()
        periodic.register("compliance_sweep", tasks.ensure_sweep)
        periodic.register("demo_cameras", tasks.ensure_demo_cameras)
