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
from jincun.agri.services import collect_at_stations_for_projects, season_project
from jincun.parcels import queries, services
from jincun.parcels.choices import Preference, RouteKind, ScanStatus, State
from jincun.parcels.services.places import POSTAL_CODE
from jincun.simulation import rates
from jincun.simulation.network import NetworkView
from jincun.simulation.people import sender_data, waybill_for
from jincun.simulation.two_way import carry_outbound

TZ = ZoneInfo("Asia/Shanghai")


def _trunk(parcel) -> tuple[str, str]:
    """The trunk list a sorted parcel leaves the hub on: one to China Post, one to each town node carrying
    both its stations' and its service center's parcels (as the hub's loading page offers them)."""
    if parcel.route_kind == RouteKind.POSTAL:
        return RouteKind.POSTAL, parcel.route_code
    return RouteKind.TOWN, parcel.town_node.code


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
        self.shift = dt.timedelta(0)  # moves a whole day's timetable (the demo's morning before now)

    def at(self, day, hour, minute=0) -> dt.datetime:
        return at(day, hour, minute) + self.shift

    def run_morning(self, day, now) -> None:
        """Today's first hours for the demo, so that every work page has work: manifests in, the hub's
        scan-in and sort, then each town's sorted parcels in thirds (each station's parcels spread over the
        three, its first parcel in the first): the first third on the 7:00 trunk list, checked in at the node, its service-center parcels
        shelved and about half of each station's on the first village run, but for every third station (the
        rest wait at the node for the next run); the second third on the 8:00 trunk list, still on the road; the last third waiting at the
        hub. Postal parcels: two thirds handed to the post. Then the brands' first manifests of the parcels
        arriving tomorrow (in, not yet at the hub: tomorrow's route plan counts them). The timetable is moved
        earlier when needed so that it ends before `now`."""
        self.shift = min(dt.timedelta(0), (now - dt.timedelta(minutes=10)) - at(day, 11, 40))
        reach = self.net.reach(day)
        parcels = self.manifests(day, reach)
        routed = self.hub_scan(day, parcels)
        by_target = defaultdict(list)
        for p in routed:
            by_target[_trunk(p)].append(p)
        loads, checked_in = [], []
        for (kind, code), group in sorted(by_target.items()):
            thirds, seen = ([], [], []), Counter()
            for p in sorted(group, key=lambda p: (p.station_id or 0, p.waybill)):
                thirds[seen[p.station_id] % 3].append(p)  # a station's first parcel on the first list
                seen[p.station_id] += 1
            first, second = thirds[0], thirds[1]
            if kind == RouteKind.POSTAL:
                first, second = first + second, []
            for parcels_on, hour in ((first, 7), (second, 8)):
                if parcels_on:
                    loads.append(services.ListLoad(self.net.hub, code, [p.waybill for p in parcels_on], "县乡干线",
                                                   self.at(day, hour), self.at(day, hour, 30)))  # fmt: skip
                    checked_in.append(parcels_on if hour == 7 and kind != RouteKind.POSTAL else None)
        runs = []
        for (handover, _), group in zip(services.dispatch_many(loads), checked_in, strict=True):
            if group is not None:
                node, by_station = self.town_day(day, handover, group)
                runs += [  # every third station's parcels wait for the next run
                    (node, run[0].station, run[: (len(run) + 1) // 2])
                    for n, (_c, run) in enumerate(sorted(by_station.items()))
                    if n % 3 != 2
                ]
        services.dispatch_many([
            services.ListLoad(node, station.code, [p.waybill for p in run], "镇村班车", self.at(day, 11, 15),
                              self.at(day, 11, 30))
            for node, station, run in runs
        ])  # fmt: skip
        self.manifests(day, reach, share=rates.EARLY_MANIFEST_SHARE, at=self.at(day, 11, 40))
        self.shift = dt.timedelta(0)

    # --- one day -------------------------------------------------------------------------------
    STEPS = (
        "预报",
        "共配中心到件分拣",
        "干线与镇村班车",
        "邮政投递",
        "上行揽收",
        "问题件处理",
        "取件签收",
        "滞留提醒",
    )

    def _step(self, day, n: int) -> None:
        """`progress(day, step number, step name)` before each of the day's `STEPS`."""
        if self.progress:
            self.progress(day, n, self.STEPS[n])

    def run_day(self, day: dt.date) -> None:
        reach = self.net.reach(day)
        self._step(day, 0)
        parcels = self.manifests(day, reach)
        self._step(day, 1)
        routed = self.hub_scan(day, parcels)
        self._step(day, 2)
        self.trunks(day, routed)
        self._step(day, 3)
        self.postal_returns(day)
        self._step(day, 4)
        self.outbound_day(day)
        self._step(day, 5)
        self.resolve_due(day)
        self._step(day, 6)
        self.pickups(day)
        self._step(day, 7)
        report = services.run_retention(self.at(day, 20))
        self.tally["reminded"] += report.reminded

    def manifests(self, day, reach, *, share: float = 1.0, at: dt.datetime | None = None) -> list:
        """`share` of a day's inbound parcels manifested by the brands at `at` (default 06:00)."""
        if not reach:
            return []
        count = poisson(self.rng, rates.INBOUND_PER_DAY * self.scale * share)
        codes = [c for c in reach if c in rates.BRAND_WEIGHTS] or sorted(reach)
        weights = [rates.BRAND_WEIGHTS.get(c, 1) for c in codes]
        rows_by_brand: dict[str, list] = defaultdict(list)
        consents = []
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
                consents.append((phone, pref, None, village))
        services.record_consents(consents, source="sms_reply", at=self.at(day, 0, 5))
        created = []
        for code, rows in rows_by_brand.items():
            for outcome in services.ingest_manifest(
                self.net.brands[code],
                rows,
                source="sms_reply",
                at=at or self.at(day, 6),
                county_code=self.net.hub.county_id,
            ):
                if outcome.status == "created":
                    created.append(outcome.parcel)
                    self.tally["inbound"] += 1
        return created

    def hub_scan(self, day, parcels) -> list:
        """The morning's scan-in at the hub as one batch; unrouted and damaged parcels become problems."""
        outcomes = services.hub_scan_in_many(self.net.hub, [p.waybill for p in parcels], at=self.at(day, 7))
        routed = []
        for outcome in outcomes:
            parcel = outcome.parcel
            if parcel is None:
                continue
            if parcel.state != State.SORTED:
                problem = services.open_problem(
                    parcel, "unresolvable", note="地址未能定位到村", at=self.at(day, 7, 5)
                )
                self.open_problems[day + dt.timedelta(days=1)].append((problem, "return"))
                continue
            if self.rng.random() < rates.RATES["damaged"]:
                problem = services.open_problem(parcel, "damaged", note="外包装破损", at=self.at(day, 7, 10))
                self.open_problems[day + dt.timedelta(days=2)].append((problem, "return"))
                continue
            routed.append(parcel)
        return routed

    def _run_list(self, origin, code, parcels, opened, closed, carrier):
        handover = services.open_handover(origin, code, at=opened)
        services.load_parcels(handover, [p.waybill for p in parcels])
        return services.close_handover(handover, carrier=carrier, at=closed)

    def trunks(self, day, parcels) -> None:
        """The morning's trunk lists sealed as one batch, each checked in at its town node; then every node's
        village runs as one batch, each shelved at its station."""
        by_target = defaultdict(list)
        for p in parcels:
            by_target[_trunk(p)].append(p)
        groups = sorted(by_target.items())
        sealed = services.dispatch_many([
            services.ListLoad(self.net.hub, code, [p.waybill for p in group], "县乡干线", self.at(day, 8),
                              self.at(day, 8, 30))
            for (_kind, code), group in groups
        ])  # fmt: skip
        runs, nodes = [], []
        for ((kind, _code), group), (handover, _) in zip(groups, sealed, strict=True):
            if kind == RouteKind.POSTAL:
                self.postal[day + dt.timedelta(days=1)].extend(group)
                continue
            node, by_station = self.town_day(day, handover, group)
            nodes.append(node)
            runs += [(node, run[0].station, run) for _code, run in sorted(by_station.items())]
        services.dispatch_many([
            services.ListLoad(node, station.code, [p.waybill for p in run], "镇村班车", self.at(day, 11),
                              self.at(day, 11, 30))
            for node, station, run in runs
        ])  # fmt: skip
        self.station_arrivals(day, [(station, run) for _node, station, run in runs])
        for node in nodes:
            self.proxy_day(day, node)

    def town_day(self, day, trunk, group):
        """A trunk list checked in at its node, the proxy villages' parcels shelved at the service center;
        returns the node and the parcels for each station's village run."""
        arrived = [p for p in group if self.rng.random() >= rates.RATES["missing"]]
        services.check_in_many(trunk, [p.waybill for p in arrived], at=self.at(day, 10))
        trunk = services.finish_check_in(trunk, at=self.at(day, 10, 30))
        if trunk.missing_count:
            for item in trunk.items.filter(arrived_at__isnull=True).select_related("parcel"):
                problem = item.parcel.problems.filter(reason="missing", resolved_at__isnull=True).first()
                if problem:
                    self.open_problems[day + dt.timedelta(days=1)].append((problem, "found"))
        node = group[0].town_node
        runs = defaultdict(list)
        service_center = []
        for p in arrived:
            if p.route_kind == RouteKind.SERVICE_CENTER:
                service_center.append(p.waybill)
            else:
                runs[p.station.code].append(p)
        services.shelve_many(node, service_center, at=self.at(day, 11))
        self.tally["at_service_center"] += len(service_center)
        return node, runs

    def station_arrivals(self, day, runs) -> None:
        """The village runs shelved at their stations as one batch; door deliveries signed as one."""
        shelved = services.shelve_batches([(station, [p.waybill for p in run]) for station, run in runs],
                                          at=self.at(day, 13))  # fmt: skip
        door = [o.parcel for outcomes in shelved for o in outcomes if o.deliver_to_door]
        services.sign_off_many(door, "door", at=self.at(day, 16))
        self.tally["door"] += len(door)
        for out in (o for outcomes in shelved for o in outcomes):
            if out.deliver_to_door or out.status != "accepted":
                continue
            if self.rng.random() < rates.RATES["refused"]:
                problem = services.open_problem(out.parcel, "refused", note="收件人拒收", at=self.at(day, 15))
                self.open_problems[day + dt.timedelta(days=1)].append((problem, "return"))
                continue
            if self.rng.random() < rates.RATES["never_picked"]:
                continue  # waits until the retention job marks it overdue
            wait = 0
            while self.rng.random() > rates.PICKUP_PER_DAY and wait < 5:
                wait += 1
            self.waiting[day + dt.timedelta(days=wait)].append(out.parcel.waybill)

    def proxy_day(self, day, node) -> None:
        villages = sorted({p.village_id for p in queries.waiting_at_service_center(node)})
        for code in villages:
            handover = services.proxy_collect(node, [code], at=self.at(day, 15))
            if handover is None:
                continue
            waybills = list(handover.items.values_list("parcel__waybill", flat=True))
            outcomes = services.proxy_sign_out_many([code], waybills, collector="收件人", at=self.at(day, 18))
            self.tally["proxy_signed"] += sum(o.status == "accepted" for o in outcomes)

    def postal_returns(self, day) -> None:
        parcels = self.postal.pop(day, [])
        events = [{"waybill": p.waybill, "event_type": State.ON_MAIL_ROUTE, "at": self.at(day, 9), "place": POSTAL_CODE}
                  for p in parcels]  # fmt: skip
        events += [{"waybill": p.waybill, "event_type": State.SIGNED, "at": self.at(day, 15), "place": POSTAL_CODE}
                   for p in parcels]  # fmt: skip
        if events:
            outcomes = services.ingest_scans(events, device_id=f"sim-post-{self.seed}", brand=None)
            self.tally["postal_signed"] += sum(
                o.status == ScanStatus.ACCEPTED for o in outcomes[len(parcels) :]
            )

    def pickups(self, day) -> None:
        """Villagers collecting at stations: the day's waiting parcels, read fresh (retention may have moved
        some), signed as one batch."""
        waybills = self.waiting.pop(day, [])
        found = services.find_parcels(waybills)
        parcels = [found[w] for w in waybills if w in found]
        outcomes = services.sign_off_many(parcels, "self", at=self.at(day, 17))
        self.tally["signed_at_station"] += sum(o.status == "accepted" for o in outcomes)

    def resolve_due(self, day) -> None:
        for problem, resolution in self.open_problems.pop(day, []):
            services.resolve_problem(problem, resolution, "模拟处理", at=self.at(day, 9))

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
        by_station: dict = defaultdict(list)
        brands = [c for c in rates.BRAND_WEIGHTS if c in self.net.brands]
        for _ in range(count):
            station = self.rng.choice(stations)
            data = sender_data(self.rng, station, rates.project_of(day.month), self.rng.choice(brands[:6]))
            if self.rng.random() < rates.RATES["prohibited"]:
                data.update(prohibited=True, inspection_note="内有打火机")
            elif self.rng.random() < rates.RATES["id_mismatch"]:
                data["id_name"] = "非本人"
            data["collected_at"] = self.at(day, 9 + self.rng.randrange(7))
            project = self.project_for(station, data.pop("product", ""), day)
            by_station[station].append((data, project))
        batches = [(station, [d for d, _ in pairs], [p for _, p in pairs])
                   for station, pairs in sorted(by_station.items(), key=lambda kv: kv[0].code)]  # fmt: skip
        collected = collect_at_stations_for_projects(batches, at=self.at(day, 9))
        for (station, _rows, _projects), outcomes in zip(batches, collected, strict=True):
            parcels = []
            for out in outcomes:
                if out.status == ScanStatus.ACCEPTED:
                    parcels.append(out.parcel)
                    self.tally["outbound"] += 1
                else:
                    self.tally["outbound_refused"] += 1
            if parcels and not self.two_way:  # two-way: the boxes wait for tomorrow's planned run
                handover = self._run_list(station, station.town_node.code, parcels, self.at(day, 16, 30), self.at(day, 17),
                                          "镇村班车")  # fmt: skip
                self.outbound_up[day + dt.timedelta(days=1)].append(handover)

    def outbound_at_town(self, day, handover) -> None:
        waybills = list(handover.items.values_list("parcel__waybill", flat=True))
        services.check_in_many(handover, waybills, at=self.at(day, 10))
        services.finish_check_in(handover, at=self.at(day, 10, 10))
        node = self.net_node(handover.to_code)
        up = services.open_handover(node, self.net.hub.code, at=self.at(day, 11))
        services.load_parcels(up, waybills)
        up = services.close_handover(up, carrier="县乡干线", at=self.at(day, 12))
        self.outbound_at_hub(day, up)

    def outbound_at_hub(self, day, handover) -> None:
        items = list(handover.items.select_related("parcel__brand"))
        services.check_in_many(handover, [i.parcel.waybill for i in items], at=self.at(day, 14))
        services.finish_check_in(handover, at=self.at(day, 14, 10))
        for item in items:
            self.for_brand[item.parcel.brand.code].append(item.parcel)

    def hand_to_brands(self, day) -> None:
        groups = sorted(self.for_brand.items())
        services.dispatch_many([
            services.ListLoad(self.net.hub, services.BRAND_PREFIX + code, [p.waybill for p in parcels],
                              f"{code}干线", self.at(day, 15), self.at(day, 16))
            for code, parcels in groups
        ])  # fmt: skip
        self.tally["handed_to_brand"] += sum(len(parcels) for _code, parcels in groups)

    def project_for(self, station, product: str, day):
        return season_project(station.village_id, day, product, self._projects)

    def net_node(self, code):
        return next(s.town_node for s in self.net.stations if s.town_node.code == code)
