from django.apps import AppConfig

from jincun.core.choices import Role


class RoutingConfig(AppConfig):
    name = "jincun.routing"
    label = "routing"
    verbose_name = "线路调度"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [
        ("线路计划", "routing:plan", {Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.REGULATOR}),
        ("共配对比", "routing:compare", {Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.REGULATOR}),
    ]

    def ready(self):
        from jincun.core import periodic
        from jincun.routing import tasks

        periodic.register("plan_tomorrow", tasks.ensure_evening_job)
