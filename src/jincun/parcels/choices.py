"""Vocabularies of the parcel journey (docs/architecture.md "The parcel journey")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INBOUND = "inbound", _("下行")
    OUTBOUND = "outbound", _("上行")


class State(models.TextChoices):
    MANIFESTED = "manifested", _("已预报")
    AT_HUB = "at_hub", _("到达县共配中心")
    SORTED = "sorted", _("已分拣")
    TO_TOWN = "to_town", _("发往乡镇")
    AT_TOWN = "at_town", _("到达乡镇节点")
    TO_VILLAGE = "to_village", _("发往村站")
    AT_STATION = "at_station", _("待取件")
    AT_SERVICE_CENTER = "at_service_center", _("便民服务中心待领")
    WITH_PROXY = "with_proxy", _("村委代办中")
    TO_POSTAL = "to_postal", _("已交邮政")
    ON_MAIL_ROUTE = "on_mail_route", _("邮路投递中")
    SIGNED = "signed", _("已签收")
    CREATED = "created", _("待揽收")
    COLLECTED = "collected", _("已揽收")
    TO_HUB = "to_hub", _("发往县共配中心")
    HANDED_TO_BRAND = "handed_to_brand", _("已交品牌")
    PROBLEM = "problem", _("问题件")
    REFUSED = "refused", _("拒签")
    OVERDUE = "overdue", _("滞留超时未取")
    RETURNING = "returning", _("退回中")
    RETURNED = "returned", _("已退回")
    LOST = "lost", _("丢失")


class EventResult(models.TextChoices):
    APPLIED = "applied", _("已生效")
    LATE = "late", _("迟到（仅记录）")
    REFUSED = "refused", _("已拒绝")
    NOTE = "note", _("记录")


class PlaceKind(models.TextChoices):
    HUB = "hub", _("县共配中心")
    TOWN_NODE = "town_node", _("镇级节点")
    SERVICE_CENTER = "service_center", _("便民服务中心")
    STATION = "station", _("村级站点")
    POSTAL = "postal", _("邮政")
    BRAND = "brand", _("品牌")
    PROXY = "proxy", _("村委代办人")
    OTHER = "other", _("其他")


class RouteKind(models.TextChoices):
    TOWN = "town", _("乡镇节点")
    POSTAL = "postal", _("邮快合作")
    SERVICE_CENTER = "service_center", _("村委代办")
    UNROUTED = "unrouted", _("未定位")


class SignType(models.TextChoices):
    SELF = "self", _("本人签收")
    PROXY = "proxy", _("代签")
    STATION = "station", _("驿站签收")
    DOOR = "door", _("送货上门")


class Preference(models.TextChoices):
    STATION = "station", _("驿站自取")
    DOOR = "door", _("送货上门")
    DESIGNATED = "designated", _("指定代收")


class ConsentSource(models.TextChoices):
    """How the recipient's choice reached us (《快递市场管理办法》2024: the consent must be traceable)."""

    SMS_REPLY = "sms_reply", _("短信回复")
    PHONE_CALL = "phone_call", _("电话确认")
    COUNTER = "counter", _("柜台登记")
    APP = "app", _("App/小程序")


class ProblemReason(models.TextChoices):
    DAMAGED = "damaged", _("破损")
    UNRESOLVABLE = "unresolvable", _("地址无法解析")
    MISSING = "missing", _("交接缺件")
    EXTRA = "extra", _("交接多件")
    REFUSED = "refused", _("拒收")
    OVERDUE = "overdue", _("站点滞留超时")
    RETURNING = "returning", _("退回中")
    RETURNED = "returned", _("已退回")
    LOST = "lost", _("丢失")
    FEE = "fee", _("违规收费")


# What a person on a work page may report (the rest are recorded by the system: handover checks, overdue, returns).
REPORTED_REASONS = (
    ProblemReason.DAMAGED,
    ProblemReason.UNRESOLVABLE,
    ProblemReason.REFUSED,
    ProblemReason.LOST,
    ProblemReason.FEE,
)


class Resolution(models.TextChoices):
    """How a problem was closed (`Problem.resolution`, `HandoverItem.resolution`). Operators choose from
    `CHOSEN_RESOLUTIONS`; `returned` and `signed` are recorded by the system when a parcel ends its journey."""

    FOUND = "found", _("已找到，恢复流转")
    READDRESSED = "readdressed", _("地址已核实，重新分拣")
    RETURN = "return", _("退回品牌")
    RETURNED = "returned", _("已退回品牌")
    LOST = "lost", _("确认丢失")
    DAMAGED_SIGNED = "damaged_signed", _("破损件已与收件人确认签收")
    SIGNED = "signed", _("已签收")
    NOTED = "noted", _("已记录，无需改变状态")


CHOSEN_RESOLUTIONS = (
    Resolution.FOUND,
    Resolution.READDRESSED,
    Resolution.RETURN,
    Resolution.LOST,
    Resolution.DAMAGED_SIGNED,
    Resolution.NOTED,
)


class ScanStatus(models.TextChoices):
    """What one scan did (`ScanOutcome.status`, the API's per-item `status`)."""

    ACCEPTED = "accepted", _("已接受")
    DUPLICATE = "duplicate", _("重复")
    REFUSED = "refused", _("已拒绝")


class HandoverKind(models.TextChoices):
    TRUNK = "trunk", _("县→镇干线")
    VILLAGE_RUN = "village_run", _("镇→村")
    POSTAL = "postal", _("交邮政")
    PROXY = "proxy", _("村委代办领取")
    UP_TOWN = "up_town", _("村→镇（上行）")
    UP_HUB = "up_hub", _("镇→县（上行）")
    TO_BRAND = "to_brand", _("交品牌（上行）")


class HandoverStatus(models.TextChoices):
    OPEN = "open", _("装车中")
    DISPATCHED = "dispatched", _("在途")
    RECONCILED = "reconciled", _("已核对")
    DISCREPANCY = "discrepancy", _("有差异")


class SmsStatus(models.TextChoices):
    QUEUED = "queued", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class IdType(models.TextChoices):
    RESIDENT = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    OTHER = "other", _("其他")


class Contents(models.TextChoices):
    """What the station's inspection (验视) found inside an outbound parcel."""

    FARM_FRESH = "farm_fresh", _("生鲜农产品（水果、蔬菜）")
    FARM_DRY = "farm_dry", _("干货、特产")
    DAILY = "daily", _("日用品")
    CLOTHING = "clothing", _("服装鞋帽")
    DOCUMENTS = "documents", _("文件资料")
    OTHER = "other", _("其他")
    PROHIBITED = "prohibited", _("禁寄物品（易燃易爆、管制刀具、活体动物等）")
