"""The county simulator: a day at a time through the PUBLIC parcel services only (no table writes here).

Deterministic for a seed and a starting database: every choice comes from one `random.Random(seed)`, and
every service call carries the simulated time. Rates and volumes: `rates.py` and docs/simulation.md.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from zoneinfo import ZoneInfo

from jincun.addressing.writing import write_address
from jincun.agri.services import active_projects, collect_for_project
from jincun.parcels import queries, services
from jincun.parcels.choices import Preference, RouteKind, ScanStatus, State
from jincun.parcels.services.places import POSTAL_CODE
from jincun.simulation import rates
from jincun.simulation.network import NetworkView
from jincun.simulation.people import sender_data, waybill_for
from jincun.simulation.two_way import carry_outbound

TZ = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TZ)


def poisson(rng: random.Random, mean: float) -> int:
    """Knuth for small means, normal approximation above 30 (fast, deterministic)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, mean**0.5)))
    limit, k, p = pow(2.718281828459045, -mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


class Simulator:
    def __init__(self, *, seed: int, scale: float, progress=None, two_way: bool = True):
        self.rng = random.Random(seed)
        self.two_way = two_way  # outbound rides the planned runs (simulation/two_way.py)
        self.seed, self.scale, self.progress = seed, scale, progress
        self.net = NetworkView()
        if self.net.hub is None or not self.net.agreements:
            raise RuntimeError("no network: build one first (jincun demo)")
        self.tally: Counter = Counter()
        self.consented: set[tuple[str, str]] = set()
        self.waiting: dict[dt.date, list] = defaultdict(list)  # day → parcels to pick up that day
        self.postal: dict[dt.date, list] = defaultdict(list)
        self.outbound_up: dict[dt.date, list] = defaultdict(list)  # lists to check in at town that day
        self.open_problems: dict[dt.date, list] = defaultdict(list)
        self.serial = 0
        self._projects: dict = {}

    # --- one day -------------------------------------------------------------------------------
    def run_day(self, day: dt.date) -> None:
        reach = self.net.reach(day)
        parcels = self.manifests(day, reach)
        routed = self.hub_scan(day, parcels)
        self.trunks(day, routed)
        self.postal_returns(day)
        self.outbound_day(day)
        self.resolve_due(day)
        self.pickups(day)
        report = services.run_retention(at(day, 20))
        self.tally["reminded"] += report.reminded

    def manifests(self, day, reach) -> list:
        if not reach:
            return []
        count = poisson(self.rng, rates.INBOUND_PER_DAY * self.scale)
        codes = [c for c in reach if c in rates.BRAND_WEIGHTS] or sorted(reach)
        weights = [rates.BRAND_WEIGHTS.get(c, 1) for c in codes]
        rows_by_brand: dict[str, list] = defaultdict(list)
        for _ in range(count):
            code = self.rng.choices(codes, weights)[0]
            village = self.rng.choice(reach[code])
            self.serial += 1
            phone = f"13{int(village.code[-5:]) % 100:02d}{self.seed % 100:02d}{self.rng.randrange(rates.PHONES_PER_VILLAGE):05d}"
            name = self.rng.choice("王李张刘陈杨赵黄周吴") + self.rng.choice(
                ["秀英", "建国", "桂兰", "志强", "丽"]
            )
            # Brands know only the address text, written as senders write it; the hub resolves the village.
            row = {
                "waybill": waybill_for(code, day, self.serial, self.seed),
                "recipient_name": name,
                "recipient_phone": phone,
                "address": write_address(village, self.rng, name=name, phone=phone),
                "weight_g": self.rng.randint(200, 5000),
            }
            rows_by_brand[code].append(row)
            if (phone, village.code) not in self.consented:
                self.consented.add((phone, village.code))
                pref = Preference.STATION if self.rng.random() < rates.CONSENT_SHARE else Preference.DOOR
                services.record_consent(phone, pref, village=village, source="sms_reply", at=at(day, 0, 5))
        created = []
        for code, rows in rows_by_brand.items():
            for outcome in services.ingest_manifest(
                self.net.brands[code],
                rows,
                source="sms_reply",
                at=at(day, 6),
                county_code=self.net.hub.county_id,
            ):
                if outcome.status == "created":
                    created.append(outcome.parcel)
                    self.tally["inbound"] += 1
        return created

    def hub_scan(self, day, parcels) -> list:
        routed = []
        for parcel in parcels:
            services.record_scan(parcel.waybill, State.AT_HUB, place=self.net.hub, at=at(day, 7))
            parcel.refresh_from_db()
            if parcel.state != State.SORTED:
                problem = services.open_problem(
                    parcel, "unresolvable", note="地址未能定位到村", at=at(day, 7, 5)
                )
                self.open_problems[day + dt.timedelta(days=1)].append((problem, "return"))
                continue
            if self.rng.random() < rates.RATES["damaged"]:
                problem = services.open_problem(parcel, "damaged", note="外包装破损", at=at(day, 7, 10))
                self.open_problems[day + dt.timedelta(days=2)].append((problem, "return"))
                continue
            routed.append(parcel)
        return routed

    def trunks(self, day, parcels) -> None:
        by_target = defaultdict(list)
        for p in parcels:
            by_target[
                (p.route_kind, p.route_code if p.route_kind == RouteKind.POSTAL else p.town_node.code)
            ].append(p)
        for (kind, code), group in sorted(by_target.items()):
            handover = services.open_handover(self.net.hub, code, at=at(day, 8))
            for p in group:
                services.load_parcel(handover, p.waybill)
            services.close_handover(handover, carrier="县乡干线", at=at(day, 8, 30))
            if kind == RouteKind.POSTAL:
                self.postal[day + dt.timedelta(days=1)].extend(group)
                continue
            self.town_day(day, handover, group)

    def town_day(self, day, trunk, group) -> None:
        arrived = []
        for p in group:
            if self.rng.random() < rates.RATES["missing"]:
                continue
            services.check_in(trunk, p.waybill, at=at(day, 10))
            arrived.append(p)
        trunk = services.finish_check_in(trunk, at=at(day, 10, 30))
        for item in trunk.items.filter(arrived_at__isnull=True).select_related("parcel"):
            problem = item.parcel.problems.filter(reason="missing", resolved_at__isnull=True).first()
            if problem:
                self.open_problems[day + dt.timedelta(days=1)].append((problem, "found"))
        node = group[0].town_node
        runs = defaultdict(list)
        for p in arrived:
            p.refresh_from_db()
            if p.route_kind == RouteKind.SERVICE_CENTER:
                services.shelve_parcel(node, p.waybill, at=at(day, 11))
                self.tally["at_service_center"] += 1
            else:
                runs[p.station.code].append(p)
        for code, run in sorted(runs.items()):
            handover = services.open_handover(node, code, at=at(day, 11))
            for p in run:
                services.load_parcel(handover, p.waybill)
            services.close_handover(handover, carrier="镇村班车", at=at(day, 11, 30))
            for p in run:
                self.station_arrival(day, p)
        self.proxy_day(day, node)

    def station_arrival(self, day, parcel) -> None:
        out = services.shelve_parcel(parcel.station, parcel.waybill, at=at(day, 13))
        if out.deliver_to_door:
            services.sign_off(out.parcel, "door", at=at(day, 16))
            self.tally["door"] += 1
            return
        if out.status != ScanStatus.ACCEPTED:
            return
        if self.rng.random() < rates.RATES["refused"]:
            problem = services.open_problem(out.parcel, "refused", note="收件人拒收", at=at(day, 15))
            self.open_problems[day + dt.timedelta(days=1)].append((problem, "return"))
            return
        if self.rng.random() < rates.RATES["never_picked"]:
            return  # waits until the retention job marks it overdue
        wait = 0
        while self.rng.random() > rates.PICKUP_PER_DAY and wait < 5:
            wait += 1
        self.waiting[day + dt.timedelta(days=wait)].append(out.parcel)

    def proxy_day(self, day, node) -> None:
        villages = sorted({p.village_id for p in queries.waiting_at_service_center(node)})
        for code in villages:
            handover = services.proxy_collect(node, [code], at=at(day, 15))
            if handover is None:
                continue
            for item in handover.items.select_related("parcel"):
                parcel = item.parcel
                services.proxy_sign_out([code], parcel.waybill, collector=parcel.recipient_name or "收件人",
                                        at=at(day, 18))  # fmt: skip
                self.tally["proxy_signed"] += 1

    def postal_returns(self, day) -> None:
        parcels = self.postal.pop(day, [])
        events = [{"waybill": p.waybill, "event_type": State.ON_MAIL_ROUTE, "at": at(day, 9), "place": POSTAL_CODE}
                  for p in parcels]  # fmt: skip
        events += [{"waybill": p.waybill, "event_type": State.SIGNED, "at": at(day, 15), "place": POSTAL_CODE}
                   for p in parcels]  # fmt: skip
        if events:
            outcomes = services.ingest_scans(events, device_id=f"sim-post-{self.seed}", brand=None)
            self.tally["postal_signed"] += sum(
                o.status == ScanStatus.ACCEPTED for o in outcomes[len(parcels) :]
            )

    def pickups(self, day) -> None:
        for parcel in self.waiting.pop(day, []):
            parcel.refresh_from_db()
            out = services.sign_off(parcel, "self", at=at(day, 17))
            self.tally["signed_at_station"] += out.status == ScanStatus.ACCEPTED

    def resolve_due(self, day) -> None:
        for problem, resolution in self.open_problems.pop(day, []):
            services.resolve_problem(problem, resolution, "模拟处理", at=at(day, 9))

    # --- outbound ------------------------------------------------------------------------------
    def outbound_day(self, day) -> None:
        self.for_brand = defaultdict(list)
        for handover in self.outbound_up.pop(day, []):
            self.outbound_at_town(day, handover)
        if self.two_way:
            for p in carry_outbound(self, day):
                self.for_brand[p.brand.code].append(p)
        self.hand_to_brands(day)
        stations = self.net.stations_on(day)
        if not stations:
            return
        count = poisson(self.rng, rates.outbound_per_day(day.month, self.scale))
        collected = defaultdict(list)
        brands = [c for c in rates.BRAND_WEIGHTS if c in self.net.brands]
        for _ in range(count):
            station = self.rng.choice(stations)
            data = sender_data(self.rng, station, rates.project_of(day.month), self.rng.choice(brands[:6]))
            if self.rng.random() < rates.RATES["prohibited"]:
                data.update(prohibited=True, inspection_note="内有打火机")
            elif self.rng.random() < rates.RATES["id_mismatch"]:
                data["id_name"] = "非本人"
            project = self.project_for(station, data.pop("project_tag", ""), day)
            out = collect_for_project(station, data, project, at=at(day, 9 + self.rng.randrange(7)))
            if out.status == ScanStatus.ACCEPTED:
                collected[station].append(out.parcel)
                self.tally["outbound"] += 1
            else:
                self.tally["outbound_refused"] += 1
        if self.two_way:
            return  # the boxes wait at the station for tomorrow's planned run
        for station, parcels in sorted(collected.items(), key=lambda kv: kv[0].code):
            handover = services.open_handover(station, station.town_node.code, at=at(day, 16, 30))
            for p in parcels:
                services.load_parcel(handover, p.waybill)
            services.close_handover(handover, carrier="镇村班车", at=at(day, 17))
            self.outbound_up[day + dt.timedelta(days=1)].append(handover)

    def outbound_at_town(self, day, handover) -> None:
        for item in handover.items.select_related("parcel"):
            services.check_in(handover, item.parcel.waybill, at=at(day, 10))
        services.finish_check_in(handover, at=at(day, 10, 10))
        node = self.net_node(handover.to_code)
        up = services.open_handover(node, self.net.hub.code, at=at(day, 11))
        for item in handover.items.select_related("parcel"):
            services.load_parcel(up, item.parcel.waybill)
        services.close_handover(up, carrier="县乡干线", at=at(day, 12))
        self.outbound_at_hub(day, up)

    def outbound_at_hub(self, day, handover) -> None:
        by_brand = defaultdict(list)
        for item in handover.items.select_related("parcel__brand"):
            services.check_in(handover, item.parcel.waybill, at=at(day, 14))
            by_brand[item.parcel.brand.code].append(item.parcel)
        services.finish_check_in(handover, at=at(day, 14, 10))
        for code, parcels in by_brand.items():
            self.for_brand[code].extend(parcels)

    def hand_to_brands(self, day) -> None:
        for code, parcels in sorted(self.for_brand.items()):
            to_brand = services.open_handover(self.net.hub, services.BRAND_PREFIX + code, at=at(day, 15))
            for p in parcels:
                services.load_parcel(to_brand, p.waybill)
            services.close_handover(to_brand, carrier=f"{code}干线", at=at(day, 16))
            self.tally["handed_to_brand"] += len(parcels)

    def project_for(self, station, product: str, day):
        """The project a farm parcel counts toward: the village's in-season project for its product (apple,
        cherry), else a town project in season there; plain village sending counts toward none."""
        key = (station.village_id, day)
        if key not in self._projects:
            self._projects[key] = [
                p for p in active_projects(station.village_id, day) if day.month in p.season_months
            ]
        in_season = self._projects[key]
        return next((p for p in in_season if p.product == product), None) or next(
            (p for p in in_season if p.level == "town"), None
        )

    def net_node(self, code):
        return next(s.town_node for s in self.net.stations if s.town_node.code == code)
