"""Joint versus separate: same demand on both sides, and joint needs fewer km when brands share villages."""

import datetime as dt
import io
import json

from django.core.management import call_command

from jincun.routing.compare import compare_joint
from jincun.routing.tests.factories import build_county

DAY = dt.date(2024, 5, 8)


def test_joint_carries_the_same_parcels_with_fewer_km(db):
    county = build_county(towns=2, stations_per_town=5, brands=("ZTO", "YTO", "STO"), postal=1, proxy=1)
    result = compare_joint(county.hub, [DAY], time_limit=0.6, iterations=200)
    assert result.joint.parcels == result.separate.parcels > 0
    assert result.joint.unserved_parcels == result.separate.unserved_parcels == 0
    assert set(result.separate_by_brand) == {"ZTO", "YTO", "STO"}
    assert result.joint.km < result.separate.km
    town_km = sum(t["joint"].km for t in result.towns.values())
    assert abs(town_km - result.joint.km) < 0.5
    data = result.as_dict()
    assert 0 < data["saving"]["km"] < 1 and data["assumptions"]


def test_compare_joint_cli_json(db):
    build_county(towns=1, stations_per_town=3)
    out = io.StringIO()
    call_command("compare_joint", "--date", "2024-05-08", "--season", "--days", "2", "--time-limit", "0.3",
                 "--iterations", "100", "--format", "json", stdout=out)  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["days"] == ["2024-05-08", "2024-05-09"]
    assert data["joint"]["cost_per_parcel_fen"] > 0 and data["separate"]["runs"] >= data["joint"]["runs"]
