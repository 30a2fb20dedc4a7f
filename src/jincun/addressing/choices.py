from django.db import models
from django.utils.translation import gettext_lazy as _


class AliasSource(models.TextChoices):
    IMPORTED = "imported", _("导入")
    LEARNED = "learned", _("复核学习")
    OPERATOR = "operator", _("人工录入")


class ResolutionStatus(models.TextChoices):
    """What the resolver says about an address (the CLI/API `status` column)."""

    RESOLVED = "resolved", _("已解析到村")
    TOWN_ONLY = "town_only", _("仅到镇")
    AMBIGUOUS = "ambiguous", _("有歧义")
    OUT_OF_AREA = "out_of_area", _("非本县")
    UNRESOLVED = "unresolved", _("无法解析")
