"""Reads behind the network pages (station list and page, village list and page).

Every list here is built in a fixed number of queries, whatever its length (the query-count tests hold this).
What a viewer may see is decided by `Viewer`: the regulator sees no personal data, a brand user only its brand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.core.masking import mask_name, mask_phone
from jincun.core.policy import Policy
from jincun.network import queries, standard
from jincun.network.choices import AreaLevel
from jincun.network.models import AdminArea, Agreement, Hub, Station


@dataclass(frozen=True)
class Viewer:
    """What the person looking at a page may see: the network pages' view of `jincun.core.policy.Policy`.

    Keepers' names and phones are always shown masked; `full_contact` roles (those the policy lets ask for
    a keeper's contact) get an audited unmask next to the masked phone."""

    personal_data: bool
    full_contact: bool
    brand_id: int | None
    is_brand: bool
    policy: Policy | None = None

    @classmethod
    def of(cls, user) -> Viewer:
        policy = Policy.of(user)
        return cls(
            personal_data=policy.sees_personal,
            full_contact=policy.may_unmask and policy.role in KEEPER_CONTACT_ROLES,
            brand_id=policy.brand_id if policy.is_brand else None,
            is_brand=policy.is_brand,
            policy=policy,
        )

    ALL_BRANDS: ClassVar[Viewer]

    def agreements(self, qs: QuerySet) -> QuerySet:
        """A brand user sees only its own brand's agreements (none when it has no brand assigned)."""
        if self.is_brand:
            return qs.filter(brand_id=self.brand_id) if self.brand_id else qs.none()
        return qs

    def keeper(self, station: Station) -> dict:
        """The keeper as this viewer may see them: masked, or not at all; whole only through the unmask."""
        if not self.personal_data:
            return {"hidden": True, "name": "", "phone": "", "unmask": False}
        return {
            "hidden": False,
            "name": mask_name(station.keeper_name),
            "phone": mask_phone(station.keeper_phone),
            "unmask": self.full_contact,
            "subject": f"network.station:{station.pk}",
        }


Viewer.ALL_BRANDS = Viewer(personal_data=False, full_contact=False, brand_id=None, is_brand=False)

# Roles that work with keepers directly: they may unmask a keeper's phone (logged); others see it masked.
KEEPER_CONTACT_ROLES = {"admin", "hub_operator", "town_operator"}


# Pages draw charts and windows around the chosen day: years far outside these bounds make no sense and
# overflow date arithmetic (year 1 minus 30 days), so they count as malformed.
DAY_BOUNDS = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))


def parse_day(value: str | None) -> dt.date:
    """A date from the query string; today (Asia/Shanghai) when empty, malformed or out of DAY_BOUNDS."""
    try:
        day = dt.date.fromisoformat(value) if value else None
    except ValueError:
        day = None
    if day is None or not DAY_BOUNDS[0] <= day <= DAY_BOUNDS[1]:
        return timezone.localdate()
    return day


def default_county() -> AdminArea | None:
    """The county this installation runs: the one with the hub, else the first loaded."""
    hub = Hub.objects.select_related("county").order_by("pk").first()
    if hub:
        return hub.county
    return AdminArea.objects.filter(level=AreaLevel.COUNTY).order_by("code").first()


def towns_of(county: AdminArea | None) -> QuerySet:
    qs = AdminArea.objects.towns().order_by("code")
    return qs.filter(code__startswith=county.code[:6]) if county else qs


STANDARD_FILTER = {"met": True, "not_met": False}  # the page's `standard` values → `meets_standard`


def station_list(filters: dict, viewer: Viewer, day: dt.date, county: AdminArea | None = None) -> QuerySet:
    """Stations matching the list filters (`queries.stations`, the API's filter too), with village, town and
    the agreements valid on `day` prefetched. A brand user's `mode` counts only its brand's agreements."""
    qs = queries.stations(
        county=county,
        town=filters.get("town"),
        kind=filters.get("kind"),
        status=filters.get("status"),
        mode=filters.get("mode"),
        meets_standard=STANDARD_FILTER.get(filters.get("standard", "")),
        text=filters.get("q"),
        day=day,
        agreements=viewer.agreements(Agreement.objects.all()),
    )
    valid = viewer.agreements(Agreement.objects.valid_on(day).select_related("brand"))
    return qs.prefetch_related(Prefetch("agreements", queryset=valid, to_attr="valid_agreements"))


def station_counts(qs: QuerySet) -> dict:
    """Totals for the filtered list: all, meeting the standard, and per status — in one query."""
    return qs.order_by().aggregate(
        total=Count("pk"),
        standard_met=Count("pk", filter=standard.q()),
        active=Count("pk", filter=Q(status="active")),
    )


def heartbeat_state(station: Station, now: dt.datetime | None = None) -> tuple[str, str]:
    """(css class, text) for how fresh the video platform's last heartbeat is."""
    if not station.video_connected:
        return "bad", _("未接入")
    if station.video_heartbeat_at is None:
        return "warn", _("无心跳记录")
    age = (now or timezone.now()) - station.video_heartbeat_at
    if age <= dt.timedelta(minutes=15):
        return "ok", _("在线")
    if age <= dt.timedelta(hours=24):
        return "warn", _("心跳延迟")
    return "bad", _("离线")


def village_agreements(village: AdminArea, viewer: Viewer) -> QuerySet:
    """Agreements that name the village or cover its whole town, newest first."""
    qs = Agreement.objects.filter(Q(village=village) | Q(town_id=village.parent_id)).select_related(
        "brand", "station", "town_node"
    )
    return viewer.agreements(qs).order_by("-valid_from", "brand__code")


def village_list(county: AdminArea | None, town: str | None, q: str | None) -> QuerySet:
    qs = AdminArea.objects.villages().select_related("parent").order_by("code")
    if county:
        qs = qs.filter(code__startswith=county.code[:6])
    if town:
        qs = qs.filter(parent_id=town)
    if q:
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(code__startswith=q.strip()))
    return qs.annotate(station_count=Count("stations"))
