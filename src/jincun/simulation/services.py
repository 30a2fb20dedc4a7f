"""Running the simulator: a number of days from a start date, with a summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

from jincun.simulation.engine import Simulator
from jincun.simulation.rates import DEFAULT_SCALE, DEMO_SCALE


@dataclass
class Summary:
    start: str
    days: int
    seed: int
    scale: float
    parcels_in: int
    parcels_out: int
    outbound_refused: int
    scan_events: int
    signed: int
    door_deliveries: int
    proxy_signed: int
    postal_signed: int
    handed_to_brand: int
    outbound_on_village_runs: int
    outbound_on_trunk: int
    reminders: int
    problems_opened: int
    problems_open: int
    handover_lists: int

    def as_dict(self) -> dict:
        return asdict(self)


def run_simulation(days: int, *, start: dt.date | None = None, scale: float = DEFAULT_SCALE, seed: int = 2020,
                   progress=None, step=None) -> Summary:  # fmt: skip
    """Simulate `days` days from `start` (default: the days up to yesterday). `progress(day)` after each day,
    `step(day, n, name)` before each step of a day (`Simulator.STEPS`). Each day commits on its own; raises
    RuntimeError when there is no network."""
    from jincun.parcels.models import HandoverList, Parcel, Problem, ScanEvent

    if days < 1:
        raise ValueError("days must be at least 1")
    start = start or (timezone.localdate() - dt.timedelta(days=days))
    sim = Simulator(seed=seed, scale=scale, progress=step)
    before = (ScanEvent.objects.count(), Problem.objects.count(), HandoverList.objects.count(),
              Parcel.objects.filter(state="signed").count())  # fmt: skip
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        with transaction.atomic():
            sim.run_day(day)
        if progress:
            progress(day)
    t = sim.tally
    return Summary(
        start=start.isoformat(),
        days=days,
        seed=seed,
        scale=scale,
        parcels_in=t["inbound"],
        parcels_out=t["outbound"],
        outbound_refused=t["outbound_refused"],
        scan_events=ScanEvent.objects.count() - before[0],
        signed=Parcel.objects.filter(state="signed").count() - before[3],
        door_deliveries=t["door"],
        proxy_signed=t["proxy_signed"],
        postal_signed=t["postal_signed"],
        handed_to_brand=t["handed_to_brand"],
        outbound_on_village_runs=t["outbound_on_village_runs"],
        outbound_on_trunk=t["outbound_on_trunk"],
        reminders=t["reminded"],
        problems_opened=Problem.objects.count() - before[1],
        problems_open=Problem.objects.filter(resolved_at__isnull=True).count(),
        handover_lists=HandoverList.objects.count() - before[2],
    )


def peak_day(today: dt.date | None = None) -> dt.date:
    """An apple-season day (rates.APPLE_MONTHS): the latest 15 October not after today."""
    today = today or timezone.localdate()
    year = today.year if today >= dt.date(today.year, 10, 15) else today.year - 1
    return dt.date(year, 10, 15)


def run_demo_history(days: int = 30, seed: int = 2020, scale: float = DEMO_SCALE, progress=None) -> Summary:
    """What `jincun demo` calls: `days` days of history up to last midnight written in bulk (the generator,
    fast), then today's morning through the public services — manifests in, scan-in and sort at the hub,
    half the trunk lists on the road — so the county is left in the middle of a working day."""
    from jincun.parcels.models import HandoverList, Parcel, Problem, ScanEvent
    from jincun.simulation.history import generate_history

    now = timezone.now()
    today = timezone.localdate(now)
    midnight = timezone.make_aware(dt.datetime.combine(today, dt.time()))
    before = ScanEvent.objects.count()
    report = generate_history(days, start=today - dt.timedelta(days=days), scale=scale, seed=seed, until=midnight,
                              progress=progress)  # fmt: skip
    sim = Simulator(seed=seed + 1, scale=scale)
    with transaction.atomic():
        sim.run_morning(today, now)
    parcels = Parcel.objects.values_list("direction", flat=True)
    return Summary(
        start=report.start, days=days, seed=seed, scale=scale,
        parcels_in=sum(d == "inbound" for d in parcels), parcels_out=sum(d == "outbound" for d in parcels),
        outbound_refused=0, scan_events=ScanEvent.objects.count() - before,
        signed=Parcel.objects.filter(state="signed").count(), door_deliveries=0, proxy_signed=0, postal_signed=0,
        handed_to_brand=report.states["handed_to_brand"], reminders=0,
        outbound_on_village_runs=0, outbound_on_trunk=0,  # the generator's history has no planned runs
        problems_opened=Problem.objects.count(), problems_open=Problem.objects.filter(resolved_at__isnull=True).count(),
        handover_lists=HandoverList.objects.count(),
    )  # fmt: skip
