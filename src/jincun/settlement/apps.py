from django.apps import AppConfig


class SettlementConfig(AppConfig):
    name = "jincun.settlement"
    label = "settlement"
    verbose_name = "结算"
    nav: list[tuple[str, str, set[str] | None]] = [
        ("对账单", "settlement:statements", {"accountant", "brand_user", "station_keeper"}),
        ("价目", "settlement:tariffs", {"accountant"}),
        ("计费", "settlement:runs", {"accountant"}),
    ]
