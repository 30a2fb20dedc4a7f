"""The pages' side of the parcel journey: call the parcels services and turn each outcome into an `Answer`
(colour + big word + what to do) or a masked row for a list. No rule is decided here.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jincun.agri.services import collect_for_project
from jincun.core.choices import Role
from jincun.core.masking import mask_address, mask_name, mask_phone
from jincun.network.page_queries import Viewer
from jincun.parcels import queries, services
from jincun.parcels.choices import CHOSEN_RESOLUTIONS, REPORTED_REASONS, Direction, ScanStatus, State
from jincun.parcels.models import Parcel
from jincun.web.views.scanning import Answer, refused

RESOLUTIONS = [(r.value, r.label) for r in CHOSEN_RESOLUTIONS]  # what an operator may choose
REPORTABLE = [(r.value, r.label) for r in REPORTED_REASONS]  # what a person may report

PROBLEM_REFUSALS = {
    "unknown_waybill": gettext_lazy("未找到该运单"),
    "not_at_this_place": gettext_lazy("该件不在本岗位范围内"),
    "no_place": gettext_lazy("未分配岗位，不能登记问题件"),
}


def _outcome_refused(outcome, waybill: str) -> Answer | None:
    if outcome.status == ScanStatus.REFUSED:
        return refused(outcome.reason, outcome.message or outcome.reason, waybill)
    return None


def _operator(user) -> str:
    return user.get_username()


# --- hub ---------------------------------------------------------------------------------------------


def hub_scan_in(hub, code: str, user) -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    outcome = services.hub_scan_in(hub, code, user)  # a second scan of a sorted parcel records nothing
    if outcome.status == ScanStatus.REFUSED and outcome.reason != "same_state":
        return refused(outcome.reason, outcome.message or outcome.reason, code)
    return _chute(
        outcome.parcel, code, repeated=outcome.status != ScanStatus.ACCEPTED or bool(outcome.reason)
    )


def _chute(parcel, code: str, repeated: bool) -> Answer:
    target = services.sort_target(parcel)
    tone = {"town": "ok", "postal": "info", "service_center": "info", "brand": "ok"}.get(target.kind, "warn")
    instruction = {
        "town": _("放入该乡镇格口"),
        "postal": _("放入邮政线路格口（邮快合作）"),
        "service_center": _("放入该镇格口，交便民服务中心（村委代办）"),
        "brand": _("上行件：放入该品牌交件格口"),
    }.get(target.kind, _("地址未能定位到村：放入异常格口，登记问题件"))
    details = [_("重复扫描，已记录过")] if repeated else []
    warnings = services.sort_warnings(parcel)
    if warnings and tone == "ok":
        tone = "warn"
    return Answer(tone, target.name, instruction, code, [*warnings, *details])


def trunk_destinations(hub) -> list:
    return queries.trunk_destinations(hub)


def _open(origin, destination: str, user):
    """(list, "") or (None, why) — an unknown destination is a message on the page, not an error page."""
    try:
        return services.open_handover(origin, destination[:40], user), ""
    except ValueError as exc:
        return None, str(exc)


def open_trunk(hub, destination: str, user):
    return _open(hub, destination, user)


def open_handovers_from(place_obj):
    return queries.open_handovers_from(place_obj)


def handovers_visible(place):
    """A village proxy sees the lists they signed for their villages; everyone else their place's lists."""
    if place.role == Role.VILLAGE_PROXY:
        return queries.handovers_for(None, place.village_codes or ["-"])
    return queries.handovers_for(place.station or place.town_node or place.hub)


def filter_handovers(qs, *, status="", kind="", day=None, number=""):
    return queries.filter_handovers(qs, status=status, kind=kind, day=day, number=number)


def load_onto(handover, code: str, user) -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    outcome = services.load_parcel(handover, code, user)
    if bad := _outcome_refused(outcome, code):
        return bad
    if outcome.status == ScanStatus.DUPLICATE:
        return Answer("info", _("已在单上"), _("这件已经装过了"), code)
    return Answer("ok", _("装车"), str(handover), code)


def close_list(handover, user, carrier: str) -> str:
    """ "" when the list left, else why it may not be sealed (shown on the loading page)."""
    try:
        services.close_handover(handover, user, carrier=carrier)
    except ValueError as exc:
        return str(exc)
    return ""


def handover_summary(handover) -> dict:
    return services.reconcile(handover)


def handover_lines(handover, user) -> list[dict]:
    return queries.handover_lines(handover)


def handover_pdf(handover) -> bytes:
    """The list as the paper both sides sign: the page's figures and lines."""
    from jincun.parcels.handover_pdf import handover_pdf as render

    return render(handover, services.reconcile(handover), queries.handover_lines(handover))


# --- town node -------------------------------------------------------------------------------------


def incoming_handovers(place, include_done: bool = False):
    where = place.station or place.town_node or place.hub
    return queries.incoming_handovers(where, include_done=include_done)


def station_destinations(station) -> list[dict]:
    """Outbound parcels leave a station for its town node only."""
    node = station.town_node
    return [{"code": node.code, "name": _("%(node)s（上行）") % {"node": node.name}, "kind": "town_node"}]


def open_station_run(station, destination: str, user):
    return _open(station, destination, user)


def check_in(handover, code: str, user) -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    outcome = services.check_in(handover, code, user)
    if bad := _outcome_refused(outcome, code):
        return bad
    if getattr(outcome, "extra", False):
        return Answer("warn", _("多出件"), _("不在本交接单上：单独放置，已记录"), code)
    if outcome.status == ScanStatus.DUPLICATE:
        return Answer("info", _("已核对"), _("这件已经扫过了"), code)
    return Answer("ok", _("已到"), _("在单上，已核对"), code)


def finish_check_in(handover, user):
    return services.finish_check_in(handover, user)


def village_run_destinations(node) -> list:
    return queries.village_run_destinations(node)


def open_village_run(node, destination: str, user):
    return _open(node, destination, user)


def shelve_at_service_center(node, code: str, user) -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    return _shelve_answer(services.shelve_parcel(node, code, user), code)


def waiting_at_service_center(node) -> list:
    return queries.service_center_counts(node)


# --- station -----------------------------------------------------------------------------------------


def _shelve_answer(outcome, code: str) -> Answer:
    if bad := _outcome_refused(outcome, code):
        return bad
    if getattr(outcome, "deliver_to_door", False):
        answer = Answer("warn", _("送货上门"), _("收件人未同意驿站代收：不得上架，请送货上门"), code)
        answer.consent_waybill = code
        if outcome.parcel is not None:
            answer.consent_contact = masked_row(outcome.parcel)
        return answer
    dup = [_("重复扫描，取件码不变")] if outcome.status == ScanStatus.DUPLICATE else []
    return Answer("ok", outcome.pickup_code, _("写上取件码，放到该货架层"), code, dup)


def shelve_at_station(station, code: str, user) -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    return _shelve_answer(services.shelve_parcel(station, code, user), code)


def consent_and_shelve(station, code: str, user) -> Answer:
    """The keeper asked the recipient, who agreed to station pickup for this parcel: one service call
    records the consent and shelves, in one transaction."""
    outcome = services.consent_and_shelve(station, code, user)
    if outcome.reason in ("unknown_waybill", "wrong_station"):
        return refused("unknown_waybill", _("未找到本站的这件"), code)
    return _shelve_answer(outcome, code)


def on_the_way(station) -> dict:
    """Parcels coming to the station, masked as a work page shows them, with the stage each is at."""
    found = queries.on_the_way_to(station)
    labels = {s["state"]: s["label"] for s in found["stages"]}
    found["parcels"] = [
        {**masked_row(p), "stage": labels[p.state], "state": p.state} for p in found["parcels"]
    ]
    return found


def door_list(station) -> list[dict]:
    return [masked_row(p) for p in services.door_deliveries(station).select_related("brand", "village")]


def sign_door(station, parcel_id: str, user) -> Answer:
    parcel = services.door_deliveries(station).filter(pk=parcel_id).first() if parcel_id.isdigit() else None
    if parcel is None:
        return refused("not_for_door", _("该件不在送货上门清单上"))
    outcome = services.sign_off(parcel, "door", user, place=station)
    if bad := _outcome_refused(outcome, parcel.waybill):
        return bad
    return Answer("ok", _("已签收"), _("送货上门"), parcel.waybill)


def masked_row(parcel) -> dict:
    """What a work page may show of a parcel: phone tail and masked name only."""
    return {
        "id": parcel.pk,
        "waybill": parcel.waybill,
        "brand": parcel.brand.name,
        "pickup_code": parcel.pickup_code,
        "name": mask_name(parcel.recipient_name),
        "phone": mask_phone(parcel.recipient_phone),
        "village": getattr(parcel.village, "name", ""),
        "address": mask_address(parcel.address),
        "subject": f"parcels.parcel:{parcel.pk}",
        "arrived_at": parcel.shelved_at or parcel.updated_at,
    }


def find_at_station(station, query: str, user) -> list[dict]:
    return [masked_row(p) for p in queries.at_station(station, query)]


def sign_at_station(station, parcel_id: str, sign_type: str, user, proxy_name: str) -> Answer:
    parcel = queries.at_station(station, "").filter(pk=parcel_id).first() if parcel_id.isdigit() else None
    if parcel is None:
        return refused("not_on_shelf", _("该件不在本站货架上"))
    outcome = services.sign_off(parcel, sign_type, user, proxy_name=proxy_name)
    if bad := _outcome_refused(outcome, parcel.waybill):
        return bad
    who = _("本人签收") if sign_type == "self" else _("代取签收：%(name)s") % {"name": mask_name(proxy_name)}
    return Answer("ok", _("已签收"), who, parcel.waybill)


# --- village proxy ----------------------------------------------------------------------------------


def waiting_for_proxy(place) -> list[dict]:
    if not place.village_codes:
        return []
    return [masked_row(p) for p in queries.waiting_at_service_center(None, place.village_codes)]


def with_proxy(place) -> list[dict]:
    if not place.village_codes:
        return []
    return [masked_row(p) for p in queries.with_proxy(place.village_codes)]


def proxy_collect(place, user):
    if not place.village_codes:
        return None
    return services.proxy_collect(place.town_node, place.village_codes, user)


def hand_to_proxy(node, proxy_user, user):
    """The service center's operator hands a proxy the batch of their villages; both sign the list."""
    codes = list(proxy_user.assignment.villages.values_list("code", flat=True))
    return services.proxy_collect(node, codes, proxy_user, handed_over_by=user) if codes else None


def proxies_waiting(node) -> list[dict]:
    return queries.proxies_with_waiting(node)


def proxy_sign_out(place, code: str, user, collector: str = "", pickup_code: str = "") -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    outcome = services.proxy_sign_out(
        place.village_codes, code, user, collector=collector[:32], pickup_code=pickup_code[:20]
    )
    if bad := _outcome_refused(outcome, code):
        return bad
    return Answer("ok", _("已签收"), _("交给收件人：") + collector[:32], code)


# --- outbound ---------------------------------------------------------------------------------------


def collect_outbound(station, cleaned: dict, user) -> Answer:
    data = {**cleaned, "inspection_note": cleaned.get("contents_note", "")}
    outcome = collect_for_project(station, data, data.pop("project", None), user)
    if bad := _outcome_refused(outcome, ""):
        return bad
    parcel = outcome.parcel
    answer = Answer("ok", parcel.waybill, _("已揽收：打印标签贴在件上，放入待发区"), parcel.waybill)
    answer.details = [f"{parcel.brand.name} · {_('发往')} {station.town_node.name} → {_('县共配中心')}"]
    answer.print_url = reverse("web:parcel_label", args=[parcel.pk])
    return answer


# --- problems ---------------------------------------------------------------------------------------


def problems_visible(place):
    return queries.problems_at(place.station or place.town_node or place.hub)


def open_problems(place, user) -> list:
    return list(problems_visible(place).filter(resolved_at__isnull=True)[:200])


def resolve_problem(problem, resolution: str, note: str, user):
    if resolution not in dict(RESOLUTIONS):
        return None
    return services.resolve_problem(problem, resolution, note[:300], user)


def report_problem(place, code: str, reason: str, note: str, user) -> Answer:
    """Open a problem on a scanned parcel, queued at the reporter's place."""
    if reason not in dict(REPORTABLE):
        return refused("bad_reason", _("请选择问题类型"), code)
    where = place.station or place.town_node or place.hub
    outcome = services.report_problem(
        where, code, reason, user, note=note[:300], anywhere=place.role == Role.ADMIN
    )
    if outcome.status == "refused":
        return refused(outcome.reason, PROBLEM_REFUSALS.get(outcome.reason, _("未找到该运单")), code)
    return Answer("warn", _("已登记问题件"), str(dict(REPORTABLE)[reason]), outcome.parcel.waybill)


# --- staff search and the hub board ----------------------------------------------------------------


def _scope(place):
    if place.role == "village_proxy":  # a proxy's scope is their villages, whatever node they collect at
        return queries.parcels_in_scope(village_codes=place.village_codes)
    return queries.parcels_in_scope(
        hub=place.hub, town_node=place.town_node, station=place.station, village_codes=place.village_codes
    )


def _staff_row(parcel, full_contact: bool) -> dict:
    """Masked for every role (core.policy); roles that call recipients get the audited unmask."""
    row = masked_row(parcel)
    row["unmask"] = full_contact
    row.update(state=parcel.get_state_display(), direction=parcel.get_direction_display())
    return row


def search_parcels(place, query: str, user) -> list[dict]:
    """Rows for the staff search: masked as the role may see (hub/town operators may unmask, logged)."""
    full = Viewer.of(user).full_contact
    return [_staff_row(p, full) for p in queries.search_parcels(_scope(place), query)]


def parcel_with_history(place, pk: int, user) -> dict | None:
    """One parcel in scope with every scan event, oldest first; None outside the scope."""
    parcel = _scope(place).filter(pk=pk).first()
    if parcel is None:
        return None
    events = [
        {
            "at": e.at,
            "event": State(e.event_type).label if e.event_type in State.values else e.event_type,
            "result": e.get_result_display(),
            "reason": e.reason,
            "place": e.place_name or e.place_code,
            "operator": e.operator_name or (e.operator.get_username() if e.operator_id else ""),
            "note": e.raw_text,
            "handover": e.handover.number if e.handover_id else "",
        }
        for e in queries.events_of(parcel).select_related("operator", "handover")
    ]
    target = services.sort_target(parcel)
    return {
        "parcel": _staff_row(parcel, Viewer.of(user).full_contact),
        "events": events,
        "target": target.name,
        "warnings": services.sort_warnings(parcel),
    }


def hub_board(hub) -> list[dict]:
    return queries.hub_board(hub)


# --- labels ----------------------------------------------------------------------------------------


def label_data(parcel):
    """The hub label of an inbound parcel (its sort plan target), or the station label of an outbound one
    (brand, town node → hub), recipient masked as every label is."""
    from jincun.addressing.labels import LabelData
    from jincun.addressing.sort_plan import label_for

    recipient = {"recipient_name": parcel.recipient_name, "recipient_phone": parcel.recipient_phone}
    if parcel.direction == Direction.OUTBOUND:
        station = parcel.station
        return LabelData(
            waybill=parcel.waybill,
            brand=parcel.brand.name,
            sort_code=f"上行 {parcel.brand.code}",
            town=getattr(parcel.town_node, "name", ""),
            village=getattr(parcel.village, "name", ""),
            station=getattr(station, "name", ""),
            pickup=f"揽收件：经镇节点发县共配中心，交{parcel.brand.name}",
            **recipient,
        )
    return label_for(parcel.waybill, parcel.brand, parcel.village, timezone.localdate(), **recipient)


def label_pdf(place, pk: int) -> bytes | None:
    """One parcel's label, if the parcel is in the user's scope."""
    from jincun.addressing.labels import render_labels

    parcel = _scope(place).filter(pk=pk).first()
    return None if parcel is None else render_labels([label_data(parcel)])


def typed_waybills_not_found(hub, waybills) -> list[str]:
    """The typed waybills (one per line) that are no parcel this hub may label, in the order typed."""
    wanted = _typed(waybills)
    found = set(
        queries.parcels_in_scope(hub=hub).filter(waybill__in=wanted).values_list("waybill", flat=True)
    )
    return [w for w in wanted if w not in found]


def _typed(waybills) -> list[str]:
    return list(dict.fromkeys(w.strip().upper() for w in waybills if w.strip()))[:500]


def chute_labels_pdf(hub, route_code: str = "", waybills=()) -> tuple[bytes, int]:
    """Hub labels for a chute's parcels waiting to be loaded, or for the waybills typed (one per line, printed
    in the order typed)."""
    from jincun.addressing.labels import render_labels

    scope = queries.parcels_in_scope(hub=hub)
    if waybills:
        order = {w: i for i, w in enumerate(_typed(waybills))}
        parcels = sorted(scope.filter(waybill__in=order), key=lambda p: (order[p.waybill], p.pk))
    elif route_code.startswith(services.BRAND_PREFIX):
        brand = route_code.removeprefix(services.BRAND_PREFIX)
        parcels = list(
            Parcel.objects.filter(direction="outbound", state=State.AT_HUB, brand__code=brand)[:500]
        )
    else:
        parcels = list(scope.filter(state=State.SORTED, route_code=route_code).order_by("id")[:500])
    return render_labels([label_data(p) for p in parcels]), len(parcels)
