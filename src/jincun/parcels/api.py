"""Parcel endpoints of `/api/v1`: manifests in, scans in and out, status by waybill.

Thin: each endpoint checks who is calling (`api_scoping`), hands the batch to the parcels services
and shapes the answer. Batches answer item by item (a bad row or event is refused with a reason code, the
rest are kept); a brand sees only its own parcels and gets 404 for any other waybill.
"""

from __future__ import annotations

from django.db.utils import DataError
from ninja import File, Query, Router
from ninja.files import UploadedFile

from jincun.core.api import ERRORS, ApiError, ErrorOut, caller
from jincun.core.imports import TableError
from jincun.network.models import Brand
from jincun.parcels import clock, queries, services
from jincun.parcels.api_schemas import (
    BatchOut,
    EventOut,
    EventsPage,
    ExternalStatus,
    ManifestIn,
    ParcelStatus,
    RowResult,
    ScansIn,
    ScansOut,
    why_invalid,
)
from jincun.parcels.api_scoping import require_brand, require_scanner, station_id_of
from jincun.parcels.choices import ScanStatus
from jincun.parcels.manifest_files import rows_from_file
from jincun.parcels.models import Parcel
from jincun.parcels.notices import external_status_of
from jincun.parcels.services.manifests import MAX_FILE_ROWS

router = Router(tags=["parcels"])

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def _manifest(brand_id: int, rows: list[tuple[int, dict]], *, chunked=False) -> list[RowResult]:
    brand = Brand.objects.get(pk=brand_id)
    ingest = services.ingest_manifest_chunks if chunked else services.ingest_manifest
    outcomes = ingest(brand, [row for _, row in rows])
    return [
        RowResult(
            index=index,
            waybill=row["waybill"],
            status=o.status,
            reason=o.reason or "",
            message=o.message or "",
        )  # fmt: skip
        for (index, row), o in zip(rows, outcomes, strict=True)
    ]


def _batch(results: list[RowResult]) -> BatchOut:
    refused = sum(1 for r in results if r.status == ScanStatus.REFUSED)
    return BatchOut(accepted=len(results) - refused, refused=refused, results=results)


@router.post(
    "/parcels/manifests", response={200: BatchOut, **ERRORS}, summary="Push a manifest (batch of parcels)"
)
def push_manifest(request, payload: ManifestIn):
    brand_id = require_brand(caller(request))
    rows = [(i, row.model_dump()) for i, row in enumerate(payload.parcels)]
    return _batch(_manifest(brand_id, rows))


@router.post(
    "/parcels/manifests/upload",
    response={200: BatchOut, 413: ErrorOut, **ERRORS},
    summary="Upload a manifest file (CSV or XLSX)",
)
def upload_manifest(request, file: File[UploadedFile]):
    """Results carry the file's line numbers as `index` (line 1 is the header)."""
    brand_id = require_brand(caller(request))
    if file.size and file.size > MAX_UPLOAD_BYTES:
        raise ApiError(413, "file_too_large", "文件超过 10 MB，请分批上传")
    try:
        good, bad = rows_from_file(file.read(), file.name or "")
    except TableError as exc:
        raise ApiError(400, "unreadable_file", str(exc)) from exc
    if len(good) + len(bad) > MAX_FILE_ROWS:
        raise ApiError(413, "too_many_rows", f"文件超过 {MAX_FILE_ROWS} 行，请分批上传")
    results = _manifest(brand_id, [(line, row.model_dump()) for line, row in good], chunked=True) + bad
    return _batch(sorted(results, key=lambda r: r.index))


@router.post("/parcels/scans", response={200: ScansOut, **ERRORS}, summary="Push scan events (batch)")
def push_scans(request, payload: ScansIn):
    """Each event gets its own result: accepted, duplicate (already stored) or refused with a reason.

    A device (or operator) scans at its own place: an event naming another place is refused
    (`wrong_place`) and the rest of the batch is kept. Brands push events for their own parcels only."""
    who = caller(request)
    place = require_scanner(who)
    results: list[dict | None] = [None] * len(payload.events)
    to_ingest: list[tuple[int, dict]] = []
    for index, item in enumerate(payload.events):
        if isinstance(item, dict):
            waybill = str(item.get("waybill", ""))[:40]
            results[index] = _scan_result(
                index, waybill, ScanStatus.REFUSED, "invalid_event", why_invalid(item)
            )
            continue
        event = item.model_dump()
        if place and event["place"] and event["place"] != place:
            results[index] = _scan_result(
                index, item.waybill, ScanStatus.REFUSED, "wrong_place", "只能推送本设备所在地点的扫描"
            )
            continue
        event["place"] = event["place"] or place
        to_ingest.append((index, event))
    to_ingest = _only_own_station(who, to_ingest, results)
    brand = Brand.objects.get(pk=who.brand_id) if who.is_brand else None
    device_id = who.token.device_id if who.token is not None else ""
    outcomes = services.ingest_scans(
        [event for _, event in to_ingest],
        device_id=device_id,
        brand=brand,
        operator=who.user,
        place_code=None if who.is_brand else place,
        max_age=clock.MAX_AGE,
    )
    for (index, event), outcome in zip(to_ingest, outcomes, strict=True):
        stored = getattr(outcome, "event", None)
        parcel = getattr(outcome, "parcel", None)
        results[index] = _scan_result(
            index,
            event["waybill"],
            outcome.status,
            outcome.reason or "",
            outcome.message or "",
            stored.pk if stored is not None else None,
            getattr(parcel, "state", None),
        )
    counts = {s: sum(1 for r in results if r["status"] == s) for s in ScanStatus}
    return {**counts, "results": results}


def _only_own_station(who, to_ingest, results):
    """A station's device (or keeper) scans the parcels of that station only: routed to it, or collected
    there. Others are refused (`not_at_this_place`), the rest of the batch goes on."""
    station_id = station_id_of(who)
    if station_id is None:
        return to_ingest
    waybills = {event["waybill"].strip().upper() for _, event in to_ingest}
    own = set(
        Parcel.objects.filter(waybill__in=list(waybills), station_id=station_id).values_list(
            "waybill", flat=True
        )
    )
    kept = []
    for index, event in to_ingest:
        if event["waybill"].strip().upper() in own:
            kept.append((index, event))
        else:
            results[index] = _scan_result(
                index, event["waybill"], ScanStatus.REFUSED, "not_at_this_place", "该件不属于本站点"
            )
    return kept


def _scan_result(index, waybill, status, reason="", message="", event_id=None, state=None) -> dict:
    return {
        "index": index,
        "waybill": waybill,
        "status": status,
        "reason": reason,
        "message": message,
        "event_id": event_id,
        "state": state,
    }


def _external(state: str, event=None) -> ExternalStatus:
    return ExternalStatus(**external_status_of(state, event))


def _event_out(event) -> EventOut:
    return EventOut(
        id=event.pk,
        waybill=event.parcel.waybill,
        event_type=event.event_type,
        state=event.state_after,
        result=event.result,
        at=event.at,
        place=event.place_code or "",
        place_name=event.place_name or "",
        status=_external(event.state_after, event),
    )


@router.get(
    "/parcels/scans", response={200: EventsPage, **ERRORS}, summary="Pull my parcels' events since a cursor"
)
def pull_scans(
    request,
    since: int = Query(0, ge=0, le=2**62, description="the `next_cursor` of the previous page"),
    limit: int = Query(500, ge=1, le=1000),
):
    brand_id = require_brand(caller(request))
    events = list(queries.events_since(brand_id, since, limit))
    return EventsPage(events=[_event_out(e) for e in events], next_cursor=events[-1].pk if events else since)


@router.get(
    "/parcels/{waybill}", response={200: ParcelStatus, **ERRORS}, summary="A parcel's status and history"
)
def parcel_status(request, waybill: str):
    """Scoped like the pages (`core.policy`): a brand its own parcels, a station or device its station's, a
    town node its own, a proxy its villages'; anything outside the scope is 404."""
    scope = caller(request).policy.parcels(Parcel.objects.all())
    try:
        parcel = queries.parcel_for(waybill.strip().upper()[:40], within=scope)
    except DataError:
        parcel = None
    if parcel is None:
        raise ApiError(404, "not_found", "未找到该运单")
    events = list(queries.events_of(parcel))
    applied = [e for e in events if e.result == "applied"]
    last = applied[-1] if applied else None
    return ParcelStatus(
        waybill=parcel.waybill,
        brand=parcel.brand.code,
        direction=parcel.direction,
        state=parcel.state,
        state_label=parcel.get_state_display(),
        status=_external(parcel.state, last),
        where=last.place_name if last else "",
        updated_at=last.at if last else None,
        events=[_event_out(e) for e in events],
    )
