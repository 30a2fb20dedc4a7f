from django.apps import AppConfig
from django.utils.translation import gettext_noop

from jincun.core.choices import Role

HUB = {Role.HUB_OPERATOR}
TOWN = {Role.TOWN_OPERATOR}
STATION = {Role.STATION_KEEPER}
PROXY = {Role.VILLAGE_PROXY}


class WebConfig(AppConfig):
    name = "jincun.web"
    label = "web"
    verbose_name = "作业页面"
    nav_admin = False  # these pages work from the user's workplace; an administrator has none
    # Operators start the day on their scan page rather than on the station registry.
    landing = {
        Role.HUB_OPERATOR: "web:hub_scan",
        Role.TOWN_OPERATOR: "web:town_checkin",
        Role.STATION_KEEPER: "web:station_shelve",
        Role.VILLAGE_PROXY: "web:proxy_batch",
    }
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    # Entries whose page is not installed are skipped by the menu.
    nav: list[tuple[str, str, set[str] | None]] = [
        (gettext_noop("到件分拣"), "web:hub_scan", HUB),
        (gettext_noop("干线装车"), "web:hub_load", HUB),
        (gettext_noop("待装看板"), "web:hub_board", HUB),
        (gettext_noop("打印标签"), "web:hub_labels", HUB),
        (gettext_noop("到件核对"), "web:town_checkin", TOWN | STATION | HUB),
        (gettext_noop("村线装车"), "web:town_load", TOWN),
        (gettext_noop("服务中心上架"), "web:service_center", TOWN),
        (gettext_noop("站点上架"), "web:station_shelve", STATION),
        (gettext_noop("取件柜台"), "web:station_counter", STATION),
        (gettext_noop("揽收"), "web:collect", STATION),
        (gettext_noop("上行交件"), "web:station_load", STATION),
        (gettext_noop("代办领取"), "web:proxy_batch", PROXY),
        (gettext_noop("查件"), "web:parcel_search", HUB | TOWN | STATION | PROXY),
        (gettext_noop("交接单"), "web:handovers", HUB | TOWN | STATION | PROXY),
        (gettext_noop("问题件"), "web:problems", HUB | TOWN | STATION),
        (gettext_noop("导入预报"), "web:import_manifest", HUB),
        (gettext_noop("导入站点"), "web:import_stations", HUB),
    ]
