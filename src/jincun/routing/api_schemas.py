"""Shapes of the routing API (what `queries.plan_as_dict` and friends produce)."""

import datetime as dt

from ninja import Field, Schema


class PlanIn(Schema):
    date: dt.date
    time_limit: float = Field(10.0, gt=0, le=60, description="solver seconds")
    seed: int = Field(1, ge=0, le=2**31 - 1)
    iterations: int | None = Field(
        None, ge=1, le=1_000_000, description="stop after N iterations: repeatable"
    )


class StopOut(Schema):
    id: int
    order: int
    kind: str
    name: str
    eta: str = Field(description="HH:MM, Asia/Shanghai")
    parcels: int
    by_brand: dict[str, int]
    kg: float
    locked: bool
    lat: float | None
    lon: float | None
    station_id: int | None
    town_node_id: int | None


class RunOut(Schema):
    id: int
    seq: int
    kind: str
    vehicle: str
    depot: str
    departs: str
    returns: str
    km: float
    hours: float
    load_parcels: int
    load_kg: float
    cost_fen: int


class RunWithStopsOut(RunOut):
    stops: list[StopOut]


class UnservedOut(Schema):
    kind: str
    name: str
    parcels: int
    by_brand: dict[str, int]
    reason: str
    station_id: int | None = None
    town_node_id: int | None = None


class TotalsOut(Schema):
    km: float
    vehicle_hours: float
    cost_fen: int
    parcels: int
    runs: int


class PlanOut(Schema):
    id: int
    date: str
    status: str
    seed: int
    time_limit_s: float
    demand_source: str
    distance_source: str
    approximate: bool
    note: str
    totals: TotalsOut
    runs: list[RunWithStopsOut]
    unserved: list[UnservedOut]
    deferred: list[dict]
    locks: dict[str, str]
    feasible: bool
    problems: list[str]
