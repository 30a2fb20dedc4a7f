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
