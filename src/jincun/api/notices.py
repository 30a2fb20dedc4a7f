"""What a brand is told when one of its parcels changes state: the receiver of the parcels app's
`parcel_state_changed` signal builds the notice and queues one webhook delivery per endpoint."""

from __future__ import annotations

from jincun.api import webhooks


def notice_payload(parcel, event, old_state: str, new_state: str) -> dict:
    """The webhook body: our state and the three aggregator vocabularies, no personal data."""
    from jincun.parcels import status_map

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
            **status_map.external_status(new_state, event.event_type),
        },
    }


def on_state_changed(sender, parcel, event, old_state, new_state, **kwargs):
    """Queue a notice inside the caller's transaction; it is sent only after that transaction commits."""
    webhooks.queue_notice(
        parcel.brand_id,
        f"event:{event.pk}",
        notice_payload(parcel, event, old_state, new_state),
        waybill=parcel.waybill,
    )
