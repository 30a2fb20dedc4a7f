from django.apps import AppConfig
from django.utils.translation import gettext_noop

from jincun.core.choices import Role


class SettlementConfig(AppConfig):
    name = "jincun.settlement"
    label = "settlement"
    verbose_name = "结算"
    nav: list[tuple[str, str, set[str] | None]] = [
        (
            gettext_noop("对账单"),
            "settlement:statements",
            {Role.ACCOUNTANT, Role.BRAND_USER, Role.STATION_KEEPER},
        ),
        (gettext_noop("价目"), "settlement:tariffs", {Role.ACCOUNTANT}),
        (gettext_noop("计费"), "settlement:runs", {Role.ACCOUNTANT}),
    ]
    landing = {Role.ACCOUNTANT: "settlement:statements"}
