"""The writes of the farm-product projects: collect for a project, import brand-reported figures, change a
target. One transaction each; views, CLI, the simulator and the demo call these."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from jincun.agri.models import Project, ProjectDay, ProjectParcel, ProjectTarget
from jincun.core.imports import ImportReport, RowError, read_table
from jincun.network.models import AdminArea, Brand
from jincun.parcels.services import collect_outbound, collect_outbound_many
from jincun.parcels.services.outcomes import refused


def draws_from(project: Project, village_code: str) -> bool:
    villages = {v.code for v in project.villages.all()}
    if villages:
        return village_code in villages
    towns = {t.code for t in project.towns.all()}
    if towns:
        return village_code[:9] + "000" in towns
    return village_code.startswith(project.county_id[:6])


def active_projects(village_code: str, day: dt.date) -> list[Project]:
    """Projects a parcel collected in `village_code` on `day` may count toward: valid that year and drawing
    from the village; in-season ones first."""
    projects = Project.objects.filter(valid_from_year__lte=day.year).prefetch_related("towns", "villages")
    found = [p for p in projects if p.valid_in(day.year) and draws_from(p, village_code)]
    return sorted(found, key=lambda p: (day.month not in p.season_months, p.level, p.code))


def season_project(
    village_code: str, day: dt.date, product: str, cache: dict | None = None
) -> Project | None:
    """The project a farm parcel of `product` collected in `village_code` on `day` counts toward: the village's
    in-season project for that product, else a town project in season there, else None. What the simulator
    and the history generator pick (a station keeper picks on the form). `cache`: a dict the caller keeps
    across calls, keyed by (village, day)."""
    cache = {} if cache is None else cache
    key = (village_code, day)
    if key not in cache:
        cache[key] = [p for p in active_projects(village_code, day) if day.month in p.season_months]
    in_season = cache[key]
    return next((p for p in in_season if p.product == product), None) or next(
        (p for p in in_season if p.level == "town"), None
    )


@transaction.atomic
def collect_for_project(station, data: dict, project: Project | None, operator=None, *, at=None):
    """揽收 through the parcels service, and count the parcel toward `project` in the same transaction.
    Refused (nothing collected) when the project is not active for the station's village."""
    now = at or timezone.now()
    day = timezone.localtime(now).date()
    if project is not None and project not in active_projects(station.village_id, day):
        return refused("project_inactive", "该项目不在本村或本年度有效范围内")
    outcome = collect_outbound(station, data, operator, at=now)
    if project is not None and outcome.status == "accepted":
        link_parcel(project, outcome.parcel, day)
    return outcome


@transaction.atomic
def collect_many_for_projects(station, rows: list[dict], projects: list, operator=None, *, at=None):
    """The batch form of `collect_for_project`: one batch collection through the parcels service, then each
    accepted parcel counted toward its row's project (None: toward none). The projects are the caller's
    choice from `active_projects` of the station's village."""
    now = at or timezone.now()
    outcomes = collect_outbound_many(station, rows, operator, at=now)
    for data, outcome, project in zip(rows, outcomes, projects, strict=True):
        if project is not None and outcome.status == "accepted":
            link_parcel(project, outcome.parcel, timezone.localtime(data.get("collected_at") or now).date())
    return outcomes


def link_parcel(project: Project, parcel, day: dt.date) -> None:
    """Count one collected parcel toward a project (idempotent per parcel)."""
    _, created = ProjectParcel.objects.get_or_create(parcel=parcel, defaults={"project": project, "day": day})
    if created:
        _add_scanned(project, day, parcel.village_id, parcel.brand_id, 1)


def _add_scanned(project, day, village_code, brand_id, n):
    row, _ = ProjectDay.objects.get_or_create(
        project=project,
        day=day,
        village_code=village_code,
        brand_id=brand_id,
        defaults={"town_code": village_code[:9] + "000"},
    )
    ProjectDay.objects.filter(pk=row.pk).update(scanned=F("scanned") + n)


@transaction.atomic
def rebuild_project_days(project: Project | None = None) -> int:
    """Recount the scanned pieces from the parcel links (after a bulk load); reported figures are kept.
    Set-based: one grouped query per project, rows written in bulk (a county-year has ~10^5 of them)."""
    projects = [project] if project else list(Project.objects.all())
    rows = 0
    for p in projects:
        existing = {(d.day, d.village_code, d.brand_id): d for d in ProjectDay.objects.filter(project=p)}
        for d in existing.values():
            d.scanned = 0
        new = []
        grouped = (
            ProjectParcel.objects.filter(project=p)
            .values("day", "parcel__village_id", "parcel__brand_id")
            .annotate(n=Count("id"))
        )
        for g in grouped:
            village = g["parcel__village_id"] or ""
            key = (g["day"], village, g["parcel__brand_id"])
            if key in existing:
                existing[key].scanned = g["n"]
            else:
                new.append(ProjectDay(project=p, day=key[0], village_code=village, town_code=village[:9] + "000",
                                      brand_id=key[2], scanned=g["n"]))  # fmt: skip
            rows += 1
        ProjectDay.objects.bulk_update(list(existing.values()), ["scanned"], batch_size=1000)
        ProjectDay.objects.bulk_create(new, batch_size=1000)
    return rows


@transaction.atomic
def set_target(
    project: Project, year: int, pieces: int, effective_from: dt.date, note: str = ""
) -> ProjectTarget:
    """Change a project's target for `year` from `effective_from`; earlier targets stay on record."""
    if pieces <= 0:
        raise ValueError("target must be positive")
    target = ProjectTarget.objects.create(
        project=project, year=year, pieces=pieces, effective_from=effective_from, note=note
    )
    if effective_from <= timezone.localdate() or not project.annual_target:
        Project.objects.filter(pk=project.pk).update(annual_target=pieces)
    return target


def target_on(project: Project, day: dt.date) -> int:
    """The target for `day`'s year as it stood on `day` (the latest change effective by then)."""
    targets = [t for t in project.targets.all() if t.year == day.year and t.effective_from <= day]
    if targets:
        return max(targets, key=lambda t: (t.effective_from, t.id)).pieces
    earlier = [t for t in project.targets.all() if t.year == day.year]
    return min(earlier, key=lambda t: (t.effective_from, t.id)).pieces if earlier else project.annual_target


REPORTED_COLUMNS = ("date", "project", "village", "brand", "pieces")
ALIASES = {
    "日期": "date",
    "项目": "project",
    "村": "village",
    "村代码": "village",
    "品牌": "brand",
    "件数": "pieces",
}


def import_reported(source, filename: str | None = None, *, label: str = "") -> ImportReport:
    """Brand-reported pieces per day, project, village (12-digit code) and brand, from CSV or XLSX.
    Each row on its own: a bad row is refused with its reason, the rest kept. Importing the same day,
    project, village and brand again replaces the figure (a correction), it never adds to it."""
    report = ImportReport()
    projects = {p.code: p for p in Project.objects.prefetch_related("towns", "villages")}
    brands = {b.code: b for b in Brand.objects.all()}
    villages = {v.code: v for v in AdminArea.objects.filter(level="village")}
    for line, raw in read_table(source, filename):
        row = {ALIASES.get(k.strip(), k.strip().lower()): (v or "").strip() for k, v in raw.items() if k}
        reason, parsed = _reported_row(row, projects, brands, villages)
        if reason:
            report.errors.append(RowError(line, reason, row.get("village", "")))
            continue
        with transaction.atomic():
            _store_reported(report, *parsed, label or filename or "import")
    return report


def _reported_row(row, projects, brands, villages):
    try:
        day = dt.date.fromisoformat(row.get("date", "").replace("/", "-"))
    except ValueError:
        return "日期格式应为 YYYY-MM-DD", None
    project = projects.get(row.get("project", ""))
    if project is None:
        return "未知项目代码", None
    brand = brands.get(row.get("brand", "").upper())
    if brand is None:
        return "未知品牌代码", None
    pieces = row.get("pieces", "")
    if not pieces.isdigit():
        return "件数应为非负整数", None
    village = villages.get(row.get("village", ""))
    if village is None:
        return "村代码不存在（应为 12 位统计用区划代码）", None
    if not project.valid_in(day.year) or not draws_from(project, village.code):
        return "该村不在项目范围内或项目当年无效", None
    return "", (project, day, village, brand, int(pieces))


def _store_reported(report, project, day, village, brand, pieces, label):
    row, created = ProjectDay.objects.get_or_create(
        project=project,
        day=day,
        village_code=village.code,
        brand_id=brand.pk,
        defaults={"town_code": village.code[:9] + "000", "reported": pieces, "reported_source": label[:120]},
    )
    if created:
        report.created += 1
    elif row.reported == pieces:
        report.unchanged += 1
    else:
        ProjectDay.objects.filter(pk=row.pk).update(reported=pieces, reported_source=label[:120])
        report.updated += 1
