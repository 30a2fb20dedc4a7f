"""The demo leaves the county mid-morning with tomorrow's first manifests in, and tomorrow's route plan counts
those manifested parcels (in, not yet at the hub) beside the parcels waiting at the hub."""

import datetime as dt

import pytest
from django.utils import timezone

from jincun.parcels.models import Parcel
from jincun.parcels.tests.factories import build_county
from jincun.routing.demand import deliveries_for
from jincun.routing.services.plans import plan_day
from jincun.simulation.engine import Simulator


@pytest.mark.django_db
def test_tomorrows_plan_counts_the_manifests_not_yet_at_the_hub():
    county = build_county(brand_code="ZTO")
    now = timezone.localtime()
    if now.hour < 9:  # before the morning's timetable: take yesterday's, ended by 10:00 (never in the future)
        now = now.replace(hour=10, minute=0) - dt.timedelta(days=1)
    today, tomorrow = timezone.localdate(now), timezone.localdate(now) + dt.timedelta(days=1)
    Simulator(seed=5, scale=0.02).run_morning(today, now)
    manifested = Parcel.objects.filter(state="manifested", village__isnull=False)
    waiting = Parcel.objects.filter(state__in=("manifested", "at_hub", "sorted", "to_town", "at_town"),
                                    village__isnull=False)  # fmt: skip
    assert manifested.exists() and Parcel.objects.filter(state="sorted").exists()
    # every stage of the morning has parcels, for the work pages: on trunk lists, at the node, on village runs
    for stage in ("sorted", "to_town", "at_town", "to_village"):
        assert Parcel.objects.filter(state=stage).exists(), stage
    deliveries, source = deliveries_for(county.hub, tomorrow)
    assert source == "parcels"
    assert sum(d.parcels for d in deliveries) == waiting.count() > manifested.count()
    planned = plan_day(tomorrow, time_limit=0.5, iterations=50)
    unserved = sum(u["parcels"] for u in planned.unserved)
    assert planned.demand_source == "parcels" and planned.total_parcels + unserved == waiting.count()
    # a manifest says nothing about the days before it came in
    assert sum(d.parcels for d in deliveries_for(county.hub, today - dt.timedelta(days=1))[0]) == 0
