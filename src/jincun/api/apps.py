from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jincun.api"
    label = "api"
    verbose_name = "接口"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = []
