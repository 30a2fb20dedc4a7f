"""A station's standing against the standard, with the reasons: the one place it is computed.

The station's own record (named keeper, video connected, 备案) is `network.standard`'s criteria; on top of it this adds
the live signals (video heartbeat age, filing deadline) and the latest inspection (failed items not yet
fixed, an overdue fix). Pages, the map, exports and the API all read `standings(...)`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.compliance.choices import CaseStatus, Standing
from jincun.compliance.figures import figures
from jincun.compliance.models import Inspection, InspectionItem, NoFeeCase
from jincun.network.standard import BY_CODE, CRITERIA


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    fails: bool = True  # False: a warning that does not break the standard


@dataclass
class StationStanding:
    station: object
    reasons: list[Reason] = field(default_factory=list)
    latest: Inspection | None = None

    @property
    def standing(self) -> str:
        if any(r.fails for r in self.reasons):
            return Standing.NOT_MET
        return Standing.WARNING if self.reasons else Standing.MET

    @property
    def label(self) -> str:
        return str(Standing(self.standing).label)

    @property
    def meets(self) -> bool:
        return self.standing != Standing.NOT_MET

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]


@dataclass(frozen=True)
class Figures:
    filing_days: int
    offline: dt.timedelta
    interval: dt.timedelta

    @classmethod
    def load(cls) -> Figures:
        values = figures()
        return cls(
            filing_days=values["filing_days"],
            offline=dt.timedelta(minutes=values["video_offline_minutes"]),
            interval=dt.timedelta(days=values["inspection_interval_days"]),
        )


def heartbeat_at(station) -> dt.datetime | None:
    """The newest heartbeat from the station's record or any of its devices."""
    times = [station.video_heartbeat_at]
    times += [d.last_heartbeat_at for d in getattr(station, "live_devices", [])]
    times = [t for t in times if t is not None]
    return max(times) if times else None


def filing_due(station, filing_days: int) -> dt.date | None:
    return station.opened_on + dt.timedelta(days=filing_days) if station.opened_on else None


def _record_reasons(station, figures: Figures, now: dt.datetime) -> list[Reason]:
    """The network standard's criteria (`network.standard.CRITERIA`, defined once there), then the live
    signals on top: heartbeat age when video is connected, and the filing deadline instead of a bare
    "not filed" while the station is still inside it."""
    today = timezone.localdate(now)
    reasons = []
    for criterion in CRITERIA:
        if criterion.met(station):
            continue
        if criterion.code == "filed":
            due = filing_due(station, figures.filing_days)
            if due is not None and today <= due:
                reasons.append(Reason("filing_pending", _("备案期内，须在 %s 前备案") % due, fails=False))
            elif due is not None:
                text = _("开办逾 %(days)s 日未备案（期限 %(due)s）")
                reasons.append(Reason("filing", text % {"days": figures.filing_days, "due": due}))
            else:
                reasons.append(Reason("filing", _("未备案")))
            continue
        reasons.append(Reason(criterion.code, _("未达到：%s") % criterion.label))
    if BY_CODE["video"].met(station):
        beat = heartbeat_at(station)
        if beat is None:
            reasons.append(Reason("video_offline", _("视频离线：无心跳记录")))
        elif now - beat > figures.offline:
            local = timezone.localtime(beat)
            reasons.append(Reason("video_offline", _("视频离线：最近心跳 %s") % f"{local:%Y-%m-%d %H:%M}"))
    return reasons


def _inspection_reasons(latest: Inspection | None, figures: Figures, now: dt.datetime) -> list[Reason]:
    if latest is None:
        return [Reason("never_inspected", _("尚无检查记录"), fails=False)]
    reasons = []
    if latest.fixed_at is None:
        for item in getattr(latest, "item_rows", None) or latest.items.all():
            if not item.passed:
                reasons.append(Reason(f"item:{item.code}", _("检查未通过：%s") % _(item.text)))
        if latest.fix_by and latest.fix_by < timezone.localdate(now) and reasons:
            reasons.append(Reason("fix_overdue", _("整改逾期（期限 %s）") % latest.fix_by))
    if now - latest.at > figures.interval:
        reasons.append(Reason("inspection_old", _("超过检查周期未复查"), fails=False))
    return reasons


def _latest_inspections(station_ids) -> dict[int, Inspection]:
    """The newest inspection per station with its items as `item_rows`, in three flat queries (a
    prefetch per inspection was most of the list page's time)."""
    newest: dict[int, int] = {}
    rows = Inspection.objects.filter(station_id__in=station_ids).order_by("station_id", "-at", "-pk")
    for station_id, pk in rows.values_list("station_id", "pk"):
        newest.setdefault(station_id, pk)
    found = {i.pk: i for i in Inspection.objects.filter(pk__in=newest.values())}
    for inspection in found.values():
        inspection.item_rows = []
    for item in InspectionItem.objects.filter(inspection_id__in=found):
        found[item.inspection_id].item_rows.append(item)
    return {station_id: found[pk] for station_id, pk in newest.items()}


def standings(stations, now: dt.datetime | None = None) -> dict[int, StationStanding]:
    """Standing per station pk, for any iterable of stations, in a fixed number of queries."""
    from jincun.compliance.models import VideoDevice

    now = now or timezone.now()
    stations = list(stations)
    ids = [s.pk for s in stations]
    limits = Figures.load()
    latest = _latest_inspections(ids)
    devices: dict[int, list] = {}
    for device in VideoDevice.objects.filter(station_id__in=ids, active=True):
        devices.setdefault(device.station_id, []).append(device)
    open_cases = set(
        NoFeeCase.objects.filter(station_id__in=ids, status=CaseStatus.OPEN).values_list(
            "station_id", flat=True
        )
    )
    result = {}
    for station in stations:
        station.live_devices = devices.get(station.pk, [])
        reasons = _record_reasons(station, limits, now)
        reasons += _inspection_reasons(latest.get(station.pk), limits, now)
        if station.pk in open_cases:
            reasons.append(Reason("fee_case", _("有未处理的收费举报"), fails=False))
        result[station.pk] = StationStanding(station, reasons, latest.get(station.pk))
    return result


def standing_of(station, now: dt.datetime | None = None) -> StationStanding:
    return standings([station], now)[station.pk]


def register_with_network() -> None:
    """Let the network station pages show this standing (they cannot import compliance)."""
    from django.urls import reverse

    from jincun.network import standing as network_standing

    def provider(stations):
        return {
            pk: network_standing.Shown(
                s.standing,
                s.label,
                [(r.text, r.fails) for r in s.reasons],
                reverse("compliance:station", args=[s.station.code]),
            )
            for pk, s in standings(stations).items()
        }

    network_standing.register(provider)


__all__ = ["Reason", "StationStanding", "filing_due", "heartbeat_at", "standing_of", "standings"]
