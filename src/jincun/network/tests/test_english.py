"""Read in English, the station and division imports' refusals and summaries carry no Chinese but data (names
of places and stations); in Chinese they read as before. The codes stay machine-readable either way."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import translation

from jincun.core.imports import read_table
from jincun.network.models import AdminArea
from jincun.network.services.agreements import AgreementRefused, save_agreement
from jincun.network.services.divisions import import_divisions
from jincun.network.services.stations import StationRefused, import_stations, save_station
from jincun.network.station_columns import require_station_columns
from jincun.network.tests.test_divisions import rows
from jincun.network.tests.test_import_stations import BAD, GOOD, csv_bytes, lucun_node  # noqa: F401

HAN = re.compile(r"[\u4e00-\u9fff]+")


def chinese_left(text: str, *data: str) -> list[str]:
    """Han text once the names from the database and the row's own cells are taken out."""
    names = [*AdminArea.objects.values_list("name", flat=True), *data]
    for name in sorted(filter(None, names), key=len, reverse=True):
        text = text.replace(name, "")
    return HAN.findall(text)


def test_station_import_refusals_in_english(lucun_node):  # noqa: F811
    cells = [c for line, _ in BAD for c in line.split(",")]
    with translation.override("en"):
        report = import_stations(read_table(csv_bytes(*GOOD, *(line for line, _ in BAD)), "s.csv"))
        lines = [str(e) for e in report.errors]
        summary = report.summary()
    assert report.created == 2 and len(report.errors) == len(BAD)
    for line in lines:
        assert line.startswith("Line ") and chinese_left(line, *cells) == [], line
    assert summary == f"2 created, 0 updated, 0 unchanged, {len(BAD)} refused"
    assert any("Unknown village code 370323102999" in line for line in lines)
    assert any("Duplicate station code (already on line 2)" in line for line in lines)


def test_station_import_refusals_stay_chinese_by_default(lucun_node):  # noqa: F811
    with translation.override(settings.LANGUAGE_CODE):
        report = import_stations(read_table(csv_bytes(BAD[0][0]), "s.csv"))
        assert str(report.errors[0]).startswith("第 2 行（ST-C）：未知村代码 370323102999")
        assert report.summary() == "新增 0，更新 0，未变 0，拒绝 1"


@pytest.mark.parametrize(
    "values, code",
    [
        ({"code": "bad code!"}, "bad_code"),
        ({"code": "ST-X", "name": "x"}, "missing_fields"),
        (
            {"code": "ST-X", "name": "x", "village_code": "370323102201", "kind": "shop", "shelves": 99},
            "bad_number",
        ),
        (
            {"code": "ST-X", "name": "x", "village_code": "370323102201", "kind": "shop", "lat": 36.2},
            "bad_point",
        ),
    ],
)
def test_station_refusal_in_english_keeps_its_code(lucun_node, values, code):  # noqa: F811
    with translation.override("en"), pytest.raises(StationRefused) as refused:
        save_station(values)
    assert refused.value.code == code
    assert HAN.findall(str(refused.value)) == []


def test_division_import_refusals_in_english(db):
    town = {"town_code": "990201201", "town_name": "样镇"}
    good = {"code": "990201201201", "name": "好村", **town}
    with translation.override("en"):
        report = import_divisions(
            rows(
                good,
                {"code": "99020120120", "name": "短码村", **town},
                {"code": "990201999202", "name": "错镇村", **town},
                dict(good, name="重复村"),
                {"code": "990201201203", "name": "", **town},
                {"code": "990201201000", "name": "零村", **town},
                {"code": "990201201204", "name": "坐标村", "lat": "x", "lon": "y", **town},
                {"code": "990201201205", "name": "外村", "lat": "10", "lon": "10", **town},
                {"code": "990201201206", "name": "类型村", "unit_type": "farm", **town},
            ),
            county_name="样县",
        )
        lines = [str(e) for e in report.errors]
    assert report.created == 1 and len(lines) == 8
    for line in lines:
        assert chinese_left(line) == [], line
    assert "A division code must be 12 digits, not '99020120120'" in lines[0]
    assert "Missing: name" in lines[3]


def test_missing_columns_in_english():
    with translation.override("en"), pytest.raises(Exception) as refused:
        require_station_columns([(2, {"name": "x"})])
    assert str(refused.value).startswith("Missing column: code")


def test_agreement_refusal_in_english(db):
    with translation.override("en"), pytest.raises(AgreementRefused) as refused:
        save_agreement({"brand": "nobody", "mode": "express", "valid_from": dt.date(2024, 1, 1), "town": "x"})
    assert refused.value.code == "unknown_brand"
    assert HAN.findall(str(refused.value)) == []
