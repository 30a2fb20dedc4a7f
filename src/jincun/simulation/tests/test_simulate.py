"""The simulator drives the public services and is deterministic for a seed."""

import datetime as dt

import pytest
from django.db import transaction

from jincun.parcels.tests.factories import build_county
from jincun.simulation.services import run_simulation


class _Rollback(Exception):
    pass


def _run(seed):
    try:
        with transaction.atomic():
            summary = run_simulation(3, start=dt.date(2024, 10, 8), scale=0.0015, seed=seed).as_dict()
            raise _Rollback
    except _Rollback:
        return summary


@pytest.mark.django_db
def test_same_seed_same_summary_and_parcels_move():
    build_county(brand_code="ZTO")
    first, again, other = _run(7), _run(7), _run(8)
    assert first == again
    assert first["parcels_in"] > 0 and first["parcels_out"] > 0 and first["signed"] > 0
    assert first["scan_events"] > 5 * first["parcels_in"]
    assert other != first


@pytest.mark.django_db
def test_without_a_network_it_says_so():
    from jincun.network.models import Agreement

    Agreement.objects.all().delete()
    with pytest.raises(RuntimeError, match="no network"):
        run_simulation(1)


@pytest.mark.django_db
def test_outbound_reaches_the_hub_on_the_planned_runs():
    from jincun.parcels.choices import HandoverKind
    from jincun.parcels.models import HandoverList
    from jincun.routing.models import Run

    build_county(brand_code="ZTO")
    summary = run_simulation(4, start=dt.date(2024, 10, 8), scale=0.0015, seed=7)
    assert summary.outbound_on_village_runs > 0 and summary.outbound_on_trunk > 0
    assert summary.handed_to_brand == summary.outbound_on_trunk
    vehicles = set(Run.objects.exclude(vehicle_code="").values_list("vehicle_code", flat=True))
    carriers = set(
        HandoverList.objects.filter(kind__in=(HandoverKind.UP_TOWN, HandoverKind.UP_HUB)).values_list(
            "carrier", flat=True
        )
    )
    assert carriers and carriers <= vehicles  # every outbound hand-off rode a planned run
