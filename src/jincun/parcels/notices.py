"""What a brand is told when one of its parcels changes state, in our vocabulary and the aggregators'
(kuaidi100, 快递鸟, Cainiao; `status_map`). The api app sends it: its receiver of `parcel_state_changed`
queues one webhook delivery per endpoint with `notice_payload` as the body."""

from __future__ import annotations

from jincun.parcels import status_map
from jincun.parcels.choices import SignType


def sign_type_of(event) -> str | None:
    """How a sign-off happened, for the aggregator codes: collected by someone else (代签 → 303 / AGENT_SIGN)
    or at a station (投柜或站签收 → 304 / 311); None for a plain self sign-off or any other event."""
    if event is None or event.state_after != "signed":
        return None
    if getattr(event, "sign_type", "") == SignType.PROXY:
        return "proxy"
    if event.place_kind == "station":
        return "station"
    return None


def external_status_of(state: str, event=None) -> dict:
    return status_map.external_status(state, sign_type_of(event))


def notice_payload(parcel, event, old_state: str, new_state: str) -> dict:
    """The webhook body: our state and the three aggregator vocabularies, no personal data."""
    return {
        "type": "parcel.state_changed",
        "event_id": event.pk,
        "data": {
            "waybill": parcel.waybill,
            "brand": parcel.brand.code,
            "old_state": old_state,
            "state": new_state,
            "event_type": event.event_type,
            "at": event.at.isoformat(),
            "place": event.place_code or "",
            "place_name": event.place_name or "",
            **external_status_of(new_state, event),
        },
    }
