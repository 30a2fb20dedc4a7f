"""The writes of the farm-product projects: collect for a project, import brand-reported figures, change a
target. One transaction each; views, CLI, the simulator and the demo call these."""

from __future__ import annotations

import datetime as dt

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.agri.models import Project, ProjectDay, ProjectParcel, ProjectTarget
from jincun.core.bulk import insert_rows
from jincun.core.imports import ImportReport, RowError, read_table
from jincun.network.models import AdminArea, Brand
from jincun.parcels.services import collect_outbound, collect_outbound_batches
from jincun.parcels.services.outcomes import refused


def draws_from(project: Project, village_code: str) -> bool:
    villages = {v.code for v in project.villages.all()}
    if villages:
        return village_code in villages
    towns = {t.code for t in project.towns.all()}
    if towns:
        return village_code[:9] + "000" in towns
    return village_code.startswith(project.county_id[:6])


def projects_of(day: dt.date) -> list[Project]:
    """The projects that may be active on `day` (one read, for `active_projects(..., among=)`)."""
    return list(Project.objects.filter(valid_from_year__lte=day.year).prefetch_related("towns", "villages"))


def active_projects(village_code: str, day: dt.date, among: list[Project] | None = None) -> list[Project]:
    """Projects a parcel collected in `village_code` on `day` may count toward: valid that year and drawing
    from the village; in-season ones first. `among`: `projects_of(day)` read once for many villages."""
    projects = among if among is not None else projects_of(day)
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
        among = cache.get(("among", day))
        if among is None:  # the day's projects read once for all its villages
            among = cache[("among", day)] = projects_of(day)
        in_season = active_projects(village_code, day, among=among)
        cache[key] = [p for p in in_season if day.month in p.season_months]
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
        return refused("project_inactive", _("该项目不在本村或本年度有效范围内"))
    outcome = collect_outbound(station, data, operator, at=now)
    if project is not None and outcome.status == "accepted":
        link_parcel(project, outcome.parcel, day)
    return outcome


@transaction.atomic
def collect_many_for_projects(station, rows: list[dict], projects: list, operator=None, *, at=None):
    """The batch form of `collect_for_project`: one batch collection through the parcels service, then each
    accepted parcel counted toward its row's project (None: toward none). The projects are the caller's
    choice from `active_projects` of the station's village."""
    return collect_at_stations_for_projects([(station, rows, projects)], operator, at=at)[0]


@transaction.atomic
def collect_at_stations_for_projects(batches, operator=None, *, at=None) -> list[list]:
    """`collect_many_for_projects` for many stations, [(station, rows, projects)] → outcomes per station:
    one collection batch through the parcels service, the project links in bulk."""
    now = at or timezone.now()
    per_station = collect_outbound_batches(
        [(station, rows) for station, rows, _ in batches], operator, at=now
    )
    links = []
    for (_station, rows, projects), outcomes in zip(batches, per_station, strict=True):
        for data, outcome, project in zip(rows, outcomes, projects, strict=True):
            if project is not None and outcome.status == "accepted":
                links.append(
                    (project, outcome.parcel, timezone.localtime(data.get("collected_at") or now).date())
                )
    link_parcels(links)
    return per_station


def link_parcel(project: Project, parcel, day: dt.date) -> None:
    """Count one collected parcel toward a project (idempotent per parcel)."""
    link_parcels([(project, parcel, day)])


def link_parcels(links) -> int:
    """`link_parcel` for a batch of (project, parcel, day): one read of the links there, one insert of the
    new ones, the day counts added per (project, day, village, brand). Returns how many were new."""
    ids = [parcel.pk for _, parcel, _ in links]
    linked = set(ProjectParcel.objects.filter(parcel_id__in=ids).values_list("parcel_id", flat=True))
    new, counts = [], {}
    for project, parcel, day in links:
        if parcel.pk in linked:
            continue
        linked.add(parcel.pk)
        new.append(ProjectParcel(project=project, parcel=parcel, day=day))
        key = (project.pk, day, parcel.village_id, parcel.brand_id)
        counts[key] = counts.get(key, 0) + 1
    insert_rows(new)
    _add_scanned_many(counts)
    return len(new)


def _add_scanned_many(counts: dict) -> None:
    """(project pk, day, village code, brand id) → pieces, added to the day rows (made when missing)."""
    if not counts:
        return
    rows = ProjectDay.objects.filter(
        project_id__in={k[0] for k in counts},
        day__in={k[1] for k in counts},
        village_code__in={k[2] for k in counts},
    )
    existing = {(r.project_id, r.day, r.village_code, r.brand_id): r.pk for r in rows}
    missing = [ProjectDay(project_id=p, day=d, village_code=v, brand_id=b, town_code=v[:9] + "000")
               for (p, d, v, b) in counts if (p, d, v, b) not in existing]  # fmt: skip
    ProjectDay.objects.bulk_create(missing, batch_size=500, ignore_conflicts=True)
    if missing:
        rows = ProjectDay.objects.filter(
            project_id__in={k[0] for k in counts}, day__in={k[1] for k in counts},
            village_code__in={k[2] for k in counts},
        )  # fmt: skip
        existing = {(r.project_id, r.day, r.village_code, r.brand_id): r.pk for r in rows}
    table = ProjectDay._meta.db_table
    with connection.cursor() as cur:
        cur.executemany(
            f"UPDATE {table} SET scanned = scanned + %s WHERE id = %s",
            [(n, existing[k]) for k, n in counts.items()],
        )


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
    Set-based: per project the scanned figures are zeroed, then the links grouped by day, village and brand
    are upserted in one statement (a county-year has ~10^5 rows). Returns the rows counted."""
    projects = [project] if project else list(Project.objects.all())
    table, links = ProjectDay._meta.db_table, ProjectParcel._meta.db_table
    village = "COALESCE(p.village_id, '')"
    rows = 0
    with connection.cursor() as cur:
        for p in projects:
            cur.execute(f"UPDATE {table} SET scanned = 0 WHERE project_id = %s AND scanned <> 0", [p.pk])
            cur.execute(
                f"INSERT INTO {table} (project_id, day, village_code, town_code, brand_id, scanned, reported,"
                f" reported_source) SELECT l.project_id, l.day, {village}, SUBSTR({village}, 1, 9) || '000',"
                f" p.brand_id, COUNT(*), 0, '' FROM {links} l JOIN parcels_parcel p ON p.id = l.parcel_id"
                f" WHERE l.project_id = %s GROUP BY l.project_id, l.day, {village}, p.brand_id"
                " ON CONFLICT (project_id, day, village_code, brand_id) DO UPDATE SET scanned = excluded.scanned",
                [p.pk],
            )
            rows += max(cur.rowcount, 0)
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
        return _("日期格式应为 YYYY-MM-DD"), None
    project = projects.get(row.get("project", ""))
    if project is None:
        return _("未知项目代码"), None
    brand = brands.get(row.get("brand", "").upper())
    if brand is None:
        return _("未知品牌代码"), None
    pieces = row.get("pieces", "")
    if not pieces.isdigit():
        return _("件数应为非负整数"), None
    village = villages.get(row.get("village", ""))
    if village is None:
        return _("村代码不存在（应为 12 位统计用区划代码）"), None
    if not project.valid_in(day.year) or not draws_from(project, village.code):
        return _("该村不在项目范围内或项目当年无效"), None
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
