from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jincun.core"
    label = "core"
    verbose_name = "基础"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = []
