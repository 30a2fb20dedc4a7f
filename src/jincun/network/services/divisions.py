"""Loading a county's divisions (AdminArea) from the NBS village list, idempotently (upsert by code)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from jincun.core.imports import ImportReport, RowError, listed, read_table
from jincun.network.choices import AreaLevel, UnitType
from jincun.network.models import AdminArea

BUNDLED = Path(__file__).resolve().parents[1] / "data"
VILLAGE_COLUMNS = {"code", "name", "town_code", "town_name"}
CODE_RE = re.compile(r"^\d{12}$")


def bundled_counties() -> list[str]:
    return sorted(p.name for p in BUNDLED.iterdir() if p.is_dir() and any(p.glob("*_villages.csv")))


def load_bundled(county: str = "yiyuan") -> ImportReport:
    """Load a county shipped in `network/data/<county>/`: county point, towns (with MCA codes), villages."""
    folder = BUNDLED / county
    if not folder.is_dir():
        raise LookupError(f"no bundled county {county!r}; bundled: {', '.join(bundled_counties())}")
    with open(next(folder.glob("*_county.csv")), encoding="utf-8-sig") as f:
        county_row = next(csv.DictReader(f))
    mca = {}
    towns_file = next(folder.glob("*_towns.csv"), None)
    if towns_file:
        with open(towns_file, encoding="utf-8-sig") as f:
            mca = {r["code"].ljust(12, "0"): r.get("mca_code_2025", "") for r in csv.DictReader(f)}
    report = import_divisions(
        read_table(next(folder.glob("*_villages.csv"))),
        county_name=county_row["name"],
        county_point=(float(county_row["lat"]), float(county_row["lon"])),
    )
    for code, mca_code in mca.items():
        AdminArea.objects.filter(code=code).exclude(mca_code=mca_code.ljust(12, "0")).update(
            mca_code=mca_code.ljust(12, "0")
        )
    return report


def import_divisions(
    rows: Iterable[tuple[int, dict[str, str]]],
    county_name: str | None = None,
    county_point: tuple[float, float] | None = None,
) -> ImportReport:
    """Upsert village units from rows with columns code,name,town_code,town_name[,lat,lon,unit_type].

    Towns and the county are created from the codes. A bad row (bad code, a town code that is not the
    village's own prefix, a duplicate code in the file) is refused with its line number; the rest load.
    """
    report = ImportReport()
    seen: dict[str, int] = {}
    for line, row in rows:
        try:
            with transaction.atomic():
                outcome = _upsert_village(row, seen, line, county_name, county_point)
        except _RowRefused as refused:
            report.errors.append(RowError(line, str(refused), row.get("code", "")))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report


class _RowRefused(Exception):
    pass


def _upsert_village(row, seen, line, county_name, county_point) -> str:
    missing = [c for c in sorted(VILLAGE_COLUMNS) if not row.get(c)]
    if missing:
        raise _RowRefused(_("缺少：%(columns)s") % {"columns": listed(missing)})
    code, name = row["code"], row["name"]
    if not CODE_RE.match(code):
        raise _RowRefused(_("区划代码应为 12 位数字，而不是 %(code)s") % {"code": repr(code)})
    town_code = row["town_code"]
    if not re.match(r"^\d{9}(000)?$", town_code):
        raise _RowRefused(
            _("镇代码应为 9 位（或补 000 的 12 位）数字，而不是 %(code)s") % {"code": repr(town_code)}
        )
    town_code = town_code[:9] + "000"
    if code[:9] != town_code[:9]:
        raise _RowRefused(
            _("村代码 %(code)s 不属于镇 %(town)s（上级不存在）") % {"code": code, "town": town_code[:9]}
        )
    if code[9:] == "000":
        raise _RowRefused(_("村级代码后三位不能为 000"))
    if code in seen:
        raise _RowRefused(_("代码重复（第 %(line)s 行已出现）") % {"line": seen[code]})
    seen[code] = line
    unit_type = row.get("unit_type") or ""
    if unit_type not in (UnitType.VILLAGE_COMMITTEE, UnitType.RESIDENTS_COMMITTEE):
        if unit_type:
            raise _RowRefused(_("未知单位类型 %(type)s") % {"type": repr(unit_type)})
        unit_type = UnitType.RESIDENTS_COMMITTEE if int(code[9:]) < 200 else UnitType.VILLAGE_COMMITTEE
    lat, lon = _point(row)
    county = _ensure_county(code[:6] + "000000", county_name, county_point)
    town = _ensure_town(town_code, row["town_name"], county)
    values = {
        "name": name,
        "level": AreaLevel.VILLAGE,
        "unit_type": unit_type,
        "parent": town,
    }
    if lat is not None:
        values.update(lat=lat, lon=lon, location_approximate=False)
    existing = AdminArea.objects.filter(code=code).first()
    if existing is None:
        AdminArea.objects.create(code=code, **values)
        return "created"
    changed = [k for k, v in values.items() if getattr(existing, k) != v]
    if not changed:
        return "unchanged"
    for k in changed:
        setattr(existing, k, values[k])
    existing.save()
    return "updated"


def _point(row) -> tuple[float | None, float | None]:
    lat, lon = row.get("lat") or "", row.get("lon") or ""
    if not lat and not lon:
        return None, None
    try:
        la, lo = float(lat), float(lon)
    except ValueError:
        raise _RowRefused(_("坐标无法识别：%(lat)s,%(lon)s") % {"lat": lat, "lon": lon}) from None
    if not (3 <= la <= 54 and 73 <= lo <= 136):
        raise _RowRefused(_("坐标不在中国境内：%(lat)s,%(lon)s") % {"lat": lat, "lon": lon})
    return la, lo


def _ensure_county(code, name, point) -> AdminArea:
    county = AdminArea.objects.filter(code=code).first()
    if county is None:
        county = AdminArea.objects.create(
            code=code,
            name=name or code[:6],
            level=AreaLevel.COUNTY,
            unit_type=UnitType.COUNTY,
            lat=point[0] if point else None,
            lon=point[1] if point else None,
            location_approximate=point is None,
        )
    elif name and county.name != name:
        county.name = name
        county.save(update_fields=["name"])
    return county


def _ensure_town(code, name, county) -> AdminArea:
    town = AdminArea.objects.filter(code=code).first()
    unit_type = UnitType.SUBDISTRICT if name.endswith("街道") else UnitType.TOWN
    if town is None:
        return AdminArea.objects.create(
            code=code, name=name, level=AreaLevel.TOWN, unit_type=unit_type, parent=county
        )
    if town.name != name:
        town.name = name
        town.unit_type = unit_type
        town.save(update_fields=["name", "unit_type"])
    return town
