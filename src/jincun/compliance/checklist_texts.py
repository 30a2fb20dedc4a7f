"""The shipped checklist's item texts (`data/checklist.json`), so `makemessages` finds them for the English
catalog; the pages translate an item's text when a translation exists. A county's own items show as written."""

from django.utils.translation import gettext_noop

TEXTS = [
    gettext_noop("有专人负责收派（姓名、电话上墙）"),
    gettext_noop("统一标识标牌"),
    gettext_noop("货架分区、取件码有序"),
    gettext_noop("安全监控视频接入县级平台"),
    gettext_noop("消防器材齐全有效"),
    gettext_noop("营业时间公示"),
    gettext_noop("已向邮政管理部门备案"),
    gettext_noop("公示“取件免费”"),
    gettext_noop("未经收件人同意不入站（同意记录可查）"),
    gettext_noop("快件与商品分区存放"),
    gettext_noop("电商代购、农产品上行服务可用"),
    gettext_noop("邮政服务区与快件区分开"),
    gettext_noop("快件存放面积满足日均量"),
]
