from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.addressing.choices import AliasSource


class Alias(models.Model):
    """Another name people write for a village unit or a town: a hamlet (自然村), an old name, a misspelling.

    `text` is stored normalized (`jincun.addressing.normalize`); the gazetteer treats it as a full place name.
    The same text may point at two places (a hamlet name used in two towns): the resolver then says ambiguous
    unless the address names the town.
    """

    text = models.CharField(_("别名"), max_length=64, db_index=True)
    area = models.ForeignKey("network.AdminArea", on_delete=models.CASCADE, related_name="aliases")
    source = models.CharField(
        _("来源"), max_length=16, choices=AliasSource.choices, default=AliasSource.IMPORTED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("地名别名")
        verbose_name_plural = verbose_name
        ordering = ["text"]
        constraints = [models.UniqueConstraint(fields=["text", "area"], name="alias_unique_text_area")]

    def __str__(self) -> str:
        return f"{self.text} → {self.area.name}"


class BrandSortCode(models.Model):
    """A brand's 三段码 / 大头笔 segment pattern and the node of ours it means (conventions.md §5.1).

    `segment` says which part of the printed code the regular expression `pattern` is matched against
    (1–3: the dash/space separated segments of 三段码; 0: the whole 大头笔 text). The target is the most
    precise of station, town node; a scanned brand label can then be pre-sorted before its address is parsed.
    """

    brand = models.ForeignKey("network.Brand", on_delete=models.CASCADE, related_name="sort_codes")
    segment = models.PositiveSmallIntegerField(
        _("段"), default=2, help_text=_("0 = 大头笔全文, 1–3 = 三段码第几段")
    )
    pattern = models.CharField(_("匹配规则"), max_length=64, help_text=_("正则表达式，全段匹配"))
    town_node = models.ForeignKey("network.TownNode", null=True, blank=True, on_delete=models.CASCADE)
    station = models.ForeignKey("network.Station", null=True, blank=True, on_delete=models.CASCADE)
    priority = models.PositiveSmallIntegerField(_("优先级"), default=100, help_text=_("小的先匹配"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("品牌分拣码")
        verbose_name_plural = verbose_name
        ordering = ["brand__code", "priority", "id"]
        constraints = [
            models.UniqueConstraint(fields=["brand", "segment", "pattern"], name="sortcode_unique_pattern"),
            models.CheckConstraint(
                condition=models.Q(town_node__isnull=False) | models.Q(station__isnull=False),
                name="sortcode_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.brand} 段{self.segment} /{self.pattern}/ → {self.station or self.town_node}"
