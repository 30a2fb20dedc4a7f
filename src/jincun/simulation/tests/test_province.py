"""A province: counties cloned from Yiyuan with their own codes, simulated together, each separable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F, Sum

from jincun.network.models import AdminArea, Hub, Station
from jincun.parcels.models import DailyVolume, Parcel, ScanEvent
from jincun.simulation.province import build_province

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_two_counties_keep_their_own_codes_and_data():
    report = build_province(2, days=1, scale=0.02, start=dt.date(2026, 10, 14))
    assert report.counties == ["379901", "379902"] and report.built == 2
    yiyuan = AdminArea.objects.filter(code__startswith="370323", level="village").count()
    for code in report.counties:
        assert AdminArea.objects.filter(code__startswith=code, level="village").count() == yiyuan
        assert Hub.objects.get(county_id=code + "000000").code == f"HUB-{code}"
        assert Station.objects.filter(village__code__startswith=code).exists()
        parcels = Parcel.objects.filter(county=code)
        assert parcels.count() == report.parcels[code] > 0
        assert ScanEvent.objects.filter(county=code).count() == report.events[code]
        assert not parcels.exclude(village__code__startswith=code).exists()
    assert not ScanEvent.objects.exclude(county=F("parcel__county")).exists()
    signed = {
        r["county"]: r["n"]
        for r in DailyVolume.objects.filter(grain="T", metric="in_hub")
        .values("county")
        .annotate(n=Sum("count"))
    }
    assert set(signed) == set(report.counties)
    # Again: the counties are there already and are kept; only days are written.
    assert build_province(2, days=1, scale=0.02, start=dt.date(2026, 10, 15)).built == 0
