from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.agri.choices import Level, Product


class Project(models.Model):
    """A farm-product shipping project (快递+苹果 …): what, from where, in which months, how many a year.

    The draw area is `villages` when any are named, else every village of `towns`, else the whole county.
    `annual_target` is the target now in force; its changes, with their dates, are `ProjectTarget` rows."""

    code = models.SlugField(_("项目代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64)
    product = models.CharField(_("产品"), max_length=16, choices=Product.choices)
    product_name = models.CharField(_("产品名称"), max_length=32, blank=True)
    level = models.CharField(_("级别"), max_length=8, choices=Level.choices)
    county = models.ForeignKey("network.AdminArea", on_delete=models.PROTECT, related_name="+")
    towns = models.ManyToManyField("network.AdminArea", blank=True, related_name="+", verbose_name=_("镇"))
    villages = models.ManyToManyField("network.AdminArea", blank=True, related_name="+", verbose_name=_("村"))
    season_months = models.JSONField(_("季节（月）"), default=list, help_text=_("e.g. [10, 11]"))
    annual_target = models.PositiveIntegerField(_("年目标（件）"))
    brands = models.ManyToManyField("network.Brand", blank=True, related_name="+", verbose_name=_("参与品牌"))
    lead_org = models.CharField(_("牵头单位"), max_length=64, blank=True)
    valid_from_year = models.PositiveSmallIntegerField(_("起始年份"))
    valid_to_year = models.PositiveSmallIntegerField(_("截止年份"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    volume_scale = models.FloatField(
        _("件量规模"),
        default=1.0,
        help_text=_(
            "share of the real volume this installation records: 1 live; the demo simulates a fraction"
        ),
    )

    class Meta:
        verbose_name = _("农产品项目")
        verbose_name_plural = verbose_name
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return self.name

    def valid_in(self, year: int) -> bool:
        return self.valid_from_year <= year and (self.valid_to_year is None or year <= self.valid_to_year)


class ProjectTarget(models.Model):
    """The annual target of a project for `year`, in force from `effective_from` (a mid-year change is a new
    row; the old one is kept, so progress on any date uses the target that held then)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("年份"))
    pieces = models.PositiveIntegerField(_("目标（件）"))
    effective_from = models.DateField(_("生效日期"))
    note = models.CharField(_("调整原因"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("项目目标")
        verbose_name_plural = verbose_name
        ordering = ["project", "year", "effective_from", "id"]

    def __str__(self) -> str:
        return f"{self.project_id} {self.year}: {self.pieces} from {self.effective_from}"


class ProjectParcel(models.Model):
    """An outbound parcel counted toward a project: the link made at collection (never a free-text tag)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="parcels")
    parcel = models.OneToOneField("parcels.Parcel", on_delete=models.CASCADE, related_name="project_link")
    day = models.DateField(_("揽收日期"))

    class Meta:
        verbose_name = _("项目快件")
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["project", "day"], name="projectparcel_day")]

    def __str__(self) -> str:
        return f"{self.project_id} {self.parcel_id}"


class ProjectDay(models.Model):
    """Pieces of a project per local day, village and brand: `scanned` (parcels collected at our stations,
    linked) and `reported` (the brand's own figure from an import, marked reported). The day counts
    max(scanned, reported): a brand's report for a day and village includes what it took from our stations,
    so the scanned parcels are never counted twice."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="days")
    day = models.DateField(_("日期"))
    village_code = models.CharField(_("村"), max_length=12)
    town_code = models.CharField(_("镇"), max_length=12)
    brand_id = models.IntegerField(_("品牌"))
    scanned = models.PositiveIntegerField(_("站点揽收（件）"), default=0)
    reported = models.PositiveIntegerField(_("品牌报送（件）"), default=0)
    reported_source = models.CharField(_("报送来源"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("项目日件量")
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["project", "day", "village_code", "brand_id"], name="projectday_key"
            )
        ]
        indexes = [models.Index(fields=["project", "day"], name="projectday_project_day")]

    def __str__(self) -> str:
        return f"{self.project_id} {self.day} {self.village_code} {self.counted}"

    @property
    def counted(self) -> int:
        return max(self.scanned, self.reported)


class SortingRate(models.Model):
    """How fast a hub sorts (pieces per hour) and for how many hours a day: the hub's capacity as data."""

    hub = models.OneToOneField("network.Hub", on_delete=models.CASCADE, related_name="sorting_rate")
    pieces_per_hour = models.PositiveIntegerField(_("分拣能力（件/小时）"))
    hours_per_day = models.PositiveSmallIntegerField(_("每日作业小时"), default=16)
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("分拣能力")
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.hub_id} {self.pieces_per_hour}/h"

    @property
    def per_day(self) -> int:
        return self.pieces_per_hour * self.hours_per_day
