"""A plan's notes are stored in Chinese, as before, and shown in the reader's language: the unserved reasons,
the problems, the season note and the distance source, on the plan page and in the plan's JSON."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from jincun.core.models import User
from jincun.routing import notes, solver
from jincun.routing.compare_two_way import assumptions
from jincun.routing.distance import Point, straight_line_matrix
from jincun.routing.models import Plan
from jincun.routing.queries import plan_as_dict, plan_with_runs

HAN = re.compile(r"[\u4e00-\u9fff]+")
DAY = dt.date(2024, 5, 8)
TRUNK_SHORT = notes.note(notes.TRUNK, reason="运力不足：当日件量超过车辆总容量")
SEASON = notes.note(notes.SEASON_MORE, used=2, more=3)
SOURCE = notes.note(
    notes.OSRM_FALLBACK,
    source=straight_line_matrix([Point(36.2, 118.1, "county"), Point(36.3, 118.2, "village")]).source,
    error="ConnectionError",
)


@pytest.fixture
def plan(db):
    return Plan.objects.create(
        date=DAY,
        demand_source="forecast",
        distance_source=SOURCE,
        unserved=[
            {"kind": "node", "name": "南麻节点", "parcels": 40, "reason": TRUNK_SHORT},
            {"kind": "station", "name": "东村站", "parcels": 3, "reason": "站点当日未营业"},
            {"kind": "station", "name": "西村站", "parcels": 1, "reason": "旧的说明"},
        ],
        params={
            "problems": [
                "求解结果不可行（超载或超时），请增加时限或车辆",
                notes.note(notes.LOCK_MISSED, key="S12"),
            ],
            "season": {"used": 2, "needed_more": 3, "note": SEASON},
        },
    )


def test_stored_notes_stay_chinese(plan):
    with translation.override(settings.LANGUAGE_CODE):
        assert TRUNK_SHORT == "干线：运力不足：当日件量超过车辆总容量"
        assert SEASON == "常备车辆运力不足：今日用季节租用车辆 2 辆，仍需再租约 3 辆"
        assert (
            SOURCE
            == "直线距离×1.30（county 45 km/h, village 30 km/h）；OSRM 不可用（ConnectionError），已回退"
        )
        data = plan_as_dict(plan_with_runs(plan.id))
        assert [u["reason"] for u in data["unserved"]] == [u["reason"] for u in plan.unserved]
        assert data["problems"] == plan.params["problems"] and data["season"]["note"] == SEASON


def test_plan_json_in_english(plan):
    with translation.override("en"):
        data = plan_as_dict(plan_with_runs(plan.id))
    assert [u["reason"] for u in data["unserved"]] == [
        "Trunk: Short of capacity: the day's parcels exceed the fleet's total capacity",
        "The station is not open that day",
        "旧的说明",  # a wording no template knows is shown as stored
    ]
    assert data["problems"][1] == "Locked stop S12 is not on its locked vehicle"
    assert (
        data["season"]["note"]
        == "The standing fleet is short: 2 seasonal hire(s) used today, about 3 more needed"
    )
    assert data["distance_source"].startswith("Straight-line distance × 1.30 (county 45 km/h")
    assert data["distance_source"].endswith("; OSRM unavailable (ConnectionError), fell back")
    assert HAN.findall(" ".join(data["problems"])) == []
    assert Plan.objects.get(pk=plan.pk).unserved[0]["reason"] == TRUNK_SHORT  # stored data unchanged


def test_plan_page_in_english(plan):
    client = Client()
    client.force_login(User.objects.create(username="r", role="regulator"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override(settings.LANGUAGE_CODE):  # the page activates English: do not leak it
        html = client.get(f"/routing/?date={DAY}").content.decode()
    assert "Trunk: Short of capacity" in html and "The station is not open that day" in html
    assert "about 3 more needed" in html and "OSRM unavailable" in html
    assert "运力不足" not in html and "常备车辆" not in html and "直线距离" not in html


def test_every_solver_reason_has_english():
    reasons = [notes.TRUNK % {"reason": r} for r in ("锁定的车辆不可用", "该节点无可用车辆")]
    with translation.override("en"):
        for capacity in (solver._capacity_reason([], []),):
            assert HAN.findall(notes.shown(capacity)) == [], capacity
        for reason in reasons:
            assert HAN.findall(notes.shown(reason)) == [], reason


def test_two_way_assumptions_in_english():
    with translation.override("en"):
        english = assumptions()
    assert HAN.findall(" ".join(english)) == [], english
    with translation.override("zh-hans"):
        chinese = assumptions()
    assert chinese[2] == "成本 = 里程 × 每公里成本 + 车时 × 每小时成本 + 季节租用车辆日租金"
