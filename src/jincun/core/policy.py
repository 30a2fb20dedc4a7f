"""Who sees what: one access and masking policy for every page, export, label, SMS, PDF and API answer.

`Policy.of(user)` (pages) and `Policy.of_caller(caller)` (API) answer three questions the same way:
- what the role may see: personal data at all (`sees_personal`; the regulator sees figures only);
- which parcels and places are in its scope (`parcels(qs)`, `stations(qs)`);
- how a name or phone is shown: always masked (`name`, `phone`, GB/T 41833-2022 — names keep ≥1 character
  hidden, labels, SMS and exports hide ≥6 phone digits).

Seeing a whole phone or name is an explicit unmask (`unmask`): only roles that need it (`UNMASK_ROLES`),
for a record in their scope, with a reason, written to `UnmaskLog` (who, what, when, why), which the
regulator reads. Nothing else in Jincun shows personal data whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from jincun.core.choices import ROLES_WITH_PERSONAL_DATA, Role
from jincun.core.masking import mask_name, mask_phone, mask_phone_label

# Roles that call people as part of their work (door delivery, problem parcels, keepers): they may unmask.
UNMASK_ROLES = {Role.ADMIN, Role.HUB_OPERATOR, Role.TOWN_OPERATOR, Role.STATION_KEEPER, Role.VILLAGE_PROXY}

# What may be unmasked: model label → fields, and the policy method that scopes that model's rows.
UNMASKABLE = {
    "parcels.parcel": ({"recipient_phone", "recipient_name"}, "parcels"),
    "network.station": ({"keeper_phone", "keeper_name"}, "stations"),
    "compliance.complaint": ({"contact_phone", "contact_name"}, "complaints"),
}

MIN_REASON = 2


class UnmaskRefused(PermissionDenied):
    """Why an unmask was refused, in Chinese."""


@dataclass(frozen=True)
class Policy:
    role: str
    user: object | None = None
    brand_id: int | None = None
    hub_id: int | None = None
    town_node_id: int | None = None
    station_id: int | None = None
    village_codes: tuple[str, ...] = field(default_factory=tuple)
    station_code: str = ""

    # --- who -----------------------------------------------------------------------------------
    @classmethod
    def of(cls, user) -> Policy:
        """The policy of a logged-in user (anonymous: no personal data, nothing in scope)."""
        if user is None or not getattr(user, "is_authenticated", False):
            return cls(role="anonymous")
        role = Role.ADMIN if user.is_superuser else user.role
        assignment = getattr(user, "assignment", None)
        if assignment is None:
            return cls(role=role, user=user)
        villages = (
            tuple(assignment.villages.values_list("code", flat=True)) if role == Role.VILLAGE_PROXY else ()
        )
        return cls(
            role=role,
            user=user,
            brand_id=assignment.brand_id,
            hub_id=assignment.hub_id,
            town_node_id=assignment.town_node_id,
            station_id=assignment.station_id,
            village_codes=villages,
        )

    @classmethod
    def of_caller(cls, caller) -> Policy:
        """The policy of an API caller: its user's, a brand token's brand, a device token's station."""
        if caller.user is not None:
            return cls.of(caller.user)
        token = caller.token
        if token is not None and token.kind == "brand":
            return cls(role=Role.BRAND_USER, brand_id=token.brand_id)
        if token is not None and token.kind == "device":
            code = token.station.code if getattr(token, "station_id", None) else ""
            return cls(role="device", station_code=code)
        return cls(role="anonymous")

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_brand(self) -> bool:
        return self.role == Role.BRAND_USER

    @property
    def sees_personal(self) -> bool:
        """Masked names and phone tails at all (the regulator, devices and anonymous visitors: never)."""
        return self.role in ROLES_WITH_PERSONAL_DATA

    @property
    def may_unmask(self) -> bool:
        return self.role in UNMASK_ROLES and self.user is not None

    # --- how -----------------------------------------------------------------------------------
    def name(self, value: str) -> str:
        return mask_name(value) if self.sees_personal else ""

    def phone(self, value: str, *, label: bool = False) -> str:
        """Screens show the last 4 digits; labels, SMS and exports hide ≥6 digits (`label=True`)."""
        if not self.sees_personal:
            return ""
        return mask_phone_label(value) if label else mask_phone(value)

    # --- which ---------------------------------------------------------------------------------
    def parcels(self, qs):
        """Parcels this role may see: a brand its own, a station or town node what is routed there, a
        proxy its villages; the hub, the regulator and admins all (the regulator still sees no names)."""
        if self.role in (Role.ADMIN, Role.HUB_OPERATOR, Role.REGULATOR):
            return qs
        if self.role == Role.BRAND_USER:
            return qs.filter(brand_id=self.brand_id) if self.brand_id else qs.none()
        if self.role == Role.STATION_KEEPER:
            return qs.filter(station_id=self.station_id) if self.station_id else qs.none()
        if self.role == Role.TOWN_OPERATOR:
            return qs.filter(town_node_id=self.town_node_id) if self.town_node_id else qs.none()
        if self.role == Role.VILLAGE_PROXY:
            return qs.filter(village_id__in=self.village_codes) if self.village_codes else qs.none()
        if self.role == "device" and self.station_code:
            return qs.filter(station__code=self.station_code)
        return qs.none()

    def stations(self, qs):
        """Stations whose keeper's contact this role may ask for: the hub and admins all, a town node its
        own, a keeper their own; others none (they see the station, not who runs it)."""
        if self.role in (Role.ADMIN, Role.HUB_OPERATOR):
            return qs
        if self.role == Role.TOWN_OPERATOR:
            return qs.filter(town_node_id=self.town_node_id) if self.town_node_id else qs.none()
        if self.role == Role.STATION_KEEPER:
            return qs.filter(pk=self.station_id) if self.station_id else qs.none()
        return qs.none()

    def complaints(self, qs):
        if self.role in (Role.ADMIN, Role.HUB_OPERATOR):
            return qs
        if self.role == Role.TOWN_OPERATOR:
            return qs.filter(station__town_node_id=self.town_node_id) if self.town_node_id else qs.none()
        return qs.none()

    # --- unmask --------------------------------------------------------------------------------
    def unmask(self, subject: str, field_name: str, reason: str) -> str:
        """The whole value of `field_name` of `subject` (`"parcels.parcel:12"`), logged with the reason.

        Refused (UnmaskRefused) for a role that may not unmask, a field that is not unmaskable, a record
        outside the role's scope, or an empty reason. The log row is written before the value is returned."""
        from jincun.core.models import UnmaskLog

        reason = (reason or "").strip()
        if not self.may_unmask:
            raise UnmaskRefused(_("本角色不能查看完整信息"))
        label, _sep, pk = (subject or "").partition(":")
        fields, scope = UNMASKABLE.get(label, (set(), ""))
        if field_name not in fields or not pk.isdigit():
            raise UnmaskRefused(_("该信息不能查看"))
        if len(reason) < MIN_REASON:
            raise UnmaskRefused(_("请填写查看原因"))
        model = apps.get_model(label)
        row = getattr(self, scope)(model.objects.all()).filter(pk=int(pk)).first()
        if row is None:
            raise UnmaskRefused(_("不在您的工作范围内"))
        UnmaskLog.objects.create(user=self.user, subject=subject, field=field_name, reason=reason[:200])
        return getattr(row, field_name) or ""
