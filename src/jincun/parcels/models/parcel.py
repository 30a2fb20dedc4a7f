from django.db import models
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from jincun.core.masking import mask_name, mask_phone
from jincun.parcels.choices import Direction, Preference, RouteKind, State


class Parcel(models.Model):
    """One parcel, inbound (to a villager) or outbound (farm products going out).

    `state` is a projection of the parcel's accepted scan events (`parcels.transitions`), kept here so lists
    are cheap; only the services write it. Recipient name and phone are stored whole and shown masked.
    """

    waybill = models.CharField(_("运单号"), max_length=40, db_index=True)
    # No index of its own: `parcel_brand_waybill` (brand, waybill) serves every lookup by brand, and each
    # index on this table is written again on every state change (parcels 0013).
    brand = models.ForeignKey(
        "network.Brand", on_delete=models.PROTECT, related_name="parcels", db_index=False
    )
    direction = models.CharField(
        _("方向"), max_length=8, choices=Direction.choices, default=Direction.INBOUND
    )
    state = models.CharField(_("状态"), max_length=20, choices=State.choices, db_index=True)
    state_at = models.DateTimeField(_("状态时间"), null=True, blank=True)
    recipient_name = models.CharField(_("收件人"), max_length=64, blank=True)
    recipient_phone = models.CharField(_("收件人电话"), max_length=20, blank=True, db_index=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    village = models.ForeignKey(
        "network.AdminArea", null=True, blank=True, on_delete=models.PROTECT, related_name="parcels"
    )
    route_kind = models.CharField(_("分拣去向"), max_length=16, choices=RouteKind.choices, blank=True)
    route_code = models.CharField(_("分拣目标编码"), max_length=40, blank=True)
    town_node = models.ForeignKey(
        "network.TownNode", null=True, blank=True, on_delete=models.PROTECT, related_name="parcels"
    )
    station = models.ForeignKey(  # indexed by `parcel_station_state` (station, state), as `brand` above
        "network.Station",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parcels",
        db_index=False,
    )
    weight_g = models.PositiveIntegerField(_("重量(克)"), null=True, blank=True)
    is_cod = models.BooleanField(_("代收货款"), default=False)
    is_insured = models.BooleanField(_("保价"), default=False)
    brand_mismatch = models.BooleanField(_("单号与品牌规则不符"), default=False)
    preference = models.CharField(_("投递方式"), max_length=12, choices=Preference.choices, blank=True)
    deliver_to_door = models.BooleanField(_("需送货上门"), default=False)
    pickup_code = models.CharField(_("取件码"), max_length=20, blank=True, db_index=True)
    shelved_at = models.DateTimeField(_("上架时间"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("已提醒次数"), default=0)
    # The county (6-digit code) in the keys of the big tables, for sharding by county (docs/decisions/
    # 0014-citus-sharding.md): here the database derives it from the village, so every writer gets it.
    county = models.GeneratedField(
        expression=Substr("village", 1, 6),
        output_field=models.CharField(_("县"), max_length=6),
        db_persist=True,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("快件")
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["brand", "waybill"], name="parcel_brand_waybill")]
        indexes = [
            models.Index(fields=["station", "state"], name="parcel_station_state"),
            models.Index(fields=["county", "state"], name="parcel_county_state"),
        ]

    def __str__(self) -> str:
        return self.waybill

    @property
    def recipient_name_masked(self) -> str:
        return mask_name(self.recipient_name)

    @property
    def recipient_phone_masked(self) -> str:
        return mask_phone(self.recipient_phone)
