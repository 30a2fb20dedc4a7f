from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The people who use Jincun (ARCHITECTURE.md "Who uses it")."""

    ADMIN = "admin", _("系统管理员")
    REGULATOR = "regulator", _("监管/领导小组")
    HUB_OPERATOR = "hub_operator", _("共配中心操作员")
    TOWN_OPERATOR = "town_operator", _("镇级节点操作员")
    STATION_KEEPER = "station_keeper", _("村级站点负责人")
    VILLAGE_PROXY = "village_proxy", _("村委代办员")
    BRAND_USER = "brand_user", _("快递品牌")
    ACCOUNTANT = "accountant", _("共配中心结算员")


class TokenKind(models.TextChoices):
    """What an API token stands for (`api.ApiToken.kind`). A device token's caller acts with the role
    `TokenKind.DEVICE` ("device"), the role the scan endpoints accept besides the operators'."""

    BRAND = "brand", _("品牌")
    DEVICE = "device", _("扫描设备")
    USER = "user", _("操作员")


# Roles that may see personal data (names, phones) at all; the regulator sees figures only.
ROLES_WITH_PERSONAL_DATA = {
    Role.ADMIN,
    Role.HUB_OPERATOR,
    Role.TOWN_OPERATOR,
    Role.STATION_KEEPER,
    Role.VILLAGE_PROXY,
    Role.BRAND_USER,
}
