from django.apps import AppConfig

from jincun.core.choices import Role


class SettlementConfig(AppConfig):
    name = "jincun.settlement"
    label = "settlement"
    verbose_name = "结算"
    nav: list[tuple[str, str, set[str] | None]] = [
        ("对账单", "settlement:statements", {Role.ACCOUNTANT, Role.BRAND_USER, Role.STATION_KEEPER}),
        ("价目", "settlement:tariffs", {Role.ACCOUNTANT}),
        ("计费", "settlement:runs", {Role.ACCOUNTANT}),
    ]
    landing = {Role.ACCOUNTANT: "settlement:statements"}
