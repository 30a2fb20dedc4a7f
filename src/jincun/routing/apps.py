from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "jincun.routing"
    label = "routing"
    verbose_name = "线路调度"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [
        ("线路计划", "routing:plan", {"hub_operator", "town_operator", "regulator"}),
        ("共配对比", "routing:compare", {"hub_operator", "town_operator", "regulator"}),
    ]
