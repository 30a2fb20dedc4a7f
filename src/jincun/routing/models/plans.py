"""A day's plan: runs (one vehicle each) and their stops in order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.routing.choices import DemandSource, PlanStatus, RunKind, StopKind


class Plan(models.Model):
    """The runs for one date. Re-planning replaces the runs; `unserved` lists what no run carries, with why."""

    date = models.DateField(_("日期"), unique=True)
    status = models.CharField(_("状态"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    seed = models.IntegerField(_("随机种子"), default=1)
    time_limit_s = models.FloatField(_("求解时限（秒）"), default=10)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    demand_source = models.CharField(_("需求来源"), max_length=16, choices=DemandSource.choices)
    distance_source = models.CharField(_("距离来源"), max_length=200)
    approximate = models.BooleanField(_("基于估算坐标"), default=True)
    total_km = models.FloatField(_("总里程"), default=0)
    total_hours = models.FloatField(_("总车时"), default=0)
    total_cost_fen = models.BigIntegerField(_("总成本（分）"), default=0)
    total_parcels = models.PositiveIntegerField(_("件量"), default=0)
    unserved = models.JSONField(_("未安排"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("线路计划")
        verbose_name_plural = verbose_name
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date} 线路计划"


class Run(models.Model):
    """One vehicle's trip on the plan's day, from its depot and back (a handover run has no vehicle)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="runs")
    seq = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("类型"), max_length=16, choices=RunKind.choices)
    vehicle = models.ForeignKey(
        "routing.Vehicle", null=True, blank=True, on_delete=models.SET_NULL, related_name="runs"
    )
    vehicle_code = models.CharField(_("车辆"), max_length=64, blank=True)
    depot_name = models.CharField(_("出发地"), max_length=64)
    hub = models.ForeignKey("network.Hub", null=True, blank=True, on_delete=models.SET_NULL)
    town_node = models.ForeignKey("network.TownNode", null=True, blank=True, on_delete=models.SET_NULL)
    departs_at = models.DateTimeField(_("出发"))
    returns_at = models.DateTimeField(_("返回"))
    km = models.FloatField(_("里程"))
    hours = models.FloatField(_("车时"))
    load_parcels = models.PositiveIntegerField(_("装载件数"))
    load_kg = models.FloatField(_("装载重量"))
    cost_fen = models.BigIntegerField(_("成本（分）"))
    pickup_parcels = models.PositiveIntegerField(_("揽收件数"), default=0)
    pickup_kg = models.FloatField(_("揽收重量"), default=0)
    peak_kg = models.FloatField(_("最大在车重量"), default=0)
    season_hire = models.BooleanField(_("季节租用车辆"), default=False)

    class Meta:
        verbose_name = _("车次")
        verbose_name_plural = verbose_name
        ordering = ["plan", "seq"]
        constraints = [models.UniqueConstraint(fields=["plan", "seq"], name="run_unique_seq")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.seq} {self.vehicle_code}"


class Stop(models.Model):
    """A call on a run: a town node (trunk), a station or a collection point (village run) or a mail route
    (handover). It drops `parcels` inbound and collects `pickup_parcels` outbound; `onboard_*` is the load on
    the vehicle as it leaves."""

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="stops")
    order = models.PositiveSmallIntegerField(_("顺序"))
    kind = models.CharField(_("类型"), max_length=16, choices=StopKind.choices)
    name = models.CharField(_("名称"), max_length=64)
    town_node = models.ForeignKey("network.TownNode", null=True, blank=True, on_delete=models.SET_NULL)
    station = models.ForeignKey("network.Station", null=True, blank=True, on_delete=models.SET_NULL)
    mail_route = models.ForeignKey("routing.MailRoute", null=True, blank=True, on_delete=models.SET_NULL)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    eta = models.DateTimeField(_("预计到达"))
    parcels = models.PositiveIntegerField(_("件数"))
    parcels_by_brand = models.JSONField(_("分品牌件数"), default=dict)
    kg = models.FloatField(_("重量"), default=0)
    locked = models.BooleanField(_("锁定"), default=False)
    collection_point = models.ForeignKey(
        "routing.CollectionPoint", null=True, blank=True, on_delete=models.SET_NULL
    )
    pickup_parcels = models.PositiveIntegerField(_("揽收件数"), default=0)
    pickup_kg = models.FloatField(_("揽收重量"), default=0)
    pickup_litres = models.FloatField(_("揽收体积"), default=0)
    pickup_by_product = models.JSONField(_("分产品揽收"), default=dict, blank=True)
    pickup_ids = models.JSONField(
        _("揽收包裹"),
        default=list,
        blank=True,
        help_text=_("ids of the outbound parcels counted at planning"),
    )
    onboard_parcels = models.IntegerField(_("离开时在车件数"), default=0)
    onboard_kg = models.FloatField(_("离开时在车重量"), default=0)
    onboard_litres = models.FloatField(_("离开时在车体积"), default=0)

    class Meta:
        verbose_name = _("停靠点")
        verbose_name_plural = verbose_name
        ordering = ["run", "order"]
        constraints = [models.UniqueConstraint(fields=["run", "order"], name="stop_unique_order")]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
