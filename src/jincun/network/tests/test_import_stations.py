"""Station table import: per-row refusals with line numbers, good rows kept, idempotent re-import, history."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from jincun.core.imports import read_table
from jincun.network.models import AdminArea, Station
from jincun.network.services.stations import import_stations, save_station
from jincun.network.station_columns import template_csv
from jincun.network.tests.factories import HubFactory, TownNodeFactory, UserFactory

LUCUN = "370323102000"  # 鲁村镇: gets a node; 东里镇 (103) does not
HEADER = "code,name,village_code,town_code,kind,keeper_name,keeper_phone,opens_at,closes_at,status,opened_on,lat,lon"
GOOD = [
    "ST-A,鲁村一村服务站,370323102201,370323102,shop,王建国,13800001234,08:00,20:00,active,2020-05-01,36.19,117.98",
    "ST-B,鲁村二村电商站,370323102202,,电商服务站,李秀英,0533-3221234,7:30,19:00,运营,2020/6/1,,",
]
BAD = [
    ("ST-C,无此村站,370323102999,,shop,,,,,planned,,,", "未知村代码"),
    ("ST-D,错镇站,370323102203,370323103,shop,,,,,planned,,,", "与所填镇代码"),
    ("ST-E,坏电话站,370323102203,,shop,张三,1234,,,planned,,,", "电话号码无法识别"),
    ("ST-F,坏时间站,370323102203,,shop,,,25:00,20:00,planned,,,", "HH:MM"),
    ("ST-G,未知类型站,370323102203,,supermarket,,,,,planned,,,", "未知类型"),
    ("ST-H,县外站,370323102203,,shop,,,,,planned,,39.9,116.4", "不在本县范围内"),
    ("ST-I,无节点镇站,370323103201,,shop,,,,,planned,,,", "尚无镇级节点"),
    ("ST-A,重复站,370323102203,,shop,,,,,planned,,,", "站点编码重复"),
    ("ST-J,倒置时间站,370323102203,,shop,,,20:00,08:00,planned,,,", "应晚于开始"),
    ("ST-K,坏日期站,370323102203,,shop,,,,,active,2020-13-01,,", "日期应为"),
]


def test_village_name_must_match_the_code(lucun_node):
    data = ("code,name,village_code,村名,kind\n"
            "ST-N1,甲,370323102201,鲁村一村,shop\n"
            "ST-N2,乙,370323102202,鲁村一村村委会,shop\n").encode()  # fmt: skip
    report = import_stations(read_table(data, "s.csv"))
    assert report.created == 1 and [e.line for e in report.errors] == [3]
    assert "村名 鲁村一村村委会 与村代码" in report.errors[0].reason


@pytest.fixture
def lucun_node(yiyuan):
    return TownNodeFactory(town=AdminArea.objects.get(code=LUCUN), hub=HubFactory(county=yiyuan))


def csv_bytes(*lines):
    return ("\n".join([HEADER, *lines]) + "\n").encode()


def test_bad_rows_refused_with_line_and_reason_good_rows_kept(lucun_node):
    report = import_stations(read_table(csv_bytes(*GOOD, *(line for line, _ in BAD)), "s.csv"))
    assert report.created == 2
    assert [e.line for e in report.errors] == list(range(4, 4 + len(BAD)))
    for error, (_, reason) in zip(report.errors, BAD, strict=True):
        assert reason in error.reason, (error, reason)
    assert sorted(Station.objects.values_list("code", flat=True)) == ["ST-A", "ST-B"]
    b = Station.objects.get(code="ST-B")
    assert (b.kind, b.status, b.opened_on, b.town_node) == (
        "ecommerce",
        "active",
        dt.date(2020, 6, 1),
        lucun_node,
    )
    a = Station.objects.get(code="ST-A")
    assert a.location_approximate is False and a.meets_standard is False  # no video, no filing


def test_reimport_is_idempotent_and_an_edit_updates(lucun_node):
    data = csv_bytes(*GOOD)
    import_stations(read_table(data, "s.csv"))
    history = Station.history.count()
    again = import_stations(read_table(data, "s.csv"))
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 2, [])
    assert Station.history.count() == history
    edited = import_stations(read_table(csv_bytes(GOOD[0].replace("王建国", "王建军")), "s.csv"))
    assert edited.updated == 1 and Station.objects.get(code="ST-A").keeper_name == "王建军"


def test_xlsx_with_chinese_headers_and_typed_cells(lucun_node):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["站点编码", "站点名称", "村代码", "类型", "负责人电话", "营业开始", "营业结束", "状态", "启用日期"]
    )
    sheet.append(["ST-X", "鲁村三村站", 370323102203, "邮政网点", "13912345678", dt.time(8, 30), dt.time(18, 0),
                  "运营", dt.date(2021, 3, 2)])  # fmt: skip
    sheet.append(["ST-Y", "坏行", 370323102204, "商超便利店", "13912345678", dt.time(8, 0), dt.time(18, 0),
                  "关闭", dt.date(2021, 3, 2)])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_stations(read_table(buffer.getvalue(), "s.xlsx"))
    assert report.created == 1 and [e.line for e in report.errors] == [3]
    assert "关闭日期" in report.errors[0].reason
    x = Station.objects.get(code="ST-X")
    assert (x.kind, x.opens_at, x.opened_on) == ("post_point", dt.time(8, 30), dt.date(2021, 3, 2))


def test_write_records_who_and_why(lucun_node):
    user = UserFactory(username="importer")
    import_stations(read_table(csv_bytes(GOOD[0]), "s.csv"), user=user)
    record = Station.objects.get(code="ST-A").history.latest()
    assert record.history_user == user and record.history_type == "+"
    assert record.history_change_reason == "导入站点表第 2 行"
    save_station({"cameras": 3, "video_platform": "平台"}, code="ST-A", user=user, create=False)
    latest = Station.objects.get(code="ST-A").history.latest()
    assert latest.history_type == "~" and latest.history_user == user and latest.cameras == 3


def test_cli_import_and_export_roundtrip(lucun_node, tmp_path):
    path = tmp_path / "stations.csv"
    path.write_bytes(csv_bytes(*GOOD, BAD[0][0]))
    out, err = io.StringIO(), io.StringIO()
    call_command("import_stations", str(path), stdout=out, stderr=err)
    assert "新增 2" in out.getvalue() and "第 4 行" in err.getvalue() and "未知村代码" in err.getvalue()
    exported = tmp_path / "export.csv"
    call_command("export_stations", str(exported), stdout=io.StringIO())
    report = import_stations(read_table(exported))
    assert (report.unchanged, report.errors) == (2, [])


def test_cli_refuses_a_file_with_no_good_row(lucun_node, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(BAD[0][0]))
    with pytest.raises(CommandError):
        call_command("import_stations", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_template_csv_imports_its_example_row(lucun_node):
    report = import_stations(read_table(template_csv().encode("utf-8"), "template.csv"))
    assert report.created == 1, report.errors


def test_cli_names_a_missing_code_column_once(lucun_node, tmp_path):
    path = tmp_path / "nocode.csv"
    path.write_bytes("name,village_code\n甲站,370323102201\n乙站,370323102202\n".encode())
    err = io.StringIO()
    with pytest.raises(CommandError, match="缺少列：code"):
        call_command("import_stations", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""  # no per-row noise


def test_export_refuses_an_unknown_town(db):
    with pytest.raises(CommandError, match="no town with code '999'"):
        call_command("export_stations", "--town", "999", stdout=io.StringIO())
