"""The migration that turns the old free-text `project_tag` into project links before parcels drops it: a
tagged parcel counts toward its product's project, and the project's daily pieces are recounted."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

TZ = ZoneInfo("Asia/Shanghai")
BEFORE = [("agri", "0001_initial"), ("parcels", "0011_county_keys")]
AFTER = [("agri", "0002_links_from_tags"), ("parcels", "0012_drop_project_tag")]


@pytest.mark.django_db(transaction=True)
def test_tagged_parcels_get_their_project_link():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    AdminArea = apps.get_model("network", "AdminArea")
    Brand = apps.get_model("network", "Brand")
    Parcel = apps.get_model("parcels", "Parcel")
    ScanEvent = apps.get_model("parcels", "ScanEvent")
    Project = apps.get_model("agri", "Project")
    county = AdminArea.objects.create(code="990101000000", name="县", level="county")
    town = AdminArea.objects.create(code="990101101000", name="镇", level="town", parent=county)
    village = AdminArea.objects.create(code="990101101201", name="村", level="village", parent=town)
    brand = Brand.objects.create(code="TBZ", name="测试快递")
    apple = Project.objects.create(code="apple", name="快递+苹果", product="apple", level="gold", county=county,
                                   season_months=[10, 11], annual_target=1000, valid_from_year=2020)  # fmt: skip
    at = dt.datetime(2025, 10, 14, 23, 30, tzinfo=dt.UTC)  # the 15th in China
    for waybill, tag in (("A1", "apple"), ("A2", "apple"), ("C1", "cherry"), ("N1", "")):
        p = Parcel.objects.create(waybill=waybill, brand=brand, direction="outbound", state="collected",
                                  village=village, project_tag=tag)  # fmt: skip
        ScanEvent.objects.create(parcel=p, event_type="collected", result="applied", state_after="collected",
                                 at=at, received_at=at, idem_key=waybill)  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    links = apps.get_model("agri", "ProjectParcel").objects.filter(project_id=apple.pk)
    assert sorted(links.values_list("parcel__waybill", flat=True)) == ["A1", "A2"]
    assert set(links.values_list("day", flat=True)) == {dt.date(2025, 10, 15)}
    day = apps.get_model("agri", "ProjectDay").objects.get(project_id=apple.pk)
    assert (day.day, day.village_code, day.scanned) == (dt.date(2025, 10, 15), village.code, 2)
    # back to the latest state for the tests after this one
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
