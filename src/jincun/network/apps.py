from django.apps import AppConfig
from django.utils.translation import gettext_noop


class NetworkConfig(AppConfig):
    name = "jincun.network"
    label = "network"
    verbose_name = "网络与覆盖"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [(gettext_noop("站点"), "network:station_list", None)]
