from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jincun.network.choices import Mode
from jincun.settlement.choices import PartyKind, PriceModel


class Tariff(models.Model):
    """One version of a price: who it is with (`party_kind`), which parcels it covers (brand × mode × town or
    village; empty = any), from which day, which scan events earn, and how a piece is priced.

    A version is never edited: a new price is a new row with the same scope and a later `effective_from`
    (`settlement.services.tariffs.add_tariff_version`). A version applies from its `effective_from` until the
    next version of the same scope starts. Where several scopes match a parcel the most specific wins:
    village before town before county-wide, then a named brand, then a named mode.

    `params` by price model: per_piece {"unit_fen": 150}; weight_band {"bands": [[upto_g, fen], …],
    "extra_per_kg_fen": 50}; graduated {"tiers": [[upto_pieces or null, fen], …]}; share {"share_bp": 3000}
    (basis points of the brand's charge for the same event). `minimum_fen` tops a party's month up to a floor.
    """

    code = models.CharField(_("价目编码"), max_length=40, db_index=True)
    name = models.CharField(_("名称"), max_length=80)
    party_kind = models.CharField(_("结算对象"), max_length=12, choices=PartyKind.choices)
    payee_brand = models.ForeignKey(
        "network.Brand",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("邮政代投：收款的邮政企业"),
    )
    brand = models.ForeignKey(
        "network.Brand", null=True, blank=True, on_delete=models.PROTECT, related_name="tariffs"
    )
    mode = models.CharField(_("合作模式"), max_length=16, choices=Mode.choices, blank=True)
    town = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    effective_from = models.DateField(_("生效日期"))
    event_types = models.JSONField(_("计费事件"), default=list)
    price_model = models.CharField(_("计价方式"), max_length=16, choices=PriceModel.choices)
    params = models.JSONField(_("价格参数"), default=dict)
    minimum_fen = models.PositiveIntegerField(_("月保底(分)"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    created_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("价目")
        verbose_name_plural = verbose_name
        ordering = ["party_kind", "code", "effective_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(party_kind__in=[k.value for k in PartyKind]), name="tariff_party_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.effective_from} 起）"

    @property
    def scope_key(self) -> tuple:
        return (self.party_kind, self.brand_id, self.mode, self.town_id, self.village_id)

    @property
    def specificity(self) -> tuple[int, int, int]:
        """Village before town before county-wide, then a named brand, then a named mode."""
        geo = 2 if self.village_id else 1 if self.town_id else 0
        return (geo, int(bool(self.brand_id)), int(bool(self.mode)))

    @property
    def scope_text(self) -> str:
        parts = [str(self.brand) if self.brand_id else "所有品牌"]
        parts.append(self.get_mode_display() if self.mode else "所有模式")
        parts.append(str(self.village or self.town or "全县"))
        return " × ".join(parts)
