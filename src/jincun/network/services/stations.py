"""Writing village stations: one upsert rule shared by the table import, the API and the admin's callers.

A station belongs to a village unit; its town node is the node of that village's town (refused if the town
has none yet). Each write is one transaction and records who made it (django-simple-history), so the
registry can answer "since when, changed by whom".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from jincun.core.imports import ImportReport, RowError, listed
from jincun.network.choices import AreaLevel, StationKind, StationStatus
from jincun.network.geo import point_in_county
from jincun.network.models import AdminArea, Station, TownNode
from jincun.network.station_columns import CODE_RE, COUNTS, CellError, parse_phone, parse_row

EDITABLE = ["name", "kind", "address", "keeper_name", "keeper_phone", "opens_at", "closes_at", "hours_note",
            "shelves", "layers", "cameras", "video_platform", "filing_number", "filed_on", "status",
            "opened_on", "suspended_on", "closed_on", "lat", "lon"]  # fmt: skip


class StationRefused(ValueError):
    """A station write that breaks a rule; `code` is machine-readable, the message says why in the active
    language (the request's, or Chinese in a command)."""

    def __init__(self, message: str, code: str = "invalid_station"):
        super().__init__(message)
        self.code = code


def save_station(
    values: dict, *, code: str | None = None, user=None, reason: str = "", create: bool = True
) -> tuple[Station, str]:
    """Create or update the station `code` (or `values["code"]`) from typed `values`; keys not given keep
    their stored values. Returns (station, "created" | "updated" | "unchanged"). Raises StationRefused."""
    code = code or values.get("code") or ""
    if not CODE_RE.match(code):
        raise StationRefused(
            _("站点编码应为 1–32 位字母、数字、-、_，而不是 %(code)s") % {"code": repr(code)}, "bad_code"
        )
    with transaction.atomic():
        station = Station.objects.select_for_update().filter(code=code).first()
        if station is None:
            if not create:
                raise StationRefused(_("站点 %(code)s 不存在") % {"code": code}, "not_found")
            missing = [k for k in ("name", "village_code", "kind") if not values.get(k)]
            if missing:
                raise StationRefused(
                    _("新站点缺少：%(fields)s") % {"fields": listed(missing)}, "missing_fields"
                )
            station, outcome = Station(code=code), "created"
        else:
            outcome = "updated"
        before = {f: getattr(station, f) for f in [*EDITABLE, "village_id", "town_node_id"]}
        if values.get("village_code") or values.get("town_code") or values.get("village_name"):
            village_code = values.get("village_code") or station.village_id
            _place(station, village_code, values.get("town_code"), values.get("village_name"))
        for field in EDITABLE:
            if field in values and values[field] is not None:
                setattr(station, field, values[field])
        if values.get("lat") is not None or values.get("lon") is not None:
            station.location_approximate = bool(values.get("location_approximate", False))
        if station.keeper_phone:
            try:
                station.keeper_phone = parse_phone(station.keeper_phone)
            except CellError as exc:
                raise StationRefused(str(exc), "bad_phone") from None
        _validate(station)
        if outcome == "updated" and all(getattr(station, f) == v for f, v in before.items()):
            return station, "unchanged"
        if user is not None and getattr(user, "pk", None):
            station._history_user = user
        station._change_reason = reason or ("新建站点" if outcome == "created" else "修改站点")
        station.save()
    return station, outcome


def _place(
    station: Station, village_code: str, town_code: str | None, village_name: str | None = None
) -> None:
    village = AdminArea.objects.select_related("parent").filter(code=village_code).first()
    if village is None or village.level != AreaLevel.VILLAGE:
        raise StationRefused(
            _("未知村代码 %(code)s（须为已导入的 12 位村级区划代码）") % {"code": village_code},
            "unknown_village",
        )
    if village_name and _short(village_name) != _short(village.name):
        raise StationRefused(
            _("村名 %(name)s 与村代码 %(code)s（%(town)s%(village)s）不符")
            % {
                "name": village_name,
                "code": village.code,
                "town": village.parent.name,
                "village": village.name,
            },
            "village_mismatch",
        )
    if town_code:
        wanted = town_code[:9]
        if not (len(town_code) in (9, 12) and town_code.isdigit()) or village.parent_id[:9] != wanted:
            raise StationRefused(
                _("村 %(village)s（%(code)s）属于 %(town)s（%(town_code)s），与所填镇代码 %(given)s 不符")
                % {
                    "village": village.name,
                    "code": village.code,
                    "town": village.parent.name,
                    "town_code": village.parent_id[:9],
                    "given": town_code,
                },
                "town_mismatch",
            )
    node = TownNode.objects.filter(town_id=village.parent_id).order_by("code").first()
    if node is None:
        raise StationRefused(
            _("%(town)s 尚无镇级节点，请先建立节点") % {"town": village.parent.name}, "no_town_node"
        )
    station.village, station.town_node = village, node


def _short(name: str) -> str:
    """`朱家庄村委会`, `朱家庄村` and `朱家庄` name the same unit; names repeat across towns, so this only
    confirms a code, it never finds one."""
    name = name.strip()
    for suffix in ("村民委员会", "居民委员会", "村委会", "居委会", "社区", "村"):
        name = name.removesuffix(suffix)
    return name


def _validate(station: Station) -> None:
    if not station.name or not station.name.strip():
        raise StationRefused(_("站点名称不能为空"), "missing_fields")
    if station.kind not in StationKind.values:
        raise StationRefused(_("未知站点类型 %(kind)s") % {"kind": repr(station.kind)}, "bad_kind")
    if station.status not in StationStatus.values:
        raise StationRefused(_("未知站点状态 %(status)s") % {"status": repr(station.status)}, "bad_status")
    for field, (low, high) in COUNTS.items():
        value = getattr(station, field)
        if not (isinstance(value, int) and low <= value <= high):
            raise StationRefused(
                _("%(field)s 应在 %(low)s–%(high)s 之间，而不是 %(value)s")
                % {"field": field, "low": low, "high": high, "value": value},
                "bad_number",
            )
    if not (isinstance(station.opens_at, dt.time) and isinstance(station.closes_at, dt.time)):
        raise StationRefused(_("营业时间应为 HH:MM"), "bad_time")
    if station.opens_at >= station.closes_at:
        raise StationRefused(
            _("营业结束 %(closes)s 应晚于开始 %(opens)s")
            % {"closes": f"{station.closes_at:%H:%M}", "opens": f"{station.opens_at:%H:%M}"},
            "bad_time",
        )
    _validate_dates(station)
    _validate_point(station)


def _validate_dates(station: Station) -> None:
    opened, closed, suspended = station.opened_on, station.closed_on, station.suspended_on
    if station.status == StationStatus.ACTIVE and not opened:
        raise StationRefused(_("运营中的站点须填写启用日期"), "bad_date")
    if station.status == StationStatus.CLOSED and not closed:
        raise StationRefused(_("已关闭的站点须填写关闭日期"), "bad_date")
    if station.status == StationStatus.SUSPENDED and not suspended:
        raise StationRefused(_("暂停的站点须填写暂停日期"), "bad_date")
    if opened and closed and closed < opened:
        raise StationRefused(
            _("关闭日期 %(closed)s 早于启用日期 %(opened)s") % {"closed": closed, "opened": opened},
            "bad_date",
        )
    if opened and suspended and suspended < opened:
        raise StationRefused(
            _("暂停日期 %(suspended)s 早于启用日期 %(opened)s") % {"suspended": suspended, "opened": opened},
            "bad_date",
        )
    for field in ("opened_on", "filed_on", "closed_on", "suspended_on"):
        day = getattr(station, field)
        if day and not (dt.date(1990, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=3 * 365)):
            raise StationRefused(
                _("%(field)s 日期不合理：%(day)s") % {"field": field, "day": day}, "bad_date"
            )


def _validate_point(station: Station) -> None:
    lat, lon = station.lat, station.lon
    if lat is None and lon is None:
        return
    if lat is None or lon is None:
        raise StationRefused(_("纬度和经度须同时填写"), "bad_point")
    inside = point_in_county(station.village_id, lat, lon)
    if inside is None:
        inside = 3 <= lat <= 54 and 73 <= lon <= 136
    if not inside:
        raise StationRefused(
            _("坐标 %(lat)s,%(lon)s 不在本县范围内（纬度在前，经度在后）") % {"lat": lat, "lon": lon},
            "outside_county",
        )


def import_stations(
    rows: Iterable[tuple[int, dict[str, str]]],
    *,
    user=None,
    progress: Callable[[], None] | None = None,
) -> ImportReport:
    """Upsert stations from table rows (see `station_columns.COLUMNS`). Each row is its own transaction: a
    refused row writes nothing and is reported with its line number and reason; good rows are kept."""
    report = ImportReport()
    seen: dict[str, int] = {}
    for line, row in rows:
        key = (row.get("code") or row.get("站点编码") or "").strip()
        try:
            values = parse_row(row)
            code = values.get("code", "")
            if code in seen:
                raise StationRefused(
                    _("站点编码重复（第 %(line)s 行已出现）") % {"line": seen[code]}, "duplicate"
                )
            outcome = save_station(values, user=user, reason=f"导入站点表第 {line} 行")[1]
            seen[code] = line
        except (CellError, StationRefused) as refused:
            report.errors.append(RowError(line, str(refused), key))
        else:
            setattr(report, outcome, getattr(report, outcome) + 1)
        if progress is not None:
            progress()
    return report


def record_video_heartbeat(station_id: int, at: dt.datetime) -> None:
    """The station's video platform answered at `at` (never moves the time backwards)."""
    from django.db.models import Q

    Station.objects.filter(
        Q(video_heartbeat_at__isnull=True) | Q(video_heartbeat_at__lt=at), pk=station_id
    ).update(video_heartbeat_at=at)
