import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from jincun.network.models import AdminArea
from jincun.network.services.divisions import import_divisions, load_bundled


def test_bundled_yiyuan_has_12_towns_and_468_units(yiyuan):
    assert AdminArea.objects.towns().filter(parent=yiyuan).count() == 12
    units = AdminArea.objects.villages().in_county("370323")
    assert units.count() == 468
    assert units.filter(unit_type="village_committee").count() == 446
    assert units.filter(unit_type="residents_committee").count() == 22


def test_reloading_bundled_divisions_changes_nothing(yiyuan):
    report = load_bundled("yiyuan")
    assert report.created == 0 and report.updated == 0 and report.unchanged == 468 and not report.errors


def test_duplicate_names_are_separate_villages(yiyuan):
    towns = {
        v.parent_id for v in AdminArea.objects.villages().in_county("370323").filter(name="朱家庄村委会")
    }
    assert len(towns) == 2


def rows(*dicts):
    return [(i + 2, d) for i, d in enumerate(dicts)]


def test_bad_rows_are_reported_with_line_and_reason_and_good_rows_load(db):
    good = {"code": "990201201201", "name": "好村", "town_code": "990201201", "town_name": "样镇"}
    report = import_divisions(
        rows(
            good,
            {"code": "99020120120", "name": "短码村", "town_code": "990201201", "town_name": "样镇"},
            {"code": "990201999202", "name": "错镇村", "town_code": "990201201", "town_name": "样镇"},
            dict(good, name="重复村"),
            {"code": "990201201203", "name": "", "town_code": "990201201", "town_name": "样镇"},
        ),
        county_name="样县",
    )
    assert report.created == 1
    assert [e.line for e in report.errors] == [3, 4, 5, 6]
    assert "12 位" in report.errors[0].reason
    assert "不属于镇" in report.errors[1].reason
    assert "重复" in report.errors[2].reason
    assert AdminArea.objects.get(code="990201201201").name == "好村"
    assert AdminArea.objects.get(code="990201000000").name == "样县"
    # idempotent: the same file again creates nothing
    again = import_divisions(rows(good), county_name="样县")
    assert (again.created, again.unchanged) == (0, 1)


def test_cli_names_missing_columns_once(db, tmp_path):
    before = AdminArea.objects.count()
    path = tmp_path / "towns.csv"
    path.write_bytes("code,name\n370323102201,某村\n".encode())
    with pytest.raises(CommandError, match="缺少列：town_code、town_name"):
        call_command("import_divisions", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert AdminArea.objects.count() == before
