"""Video heartbeat: devices report with a token; a sweep flags stations whose heartbeat is too old.

Devices authenticate with the API's device tokens. A station is "video offline" when its newest heartbeat
(record or device) is older than `video_offline_minutes`; the flag is raised once and cleared when a
heartbeat arrives, so the sweep is idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from jincun.compliance.choices import FlagKind
from jincun.compliance.figures import figure
from jincun.compliance.models import StationFlag, VideoDevice
from jincun.compliance.services.standing import filing_due, heartbeat_at
from jincun.network.choices import StationStatus
from jincun.network.models import Station
from jincun.network.services.stations import record_video_heartbeat


def device_for(station, name: str) -> VideoDevice:
    """The station's device of that name, registered on its first heartbeat."""
    device, _created = VideoDevice.objects.get_or_create(station=station, name=(name or "default")[:64])
    return device


@transaction.atomic
def record_heartbeat(device: VideoDevice, at: dt.datetime | None = None) -> VideoDevice:
    """A heartbeat never moves time backwards (a late one is ignored); it clears a video-offline flag."""
    at = min(at or timezone.now(), timezone.now())
    if device.last_heartbeat_at is None or at > device.last_heartbeat_at:
        device.last_heartbeat_at = at
        device.save(update_fields=["last_heartbeat_at"])
    record_video_heartbeat(device.station_id, at)
    StationFlag.objects.filter(
        station_id=device.station_id, kind=FlagKind.VIDEO_OFFLINE, cleared_at__isnull=True
    ).update(cleared_at=at)
    return device


def _set_flag(station, kind, on: bool, now, detail="") -> int:
    open_flag = StationFlag.objects.filter(station=station, kind=kind, cleared_at__isnull=True)
    if on and not open_flag.exists():
        StationFlag.objects.create(station=station, kind=kind, raised_at=now, detail=detail[:200])
        return 1
    if not on:
        open_flag.update(cleared_at=now)
    return 0


@transaction.atomic
def sweep_flags(now: dt.datetime | None = None) -> dict:
    """Raise (or clear) video-offline and filing-overdue flags on stations in service. Idempotent."""
    now = now or timezone.now()
    offline_after = dt.timedelta(minutes=figure("video_offline_minutes"))
    filing_days = figure("filing_days")
    today = timezone.localdate(now)
    raised = {"video_offline": 0, "filing_overdue": 0, "checked": 0}
    stations = Station.objects.filter(status=StationStatus.ACTIVE).prefetch_related("video_devices")
    for station in stations:
        raised["checked"] += 1
        station.live_devices = [d for d in station.video_devices.all() if d.active]
        beat = heartbeat_at(station)
        offline = station.video_connected and (beat is None or now - beat > offline_after)
        raised["video_offline"] += _set_flag(station, FlagKind.VIDEO_OFFLINE, offline, now, str(beat or ""))
        due = filing_due(station, filing_days)
        overdue = not station.filing_number.strip() and due is not None and today > due
        raised["filing_overdue"] += _set_flag(station, FlagKind.FILING_OVERDUE, overdue, now, str(due or ""))
    return raised


__all__ = ["device_for", "record_heartbeat", "sweep_flags"]
