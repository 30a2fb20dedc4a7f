from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "jincun.dashboard"
    label = "dashboard"
    verbose_name = "驾驶舱"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = []
