from django.db import models
from django.utils.translation import gettext_lazy as _


class Standing(models.TextChoices):
    """A station against the standard: meets it, meets it with warnings (e.g. within the filing period), or
    falls short (each reason listed)."""

    MET = "met", _("达标")
    WARNING = "warning", _("达标（有提醒）")
    NOT_MET = "not_met", _("未达标")


class FlagKind(models.TextChoices):
    VIDEO_OFFLINE = "video_offline", _("视频离线")
    FILING_OVERDUE = "filing_overdue", _("逾期未备案")


class InspectorKind(models.TextChoices):
    REGULATOR = "regulator", _("邮政管理部门")
    OPERATOR = "operator", _("运营方自查")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    REFUNDED = "refunded", _("已退费")
    UNFOUNDED = "unfounded", _("经核实不成立")


class ComplaintChannel(models.TextChoices):
    WEB = "web", _("网页")
    API = "api", _("接口")
    PHONE = "phone", _("电话")


class ComplaintCategory(models.TextChoices):
    DELAY = "delay", _("延误")
    LOSS = "loss", _("丢失短少")
    DAMAGE = "damage", _("损毁")
    FEE = "fee", _("乱收费")
    NO_CONSENT = "no_consent", _("未经同意放入站点")
    SERVICE = "service", _("服务态度")
    PRIVACY = "privacy", _("信息泄露")
    OTHER = "other", _("其他")


class Responsible(models.TextChoices):
    BRAND = "brand", _("快递品牌")
    OPERATOR = "operator", _("共配运营方")
    STATION = "station", _("村级站点")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("已受理")
    ASSIGNED = "assigned", _("处理中")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")


OPEN_COMPLAINT = (ComplaintStatus.RECEIVED, ComplaintStatus.ASSIGNED)
