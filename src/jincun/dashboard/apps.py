from django.apps import AppConfig
from django.utils.translation import gettext_noop

from jincun.core.choices import Role


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
            {Role.REGULATOR, Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.BRAND_USER},
        ),
        (
            gettext_noop("覆盖率"),
            "dashboard:coverage",
            {Role.REGULATOR, Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.BRAND_USER},
        ),
    ]
    # Where a role lands after login when its first menu entry is not its main page.
    landing = {Role.REGULATOR: "dashboard:leadership"}

    def ready(self):
        from jincun.core import periodic
        from jincun.dashboard import tasks
        from jincun.dashboard.cache import connect_signals

        periodic.register("aggregates_refresh", tasks.ensure_refresh)
        connect_signals()
