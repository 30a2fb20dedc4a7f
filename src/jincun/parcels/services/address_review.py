"""The address review queue's decision reaches the parcels: each parcel waiting on the decided fragment gets
its village, and one already scanned in at the hub (and left unrouted) is sorted now."""

from __future__ import annotations

from jincun.addressing.review import parcel_ids
from jincun.parcels.choices import RouteKind, State
from jincun.parcels.models import Parcel


def apply_review_decision(review, items) -> int:
    """Registered with `jincun.addressing.review.on_decision`; returns how many parcels got their village."""
    from jincun.parcels.services.hub import sort_parcel

    parcels = list(
        Parcel.objects.filter(pk__in=parcel_ids(items), village__isnull=True).select_related("brand")
    )
    for parcel in parcels:
        parcel.village = review.decided_area
        parcel.save(update_fields=["village", "updated_at"])
        if parcel.state == State.AT_HUB and parcel.route_kind == RouteKind.UNROUTED:
            sort_parcel(parcel, operator=review.decided_by)
    return len(parcels)


def waybill_labels(refs: list[str]) -> dict[str, str]:
    """Registered with `jincun.addressing.review.on_ref_labels`: `parcel:<id>` → its brand and waybill."""
    ids = {ref: int(ref[7:]) for ref in refs if ref.startswith("parcel:") and ref[7:].isdigit()}
    found = Parcel.objects.filter(pk__in=ids.values()).select_related("brand").in_bulk()
    return {ref: f"{found[pk].brand.name} {found[pk].waybill}" for ref, pk in ids.items() if pk in found}
