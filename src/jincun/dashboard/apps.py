from django.apps import AppConfig
from django.utils.translation import gettext_noop


class DashboardConfig(AppConfig):
    name = "jincun.dashboard"
    label = "dashboard"
    verbose_name = "驾驶舱"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [
        (gettext_noop("驾驶舱"), "dashboard:leadership", {"regulator", "hub_operator", "town_operator"}),
        (gettext_noop("预测与运力"), "dashboard:forecast", {"regulator", "hub_operator"}),
        (gettext_noop("报告"), "dashboard:reports", {"regulator", "hub_operator"}),
        (gettext_noop("大屏"), "dashboard:big_screen", {"regulator"}),
        (
            gettext_noop("网络地图"),
            "dashboard:map",
            {"regulator", "hub_operator", "town_operator", "brand_user"},
        ),
        (
            gettext_noop("覆盖率"),
            "dashboard:coverage",
            {"regulator", "hub_operator", "town_operator", "brand_user"},
        ),
    ]
    # Where a role lands after login when its first menu entry is not its main page.
    landing = {"regulator": "dashboard:leadership"}
