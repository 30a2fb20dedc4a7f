"""Before parcels drops its free-text `project_tag`: every tagged outbound parcel with no project link gets one
(the project of its product valid that year and drawing from its village, in-season first), so no counted
parcel is lost; the projects' daily scanned pieces are then recounted from the links."""

from zoneinfo import ZoneInfo

from django.db import migrations
from django.db.models import Count, Min

TZ = ZoneInfo("Asia/Shanghai")


def _draws(project, village_code, areas):
    villages, towns = areas[project.pk]
    if villages:
        return village_code in villages
    if towns:
        return village_code[:9] + "000" in towns
    return village_code.startswith(project.county_id[:6])


def links_from_tags(apps, schema_editor):
    Parcel = apps.get_model("parcels", "Parcel")
    Project = apps.get_model("agri", "Project")
    ProjectParcel = apps.get_model("agri", "ProjectParcel")
    ProjectDay = apps.get_model("agri", "ProjectDay")
    projects = list(Project.objects.all())
    if not projects:
        return
    areas = {
        p.pk: ({v.code for v in p.villages.all()}, {t.code for t in p.towns.all()}) for p in projects
    }
    tagged = (
        Parcel.objects.filter(direction="outbound", project_link__isnull=True)
        .exclude(project_tag="")
        .annotate(first=Min("events__at"))
        .values_list("id", "project_tag", "village_id", "first")
    )
    links = []
    for pk, tag, village, first in tagged.iterator(chunk_size=2000):
        if first is None:
            continue
        day = first.astimezone(TZ).date()
        fits = [
            p
            for p in projects
            if p.product == tag
            and p.valid_from_year <= day.year
            and (p.valid_to_year is None or day.year <= p.valid_to_year)
            and _draws(p, village or "", areas)
        ]
        if fits:
            best = min(fits, key=lambda p: (day.month not in p.season_months, p.level, p.code))
            links.append(ProjectParcel(project=best, parcel_id=pk, day=day))
        if len(links) >= 2000:
            ProjectParcel.objects.bulk_create(links)
            links = []
    ProjectParcel.objects.bulk_create(links)
    for p in projects:
        ProjectDay.objects.filter(project=p).update(scanned=0)
        grouped = (
            ProjectParcel.objects.filter(project=p)
            .values("day", "parcel__village_id", "parcel__brand_id")
            .annotate(n=Count("id"))
        )
        for g in grouped:
            village = g["parcel__village_id"] or ""
            row, _ = ProjectDay.objects.get_or_create(
                project=p,
                day=g["day"],
                village_code=village,
                brand_id=g["parcel__brand_id"],
                defaults={"town_code": village[:9] + "000"},
            )
            ProjectDay.objects.filter(pk=row.pk).update(scanned=g["n"])


class Migration(migrations.Migration):
    dependencies = [
        ("agri", "0001_initial"),
        ("parcels", "0011_county_keys"),
    ]
    run_before = [("parcels", "0012_drop_project_tag")]

    operations = [migrations.RunPython(links_from_tags, migrations.RunPython.noop)]
