"""The pages' side of the parcel journey: call the parcels services and turn each outcome into an `Answer`
(colour + big word + what to do) or a masked row for a list. No rule is decided here.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jincun.core.choices import Role
from jincun.core.masking import mask_name, mask_phone
from jincun.parcels import queries, services
from jincun.web.views.scanning import Answer, refused

RESOLUTIONS = [
    ("found", gettext_lazy("已找到，恢复流转")),
    ("readdressed", gettext_lazy("地址已核实，重新分拣")),
    ("return", gettext_lazy("退回品牌")),
    ("lost", gettext_lazy("确认丢失")),
    ("damaged_signed", gettext_lazy("破损件已与收件人确认签收")),
    ("noted", gettext_lazy("已记录，无需改变状态")),
]
REPORTABLE = [
    ("damaged", gettext_lazy("破损")),
    ("unresolvable", gettext_lazy("地址无法解析")),
    ("refused", gettext_lazy("拒收")),
    ("lost", gettext_lazy("丢失")),
    ("fee", gettext_lazy("村民反映取件被收费")),
]


def _outcome_refused(outcome, waybill: str) -> Answer | None:
    if outcome.status == "refused":
        return refused(outcome.reason, outcome.message or outcome.reason, waybill)
    return None


def _operator(user) -> str:
    return user.get_username()


# --- hub ---------------------------------------------------------------------------------------------


def hub_scan_in(hub, code: str, user) -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    outcome = services.hub_scan_in(hub, code, user)  # a second scan of a sorted parcel records nothing
    if outcome.status == "refused" and outcome.reason != "same_state":
        return refused(outcome.reason, outcome.message or outcome.reason, code)
    return _chute(outcome.parcel, code, repeated=outcome.status != "accepted" or bool(outcome.reason))


def _chute(parcel, code: str, repeated: bool) -> Answer:
    target = services.sort_target(parcel)
    tone = {"town": "ok", "postal": "info", "service_center": "info"}.get(target.kind, "warn")
    instruction = {
        "town": _("放入该乡镇格口"),
        "postal": _("放入邮政线路格口（邮快合作）"),
        "service_center": _("放入该镇格口，交便民服务中心（村委代办）"),
    }.get(target.kind, _("地址未能定位到村：放入异常格口，登记问题件"))
    details = [_("重复扫描，已记录过")] if repeated else []
    return Answer(tone, target.name, instruction, code, details)


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


def load_onto(handover, code: str, user) -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    outcome = services.load_parcel(handover, code, user)
    if bad := _outcome_refused(outcome, code):
        return bad
    if outcome.status == "duplicate":
        return Answer("info", _("已在单上"), _("这件已经装过了"), code)
    return Answer("ok", _("装车"), str(handover), code)


def close_list(handover, user, carrier: str):
    return services.close_handover(handover, user, carrier=carrier)


def handover_summary(handover) -> dict:
    return services.reconcile(handover)


def handover_lines(handover, user) -> list[dict]:
    return queries.handover_lines(handover)


# --- town node -------------------------------------------------------------------------------------


def incoming_handovers(place, include_done: bool = False):
    where = place.station or place.town_node or place.hub
    return queries.incoming_handovers(where, include_done=include_done)


def station_destinations(station) -> list[dict]:
    """Outbound parcels leave a station for its town node only."""
    node = station.town_node
    return [{"code": node.code, "name": f"{node.name}（上行）", "kind": "town_node"}]


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
    if outcome.status == "duplicate":
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
        return answer
    dup = [_("重复扫描，取件码不变")] if outcome.status == "duplicate" else []
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


def proxy_sign_out(place, code: str, user) -> Answer:
    if not code:
        return refused("empty", _("没有读到单号"))
    outcome = services.proxy_sign_out(place.village_codes, code, user)
    if bad := _outcome_refused(outcome, code):
        return bad
    return Answer("ok", _("已签收"), _("交给收件人"), code)


# --- outbound ---------------------------------------------------------------------------------------


def collect_outbound(station, cleaned: dict, user) -> Answer:
    data = {
        **cleaned,
        "prohibited": cleaned.get("contents") == "prohibited",
        "inspection_note": cleaned.get("contents_note", ""),
    }
    outcome = services.collect_outbound(station, data, user)
    if bad := _outcome_refused(outcome, ""):
        return bad
    return Answer("ok", outcome.parcel.waybill, _("已揽收：贴单，放入待发区"), outcome.parcel.waybill)


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
    parcel = queries.parcel_for(code.strip().upper()[:40])
    if parcel is None:
        return refused("unknown_waybill", _("未找到该运单"), code)
    where = place.station or place.town_node or place.hub
    services.open_problem(parcel, reason, user, note=note[:300], place=where)
    return Answer("warn", _("已登记问题件"), str(dict(REPORTABLE)[reason]), parcel.waybill)
