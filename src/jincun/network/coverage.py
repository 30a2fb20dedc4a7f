"""Coverage against the policy targets: which administrative villages (建制村) have express service on a day.

A village is served by a brand on day D when an agreement for that brand covers it on D — naming the village,
or the whole town — and the station it goes through (if any) is in service on D. Communities (居委会) are
counted apart: the policy's targets count 建制村 only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db import connection
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


class AgreementTerms(NamedTuple):
    """What coverage needs of an agreement (and its station's dates)."""

    valid_from: dt.date
    valid_to: dt.date | None
    village_id: str | None
    town_id: str | None
    mode: str
    brand__code: str
    station_id: int | None
    station__opened_on: dt.date | None
    station__closed_on: dt.date | None
    brand_id: int
    brand__name: str

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def station_in_service_on(self, day: dt.date) -> bool:
        opened, closed = self.station__opened_on, self.station__closed_on
        return bool(opened and opened <= day and not (closed and closed <= day))

    def serves_on(self, day: dt.date) -> bool:
        """As `Agreement.serves_on`: valid on `day`, and its station (if any) in service."""
        return self.valid_on(day) and (self.station_id is None or self.station_in_service_on(day))


def _fetch_terms(queryset) -> list[AgreementTerms]:
    """The rows through a plain cursor: Django's per-value converters cost more than the query itself
    (SQLite hands dates back as text; `date.fromisoformat` is C)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cur:
        cur.execute(sql, params)
        rows = cur.fetchall()
    dates = (0, 1, 7, 8)

    def day(value):
        return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value

    return [AgreementTerms(*(day(v) if i in dates else v for i, v in enumerate(row))) for row in rows]


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
        # Plain tuples, not model instances: building ~3,000 Agreement+Station+Brand objects was most of
        # the coverage page's time.
        terms = Agreement.objects.filter(
            Q(village__code__startswith=prefix) | Q(town__code__startswith=prefix)
        ).values_list(*AgreementTerms._fields)
        self.agreements = _fetch_terms(terms)
        self.brands = {b.code: b for b in Brand.objects.all()}
        self._spans = self._agreement_spans()
        self._village_spans: dict[str, list[tuple]] = defaultdict(list)
        for start, end, _brand, _mode, codes in self._spans:
            for code in codes:
                self._village_spans[code].append((start, end))
        self._committees = [u.code for u in self.units if u.unit_type == UnitType.VILLAGE_COMMITTEE]
        self._served: dict[dt.date, dict] = {}
        self._reports: dict[tuple, CoverageReport] = {}

    def served(self, day: dt.date) -> dict[str, set[tuple[str, str]]]:
        """village code → {(brand code, mode)} served on `day` (computed once per day and kept)."""
        if day not in self._served:
            self._served[day] = self._compute_served(day)
        return self._served[day]

    def _agreement_spans(self) -> list[tuple]:
        """Each agreement as (first day, last day or None, brand code, mode, village codes): its validity
        cut by its station's opening and closing, so a day's coverage is plain date comparisons."""
        spans = []
        for a in self.agreements:
            start, end = a.valid_from, a.valid_to
            if a.station_id:
                if not a.station__opened_on:
                    continue
                start = max(start, a.station__opened_on)
                if a.station__closed_on:
                    last_open = a.station__closed_on - dt.timedelta(days=1)
                    end = last_open if end is None else min(end, last_open)
            if end is not None and end < start:
                continue
            codes = (a.village_id,) if a.village_id else tuple(self.villages_of_town.get(a.town_id, ()))
            spans.append((start, end, a.brand__code, a.mode, codes))
        return spans

    def share(self, day: dt.date) -> float:
        """The share of administrative villages served on `day` (what the chart over time needs; cheaper
        than a whole report)."""
        if not self._committees:
            return 0.0
        served = sum(
            any(s <= day and (e is None or day <= e) for s, e in self._village_spans.get(code, ()))
            for code in self._committees
        )
        return served / len(self._committees)

    def _compute_served(self, day: dt.date) -> dict[str, set[tuple[str, str]]]:
        result: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for start, end, brand, mode, codes in self._spans:
            if start <= day and (end is None or day <= end):
                for code in codes:
                    result[code].add((brand, mode))
        return result

    def report(self, day: dt.date, by: str | None = None) -> CoverageReport:
        """The coverage on `day`, grouped `by` town, brand or mode. Kept per (day, by): callers that change
        a report's rows (a brand sees its own) get a copy."""
        if by is not None and by not in GROUPINGS:
            raise ValueError(f"unknown grouping {by!r}; use one of {', '.join(GROUPINGS)}")
        if (day, by) not in self._reports:
            self._reports[(day, by)] = self._report(day, by)
        cached = self._reports[(day, by)]
        return dataclasses.replace(cached, rows=list(cached.rows), unserved=list(cached.unserved))

    def _report(self, day: dt.date, by: str | None) -> CoverageReport:
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
            of_town = defaultdict(list)
            for v in villages:
                of_town[v.parent_id].append(v)
            for town_code, town in sorted(self.towns.items()):
                in_town = of_town.get(town_code, [])
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
        return {a.brand__code for a in self.agreements}


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


def target_standings(
    today: dt.date, county_code: str | None = None, *, data: CoverageData | None = None
) -> list[TargetStatus]:
    """Each target as met / on track / behind (or missed, once its date has passed unmet). Pass `data` to
    reuse a county already loaded (the coverage page does).

    On track: the straight line through the share 90 days ago and today reaches the target by its date.
    """
    data = data or CoverageData(county_code)
    result = []
    now = data.share(today)
    before = data.share(today - dt.timedelta(days=90))
    for target in CoverageTarget.objects.filter(county=data.county).order_by("due"):
        goal = float(target.share if isinstance(target.share, Decimal) else Decimal(str(target.share)))
        if target.due <= today:
            standing = TargetStanding.MET if data.share(target.due) >= goal else TargetStanding.MISSED
        elif now >= goal:
            standing = TargetStanding.MET
        else:
            rate = (now - before) / 90
            projected = now + rate * (target.due - today).days
            standing = TargetStanding.ON_TRACK if projected >= goal else TargetStanding.BEHIND
        result.append(TargetStatus(target, now, standing))
    return result
