from django.apps import AppConfig


class SettlementConfig(AppConfig):
    name = "jincun.settlement"
    label = "settlement"
    verbose_name = "结算"
    nav: list[tuple[str, str, set[str] | None]] = [
        ("结算", "settlement:statements", {"accountant", "brand_user", "station_keeper"}),
    ]
