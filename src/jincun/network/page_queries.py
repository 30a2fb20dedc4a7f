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

from jincun.core.choices import Role
from jincun.core.masking import mask_name, mask_phone
from jincun.core.permissions import may_see_personal_data
from jincun.network.choices import AreaLevel
from jincun.network.models import AdminArea, Agreement, Hub, Station

# Roles that work with keepers directly and see their names and phones whole; other roles see them masked.
FULL_CONTACT_ROLES = {Role.ADMIN, Role.HUB_OPERATOR, Role.TOWN_OPERATOR}

STANDARD_MET = (
    ~Q(keeper_name="") & ~Q(keeper_phone="") & Q(cameras__gt=0) & ~Q(video_platform="") & ~Q(filing_number="")
)


@dataclass(frozen=True)
class Viewer:
    """What the person looking at a page may see."""

    personal_data: bool
    full_contact: bool
    brand_id: int | None
    is_brand: bool

    @classmethod
    def of(cls, user) -> Viewer:
        is_brand = user.role == Role.BRAND_USER and not user.is_superuser
        brand_id = None
        if is_brand:
            assignment = getattr(user, "assignment", None)  # None when the user has no Assignment row
            brand_id = assignment.brand_id if assignment else None
        return cls(
            personal_data=may_see_personal_data(user),
            full_contact=user.is_superuser or user.role in FULL_CONTACT_ROLES,
            brand_id=brand_id,
            is_brand=is_brand,
        )

    ALL_BRANDS: ClassVar[Viewer]

    def agreements(self, qs: QuerySet) -> QuerySet:
        """A brand user sees only its own brand's agreements (none when it has no brand assigned)."""
        if self.is_brand:
            return qs.filter(brand_id=self.brand_id) if self.brand_id else qs.none()
        return qs

    def keeper(self, station: Station) -> dict:
        """The keeper as this viewer may see them: whole, masked, or not at all (never the full phone)."""
        if not self.personal_data:
            return {"hidden": True, "name": "", "phone": ""}
        if self.full_contact:
            return {"hidden": False, "name": station.keeper_name, "phone": station.keeper_phone}
        return {
            "hidden": False,
            "name": mask_name(station.keeper_name),
            "phone": mask_phone(station.keeper_phone),
        }


Viewer.ALL_BRANDS = Viewer(personal_data=False, full_contact=False, brand_id=None, is_brand=False)


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


def station_list(filters: dict, viewer: Viewer, day: dt.date, county: AdminArea | None = None) -> QuerySet:
    """Stations matching the list filters, with village, town and the agreements valid on `day` prefetched."""
    qs = Station.objects.select_related("village__parent", "town_node")
    if county:
        qs = qs.filter(village__code__startswith=county.code[:6])
    if filters.get("town"):
        qs = qs.filter(village__parent_id=filters["town"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("mode"):
        mode_agreements = viewer.agreements(Agreement.objects.valid_on(day).filter(mode=filters["mode"]))
        qs = qs.filter(pk__in=mode_agreements.values("station_id"))
    if filters.get("standard") == "met":
        qs = qs.filter(STANDARD_MET)
    elif filters.get("standard") == "not_met":
        qs = qs.exclude(STANDARD_MET)
    if filters.get("q"):
        q = filters["q"].strip()
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q) | Q(village__name__icontains=q))
    valid = viewer.agreements(Agreement.objects.valid_on(day).select_related("brand"))
    return qs.prefetch_related(Prefetch("agreements", queryset=valid, to_attr="valid_agreements")).order_by(
        "code"
    )


def station_counts(qs: QuerySet) -> dict:
    """Totals for the filtered list: all, meeting the standard, and per status — in one query."""
    return qs.order_by().aggregate(
        total=Count("pk"),
        standard_met=Count("pk", filter=STANDARD_MET),
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
