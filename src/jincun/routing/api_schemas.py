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
    collection_point_id: int | None = None
    pickup_parcels: int = Field(0, description="outbound boxes collected here")
    pickup_kg: float = 0
    pickup_litres: float = 0
    pickup_by_product: dict[str, int] = {}
    onboard_parcels: int = Field(0, description="pieces on board as the vehicle leaves")
    onboard_kg: float = 0


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
    pickup_parcels: int = 0
    pickup_kg: float = 0
    peak_kg: float = Field(0, description="most weight on board on any leg")
    season_hire: bool = False


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
    pickup_boxes: int = 0
    pickup_kg: float = 0


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
    outbound_source: str = "none"
    season: dict = {}
