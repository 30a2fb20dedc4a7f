"""Project arithmetic: scanned + reported never double-counted, year boundaries, mid-year target changes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from jincun.agri.models import Project, ProjectDay, ProjectParcel
from jincun.agri.progress import project_progress
from jincun.agri.services import active_projects, collect_for_project, import_reported, set_target
from jincun.parcels.tests.factories import build_county
from jincun.parcels.tests.test_outbound import sender

TZ = ZoneInfo("Asia/Shanghai")
D = dt.date


@pytest.fixture
def county(db):
    return build_county()


@pytest.fixture
def apple(county):
    project = Project.objects.create(
        code="apple", name="快递+苹果", product="apple", level="gold", county=county.node.town.parent,
        season_months=[10, 11], annual_target=1000, valid_from_year=2025,
    )  # fmt: skip
    set_target(project, 2026, 1000, D(2026, 1, 1), "立项")
    set_target(project, 2025, 800, D(2025, 1, 1), "立项")
    return project


def collect(county, project, day, hour=10):
    return collect_for_project(
        county.station, sender(), project, at=dt.datetime.combine(day, dt.time(hour), TZ)
    )


def reported_file(*rows) -> bytes:
    lines = ["date,project,village,brand,pieces"] + [",".join(map(str, r)) for r in rows]
    return "\n".join(lines).encode()


def test_collection_links_the_parcel_and_counts_it_once(county, apple):
    out = collect(county, apple, D(2026, 10, 3))
    assert out.status == "accepted"
    assert ProjectParcel.objects.get(parcel=out.parcel).project == apple
    day = ProjectDay.objects.get(project=apple)
    assert (day.scanned, day.reported, day.day) == (1, 0, D(2026, 10, 3))
    assert apple in active_projects(county.station.village_id, D(2026, 10, 3))


def test_reported_figure_of_the_same_day_brand_village_includes_the_scanned(county, apple):
    for _ in range(3):
        collect(county, apple, D(2026, 10, 3))
    village = county.station.village_id
    report = import_reported(reported_file(("2026-10-03", "apple", village, "TBZ", 10),
                                           ("2026-10-04", "apple", village, "TBZ", 5)), "r.csv")  # fmt: skip
    assert report.created == 1 and report.updated == 1 and report.ok
    progress = project_progress(apple, D(2026, 10, 31))
    assert progress.ytd == 15  # max(3, 10) + 5, not 3 + 10 + 5
    assert progress.scanned == 3 and progress.reported_extra == 12
    # A brand reporting less than we scanned does not lower the count; re-importing replaces, never adds.
    again = import_reported(reported_file(("2026-10-03", "apple", village, "TBZ", 2)), "r.csv")
    assert again.updated == 1
    assert project_progress(apple, D(2026, 10, 31)).ytd == 3 + 5


def test_bad_rows_are_refused_with_a_reason_and_the_rest_kept(county, apple):
    village = county.station.village_id
    report = import_reported(
        reported_file(
            ("2026-13-01", "apple", village, "TBZ", 1),
            ("2026-10-01", "pear", village, "TBZ", 1),
            ("2026-10-01", "apple", "999999999999", "TBZ", 1),
            ("2026-10-01", "apple", village, "TBZ", -4),
            ("2026-10-01", "apple", village, "TBZ", 7),
        ),  # fmt: skip
        "r.csv",
    )
    assert report.created == 1 and len(report.errors) == 4
    assert [e.line for e in report.errors] == [2, 3, 4, 5]
    assert "日期" in report.errors[0].reason and "项目" in report.errors[1].reason


def test_year_boundary_and_same_period_last_year(county, apple):
    village = county.station.village_id
    import_reported(reported_file(("2025-12-31", "apple", village, "TBZ", 40), ("2026-01-01", "apple", village, "TBZ", 7),
                                  ("2025-06-30", "apple", village, "TBZ", 3)), "r.csv")  # fmt: skip
    collect(county, apple, D(2025, 12, 31), hour=23)  # 23:00 Shanghai = 15:00 UTC: still the 31st
    p = project_progress(apple, D(2026, 6, 30))
    assert p.ytd == 7
    assert p.last_year_same_period == 3 and p.last_year_total == 43
    assert p.target == 1000


def test_mid_year_target_change_keeps_the_old_target_for_earlier_days(county, apple):
    set_target(apple, 2026, 600, D(2026, 7, 1), "减产调整")
    assert project_progress(apple, D(2026, 6, 30)).target == 1000
    assert project_progress(apple, D(2026, 7, 1)).target == 600
    assert apple.targets.filter(year=2026).count() == 2


def test_collection_for_a_project_out_of_its_years_is_refused_and_nothing_collected(county, apple):
    apple.valid_to_year = 2025
    apple.save()
    out = collect(county, apple, D(2026, 10, 3))
    assert out.status == "refused" and out.reason == "project_inactive"
    assert not ProjectParcel.objects.exists()


def test_projection_and_standing(county, apple):
    village = county.station.village_id
    import_reported(reported_file(("2026-10-10", "apple", village, "TBZ", 300)), "r.csv")
    early = project_progress(apple, D(2026, 3, 1))
    assert early.standing == "not_started" and early.projected is None
    late = project_progress(apple, D(2026, 10, 31))
    assert late.projected is not None and late.standing == "behind"  # 300 by end Oct of a 1000 year
    import_reported(reported_file(("2026-10-11", "apple", village, "TBZ", 700)), "r.csv")
    assert project_progress(apple, D(2026, 10, 31)).standing == "met"
