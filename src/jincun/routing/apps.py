from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "jincun.routing"
    label = "routing"
    verbose_name = "线路调度"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = []
