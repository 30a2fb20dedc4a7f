from django.apps import AppConfig
from django.utils.translation import gettext_noop

from jincun.core.choices import Role


class RoutingConfig(AppConfig):
    name = "jincun.routing"
    label = "routing"
    verbose_name = "线路调度"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [
        (gettext_noop("线路计划"), "routing:plan", {Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.REGULATOR}),
        (
            gettext_noop("共配对比"),
            "routing:compare",
            {Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.REGULATOR},
        ),
    ]

    # Tomorrow's plan is made each evening by the evening chain's routing step (`jincun.api.evening`), which the
    # worker starts; `plan_tomorrow` stays for `jincun plan-routes --schedule` on installations without the chain.
