from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from jincun.network.choices import AreaLevel, UnitType


class AdminAreaQuerySet(models.QuerySet):
    def towns(self):
        return self.filter(level=AreaLevel.TOWN)

    def villages(self):
        return self.filter(level=AreaLevel.VILLAGE)

    def administrative_villages(self):
        """建制村: the unit the policy's coverage targets count (communities are reported apart)."""
        return self.filter(level=AreaLevel.VILLAGE, unit_type=UnitType.VILLAGE_COMMITTEE)

    def communities(self):
        return self.filter(level=AreaLevel.VILLAGE, unit_type=UnitType.RESIDENTS_COMMITTEE)

    def in_county(self, county_code: str):
        return self.filter(code__startswith=county_code[:6])


class AdminArea(models.Model):
    """A county, town (镇/街道) or village unit (村委会/居委会), keyed by its 12-digit NBS statistical code.

    Names repeat across towns (six village names occur twice in Yiyuan): never look one up by name alone.
    Towns are stored with their 9-digit code padded with `000`, the county with `000000`.
    """

    code = models.CharField(_("统计用区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=64, db_index=True)
    level = models.CharField(_("层级"), max_length=8, choices=AreaLevel.choices, db_index=True)
    unit_type = models.CharField(_("单位类型"), max_length=24, choices=UnitType.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("上级"),
    )
    mca_code = models.CharField(_("民政部区划代码"), max_length=12, blank=True)
    lat = models.FloatField(_("纬度"), null=True, blank=True)
    lon = models.FloatField(_("经度"), null=True, blank=True)
    location_approximate = models.BooleanField(
        _("位置为估算"), default=True, help_text=_("True when the point was placed, not surveyed")
    )
    history = HistoricalRecords()

    objects = AdminAreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = verbose_name
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def is_administrative_village(self) -> bool:
        return self.level == AreaLevel.VILLAGE and self.unit_type == UnitType.VILLAGE_COMMITTEE

    @property
    def town_code(self) -> str:
        return self.code[:9] + "000"

    @property
    def county_code(self) -> str:
        return self.code[:6] + "000000"

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None
