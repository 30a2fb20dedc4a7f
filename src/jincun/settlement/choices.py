"""Vocabularies of settlement: who a line is with, how a tariff prices, where a statement stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    """Who a charge line is with. A brand pays the operator; the operator pays the others.

    There is deliberately no villager here: picking up a parcel is free, and a reported pickup fee is a
    compliance case, never a settlement line.
    """

    BRAND = "brand", _("快递品牌（应收）")
    STATION = "station", _("村级站点佣金（应付）")
    POSTAL = "postal", _("中国邮政代投（应付）")
    PROXY = "proxy", _("村委代办补贴（应付）")


# Parties the operator pays; a brand's lines are receivable.
PAYABLE = {PartyKind.STATION, PartyKind.POSTAL, PartyKind.PROXY}


class PriceModel(models.TextChoices):
    """One rating function per model in `settlement.rating` (the shape of Lago's `charge_models/`)."""

    PER_PIECE = "per_piece", _("按件")
    WEIGHT_BAND = "weight_band", _("按重量段")
    GRADUATED = "graduated", _("月累计阶梯")
    SHARE = "share", _("按品牌费分成")


class LineKind(models.TextChoices):
    EVENT = "event", _("计费事件")
    MINIMUM = "minimum", _("月保底补足")
    ADJUSTMENT = "adjustment", _("调整")


class PeriodState(models.TextChoices):
    OPEN = "open", _("开放")
    CLOSED = "closed", _("已关账")


class StatementState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("核对期（可提异议）")
    ISSUED = "issued", _("已出具")
    CONFIRMED = "confirmed", _("对方已确认")
    PAID = "paid", _("已结清")


class DisputeState(models.TextChoices):
    OPEN = "open", _("待处理")
    ACCEPTED = "accepted", _("已采纳（已调整）")
    REJECTED = "rejected", _("已驳回")


class RunState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("完成")
    FAILED = "failed", _("失败")


class MatchCategory(models.TextChoices):
    AGREE = "agree", _("双方一致")
    ONLY_OURS = "only_ours", _("仅我方有")
    ONLY_THEIRS = "only_theirs", _("仅对方有")
    DIFFERS = "differs", _("金额不一致")
