from django.db import models
from django.utils.translation import gettext_lazy as _


class VehicleKind(models.TextChoices):
    VAN = "van", _("厢式货车")
    TRICYCLE = "tricycle", _("电动三轮车")
    MAIL = "mail", _("邮政邮路车辆")


class RunKind(models.TextChoices):
    """Trunk: hub → town nodes. Village: town node → stations."""

    TRUNK = "trunk", _("干线（县→镇）")
    VILLAGE = "village", _("村线（镇→村）")
    HANDOVER = "handover", _("邮政交接（县→邮路）")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class Frequency(models.TextChoices):
    """How often a village run calls at a village (seed: 每日 / 隔日 / 按需)."""

    DAILY = "daily", _("每日")
    ALTERNATE = "alternate", _("隔日")
    ON_DEMAND = "on_demand", _("按需（滞留超过N天）")


class StopKind(models.TextChoices):
    NODE = "node", _("镇级节点")
    STATION = "station", _("村级站点")
    HANDOVER = "handover", _("邮政交接")
    COLLECTION = "collection", _("农产品收集点")


class CollectionPointKind(models.TextChoices):
    PACKING_HOUSE = "packing_house", _("包装厂")
    COOPERATIVE = "cooperative", _("合作社")


class DemandSource(models.TextChoices):
    PARCELS = "parcels", _("在途包裹")
    FORECAST = "forecast", _("预测量")


# One colour per run on the map (cycled).
RUN_COLOURS = [
    "#1971c2", "#e03131", "#2f9e44", "#f08c00", "#9c36b5", "#0c8599",
    "#e8590c", "#5c940d", "#c2255c", "#3b5bdb", "#862e9c", "#087f5b",
]  # fmt: skip
