"""Vocabularies of the farm-product projects (快递+农特产品)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Product(models.TextChoices):
    APPLE = "apple", _("苹果")
    CHERRY = "cherry", _("樱桃")
    OTHER = "other", _("其他农特产品")


class Level(models.TextChoices):
    GOLD = "gold", _("金牌项目")
    SILVER = "silver", _("银牌项目")
    TOWN = "town", _("乡镇项目")
    OTHER = "other", _("其他")


class Standing(models.TextChoices):
    MET = "met", _("已完成")
    ON_TRACK = "on_track", _("按期可完成")
    BEHIND = "behind", _("进度落后")
    NOT_STARTED = "not_started", _("未到产季")
