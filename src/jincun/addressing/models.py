from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jincun.addressing.choices import AliasSource, ResolutionStatus


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
    """A brand's 三段码 / 大头笔 segment pattern and the node of ours it means (docs/architecture.md "Conventions" §5.1).

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


class AddressReview(models.Model):
    """One group in the hub operator's review queue: every not-resolved address with the same unmatched
    `fragment` (normalized) in the same town scope (`town_code`, 9 digits, '' when no town was named).

    Choosing a village (`decided_area`) resolves every item of the group at once, and optionally saves the
    fragment as a learned alias so the next manifest resolves on its own.
    """

    fragment = models.CharField(_("未匹配片段"), max_length=64)
    town_code = models.CharField(_("镇代码"), max_length=9, blank=True)
    status_seen = models.CharField(_("解析结果"), max_length=16)
    candidates = models.JSONField(_("候选"), default=list, blank=True)
    sample_address = models.CharField(_("示例地址"), max_length=300)
    occurrences = models.PositiveIntegerField(_("出现次数"), default=0)
    first_seen = models.DateTimeField(_("首次出现"), auto_now_add=True)
    last_seen = models.DateTimeField(_("最近出现"), auto_now=True)
    decided_area = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    alias = models.ForeignKey(Alias, null=True, blank=True, on_delete=models.SET_NULL, related_name="reviews")

    class Meta:
        verbose_name = _("地址复核")
        verbose_name_plural = verbose_name
        ordering = ["-occurrences", "fragment"]
        constraints = [
            models.UniqueConstraint(fields=["fragment", "town_code"], name="review_unique_fragment")
        ]

    def __str__(self) -> str:
        return f"{self.fragment}（{self.occurrences}）"

    @property
    def is_open(self) -> bool:
        return self.decided_area_id is None

    @property
    def status_label(self) -> str:
        return ResolutionStatus(self.status_seen).label if self.status_seen in ResolutionStatus.values else ""


class AddressReviewItem(models.Model):
    """One address waiting in a review group: `ref` is the caller's id (a waybill, a CSV row id)."""

    review = models.ForeignKey(AddressReview, on_delete=models.CASCADE, related_name="items")
    ref = models.CharField(_("引用"), max_length=64, blank=True)
    source = models.CharField(_("来源"), max_length=16, blank=True)
    address = models.CharField(_("地址"), max_length=300)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    resolved_area = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("待复核地址")
        verbose_name_plural = verbose_name
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["review", "ref", "address"], name="reviewitem_unique")]

    def __str__(self) -> str:
        return f"{self.ref or self.pk}: {self.address}"
