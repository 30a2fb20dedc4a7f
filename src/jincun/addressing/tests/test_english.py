"""Read in English, the alias and brand sort-code imports' refusals carry no Chinese but the row's own cells."""

import re

import pytest
from django.conf import settings
from django.utils import translation

from jincun.addressing.services import import_aliases
from jincun.addressing.sort_plan import import_brand_sort_codes
from jincun.core.imports import read_table
from jincun.network.tests.factories import BrandFactory, StationFactory, TownFactory, VillageFactory

pytestmark = pytest.mark.django_db
HAN = re.compile(r"[\u4e00-\u9fff]+")


def test_alias_import_refusals_in_english():
    data = (
        "alias,code,source,note\n"
        "下河崖,370323102281,imported,旧名\n"
        "坏行,123,imported,\n"
        "凉,370323102281,imported,\n"
        "某处,370323102281,guess,\n"
        "某地,,imported,\n"
    ).encode()
    with translation.override("en"):
        report = import_aliases(read_table(data, "aliases.csv"))
        lines = [str(e) for e in report.errors]
    assert report.created == 1 and [e.line for e in report.errors] == [3, 4, 5, 6]
    for line, alias in zip(lines, ["坏行", "凉", "某处", "某地"], strict=True):
        assert HAN.findall(line.replace(alias, "")) == [], line
    assert lines[0] == "Line 3 (坏行): Division code 123 is not a known town or village"
    assert lines[3].endswith("Division code (empty) is not a known town or village")


def test_alias_import_refusals_stay_chinese_by_default():
    with translation.override(settings.LANGUAGE_CODE):
        report = import_aliases(read_table("alias,code\n坏行,123\n".encode(), "aliases.csv"))
        assert str(report.errors[0]) == "第 2 行（坏行）：区划代码 123 不是已知的镇或村"


def test_sort_code_import_refusals_in_english():
    station = StationFactory(
        village=VillageFactory(parent=TownFactory(code="990101101000"), code="990101101208")
    )
    BrandFactory(code="TBX")
    csv = (
        "brand,segment,pattern,target\n"
        f"TBX,2,081,{station.code}\n"
        "TBX,2,(,x\n"
        "NOPE,1,1,x\n"
        "TBX,7,1,x\n"
        "TBX,1,1,nowhere\n"
    ).encode()
    with translation.override("en"):
        report = import_brand_sort_codes(read_table(csv, "codes.csv"))
        lines = [str(e) for e in report.errors]
    assert report.created == 1 and len(lines) == 4
    assert all(HAN.findall(line) == [] for line in lines), lines
    assert lines[1] == "Line 4 (NOPE 1): Unknown brand code"
    assert lines[3] == "Line 6 (TBX 1): Target nowhere is not a station or town node code"
