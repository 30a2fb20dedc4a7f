from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jincun.web"
    label = "web"
    verbose_name = "作业页面"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [("导入站点", "web:import_stations", {"hub_operator"})]
