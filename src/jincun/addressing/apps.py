from django.apps import AppConfig
from django.utils.translation import gettext_noop

from jincun.core.choices import Role


class AddressingConfig(AppConfig):
    name = "jincun.addressing"
    label = "addressing"
    verbose_name = "地址解析"
    # Menu entries this app adds to the page header: (text, url name, roles allowed or None for everyone).
    nav: list[tuple[str, str, set[str] | None]] = [
        (gettext_noop("地址复核"), "addressing:review", {Role.HUB_OPERATOR})
    ]
