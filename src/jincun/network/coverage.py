"""Coverage against the policy targets: which administrative villages (建制村) have express service on a day.

A village is served by a brand on day D when an agreement for that brand covers it on D — naming the village,
or the whole town — and the station it goes through (if any) is in service on D. Communities (居委会) are
counted apart: the policy's targets count 建制村 only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from jincun.network.choices import AreaLevel, Mode, TargetStanding, UnitType
from jincun.network.models import AdminArea, Agreement, Brand, CoverageTarget

GROUPINGS = ("brand", "town", "mode")


@dataclass
class CoverageRow:
    key: str
    name: str
    villages_total: int
    villages_served: int

    @property
    def share(self) -> float:
        return self.villages_served / self.villages_total if self.villages_total else 0.0

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "name": self.name,
            "villages_total": self.villages_total,
            "villages_served": self.villages_served,
            "share": round(self.share, 4),
        }


@dataclass
class CoverageReport:
    date: dt.date
    county_code: str
    villages_total: int
    villages_served: int
    communities_total: int
    communities_served: int
    by: str | None = None
    rows: list[CoverageRow] = field(default_factory=list)
    unserved: list[dict] = field(default_factory=list)

    @property
    def share(self) -> float:
        return self.villages_served / self.villages_total if self.villages_total else 0.0

    def as_dict(self) -> dict:
        return {
            "date": self.date.isoformat(),
            "county_code": self.county_code,
            "villages_total": self.villages_total,
            "villages_served": self.villages_served,
            "share": round(self.share, 4),
            "communities_total": self.communities_total,
            "communities_served": self.communities_served,
            "by": self.by,
            "rows": [r.as_dict() for r in self.rows],
            "unserved": self.unserved,
        }


class CoverageData:
    """Divisions and agreements of one county loaded once, so many dates can be evaluated cheaply
    (a chart over time asks for dozens)."""

    def __init__(self, county_code: str | None = None):
        county = _county(county_code)
        self.county = county
        prefix = county.code[:6]
        self.units = list(
            AdminArea.objects.filter(level=AreaLevel.VILLAGE, code__startswith=prefix)
            .select_related("parent")
            .order_by("code")
        )
        self.towns = {
            t.code: t for t in AdminArea.objects.filter(level=AreaLevel.TOWN, code__startswith=prefix)
        }
        self.villages_of_town: dict[str, list[str]] = defaultdict(list)
        for unit in self.units:
            self.villages_of_town[unit.parent_id].append(unit.code)
        self.agreements = list(
            Agreement.objects.filter(
                Q(village__code__startswith=prefix) | Q(town__code__startswith=prefix)
            ).select_related("brand", "station")
        )
        self.brands = {b.code: b for b in Brand.objects.all()}

    def served(self, day: dt.date) -> dict[str, set[tuple[str, str]]]:
        """village code → {(brand code, mode)} served on `day`."""
        result: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for a in self.agreements:
            if not a.serves_on(day):
                continue
            codes = [a.village_id] if a.village_id else self.villages_of_town.get(a.town_id, [])
            for code in codes:
                result[code].add((a.brand.code, a.mode))
        return result

    def report(self, day: dt.date, by: str | None = None) -> CoverageReport:
        if by is not None and by not in GROUPINGS:
            raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(GROUPINGS)}")
        served = self.served(day)
        villages = [u for u in self.units if u.unit_type == UnitType.VILLAGE_COMMITTEE]
        communities = [u for u in self.units if u.unit_type == UnitType.RESIDENTS_COMMITTEE]
        report = CoverageReport(
            date=day,
            county_code=self.county.code,
            villages_total=len(villages),
            villages_served=sum(1 for v in villages if served.get(v.code)),
            communities_total=len(communities),
            communities_served=sum(1 for c in communities if served.get(c.code)),
            by=by,
        )
        report.unserved = [
            {"code": v.code, "name": v.name, "town_code": v.parent_id, "town": v.parent.name}
            for v in villages
            if not served.get(v.code)
        ]
        if by == "town":
            for town_code, town in sorted(self.towns.items()):
                in_town = [v for v in villages if v.parent_id == town_code]
                report.rows.append(
                    CoverageRow(
                        town_code, town.name, len(in_town), sum(1 for v in in_town if served.get(v.code))
                    )
                )
        elif by == "brand":
            brand_codes = sorted(
                {b for pairs in served.values() for b, _ in pairs} | self._agreement_brands()
            )
            for code in brand_codes:
                n = sum(1 for v in villages if any(b == code for b, _ in served.get(v.code, ())))
                report.rows.append(CoverageRow(code, self.brands[code].name, len(villages), n))
        elif by == "mode":
            for mode in Mode:
                n = sum(1 for v in villages if any(m == mode for _, m in served.get(v.code, ())))
                report.rows.append(CoverageRow(mode.value, str(mode.label), len(villages), n))
        return report

    def _agreement_brands(self) -> set[str]:
        return {a.brand.code for a in self.agreements}


def _county(county_code: str | None) -> AdminArea:
    counties = AdminArea.objects.filter(level=AreaLevel.COUNTY)
    if county_code:
        code = county_code.ljust(12, "0")
        county = counties.filter(code=code).first()
        if county is None:
            raise LookupError(
                f"no county with code {county_code} (run `jincun init` or import its divisions)"
            )
        return county
    county = counties.order_by("code").first()
    if county is None:
        raise LookupError("no county loaded yet: run `jincun init`")
    return county


def coverage_at(day: dt.date, by: str | None = None, county_code: str | None = None) -> CoverageReport:
    return CoverageData(county_code).report(day, by)


@dataclass
class TargetStatus:
    target: CoverageTarget
    share_now: float
    standing: str

    @property
    def standing_label(self) -> str:
        return str(TargetStanding(self.standing).label)


def target_standings(today: dt.date, county_code: str | None = None) -> list[TargetStatus]:
    """Each target as met / on track / behind (or missed, once its date has passed unmet).

    On track: the straight line through the share 90 days ago and today reaches the target by its date.
    """
    data = CoverageData(county_code)
    result = []
    now = data.report(today).share
    before = data.report(today - dt.timedelta(days=90)).share
    for target in CoverageTarget.objects.filter(county=data.county).order_by("due"):
        goal = float(target.share if isinstance(target.share, Decimal) else Decimal(str(target.share)))
        if target.due <= today:
            standing = TargetStanding.MET if data.report(target.due).share >= goal else TargetStanding.MISSED
        elif now >= goal:
            standing = TargetStanding.MET
        else:
            rate = (now - before) / 90
            projected = now + rate * (target.due - today).days
            standing = TargetStanding.ON_TRACK if projected >= goal else TargetStanding.BEHIND
        result.append(TargetStatus(target, now, standing))
    return result
