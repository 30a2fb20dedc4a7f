"""Manifests: a brand's parcels for the county, pushed by API or uploaded as CSV/XLSX rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from jincun.addressing.review import parcel_ref, queue_for_review, resolve_addresses_batch
from jincun.core.bulk import insert_rows
from jincun.network.models import AdminArea
from jincun.network.waybills import BrandMatcher, normalize_waybill
from jincun.parcels.choices import Direction, State
from jincun.parcels.models import Manifest, Parcel
from jincun.parcels.services.claims import may_claim
from jincun.parcels.services.scans import write_creations

TRUE_WORDS = {"1", "true", "yes", "y", "是", "t"}


@dataclass
class RowOutcome:
    status: str  # created / updated / refused
    reason: str = ""
    message: str = ""
    waybill: str = ""
    brand_mismatch: bool = False
    parcel: object = None


def _flag(value) -> bool:
    return str(value or "").strip().lower() in TRUE_WORDS


def _weight(value) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        grams = round(float(text))
    except ValueError:
        return -1
    return grams if 0 < grams < 1_000_000 else -1


@transaction.atomic
def ingest_manifest(
    brand, rows, operator=None, *, source="api", at=None, county_code=None
) -> list[RowOutcome]:
    """One outcome per row. Row keys: waybill, recipient_name, recipient_phone (or phone), address,
    village_code (optional), weight_g, cod, insured, brand (optional; another brand's code is refused
    `wrong_brand`). Addresses resolve in `county_code`'s gazetteer (default:
    the first county loaded). A waybill that does not match the brand's patterns is
    stored flagged (`brand_mismatch`), never silently; a parcel already past `manifested` is not changed.
    A waybill another brand holds is refused `waybill_taken` unless this brand may claim it (`claims`)."""
    at = at or timezone.now()
    matcher = BrandMatcher([brand])
    rows = list(rows)
    waybills = [normalize_waybill(str(r.get("waybill") or ""))[:40] for r in rows]
    existing = {
        p.waybill: p for p in Parcel.objects.filter(brand=brand, waybill__in=[w for w in waybills if w])
    }
    held: dict[str, list[bool]] = {}  # waybill → brand_mismatch of each other brand's parcel holding it
    others = Parcel.objects.filter(waybill__in=[w for w in waybills if w and w not in existing])
    for waybill, mismatched in others.exclude(brand=brand).values_list("waybill", "brand_mismatch"):
        held.setdefault(waybill, []).append(mismatched)
    codes = {str(r.get("village_code") or "").strip() for r in rows} - {""}
    villages = {a.code: a for a in AdminArea.objects.filter(code__in=codes, level="village")}
    # Rows without a village code are resolved from their address text (addressing); the rest are kept.
    needs = [i for i, r in enumerate(rows) if not str(r.get("village_code") or "").strip()]
    found = dict(
        zip(needs, resolve_addresses_batch([_address(rows[i]) for i in needs], county_code), strict=True)
    )
    outcomes, seen = [], set()
    for i, (row, waybill) in enumerate(zip(rows, waybills, strict=True)):
        named = str(row.get("brand") or "").strip().upper()
        if named and named != brand.code:
            outcomes.append(
                RowOutcome("refused", "wrong_brand", gettext("品牌令牌只能提交本品牌的运单"), waybill)
            )
            continue
        outcomes.append(
            _row(
                brand,
                row,
                waybill,
                matcher,
                existing,
                villages,
                seen,
                at,
                operator,
                found.get(i, (None, None)),
                held.get(waybill, []),
            )
        )
    _create_new(outcomes, found, at, operator)
    Manifest.objects.create(
        brand=brand,
        source=source,
        received_by=operator if getattr(operator, "pk", None) else None,
        rows=len(rows),
        created=sum(o.status == "created" for o in outcomes),
        updated=sum(o.status == "updated" for o in outcomes),
        refused=sum(o.status == "refused" for o in outcomes),
        mismatched=sum(o.brand_mismatch for o in outcomes),
        results=[{"waybill": o.waybill, "status": o.status, "reason": o.reason} for o in outcomes],
    )
    return outcomes


CHUNK_ROWS = 1000
MAX_FILE_ROWS = 20_000


def ingest_manifest_chunks(
    brand, rows, operator=None, *, source="upload", chunk=CHUNK_ROWS
) -> list[RowOutcome]:
    """A big manifest (a file) in chunks of `chunk` rows, each its own committed transaction (one `Manifest`
    record each): a 20,000-row file never holds SQLite's write lock for the whole file, so scans and the job
    worker wait at most one chunk. One outcome per row, in order; a chunk written stays written."""
    rows = list(rows)
    outcomes: list[RowOutcome] = []
    for start in range(0, len(rows), chunk):
        outcomes += ingest_manifest(brand, rows[start : start + chunk], operator, source=source)
    return outcomes


def _address(row) -> str:
    return str(row.get("address") or "").strip()[:300]


def _row(brand, row, waybill, matcher, existing, villages, seen, at, operator, found, held) -> RowOutcome:
    if not waybill:
        return RowOutcome("refused", "missing_waybill", gettext("缺少运单号"))
    if waybill in seen:
        return RowOutcome("refused", "duplicate_row", gettext("同一清单中运单号重复"), waybill)
    seen.add(waybill)
    phone = str(row.get("recipient_phone") or row.get("phone") or "").strip()[:20]
    name = str(row.get("recipient_name") or row.get("name") or "").strip()[:64]
    if not phone or sum(c.isdigit() for c in phone) < 7:
        return RowOutcome("refused", "bad_phone", gettext("收件人电话缺失或不正确"), waybill)
    weight = _weight(row.get("weight_g"))
    if weight == -1:
        return RowOutcome("refused", "bad_weight", gettext("重量应为正数（克）"), waybill)
    code = str(row.get("village_code") or "").strip()
    if code and code not in villages:
        return RowOutcome("refused", "unknown_village", f"村级区划代码不存在：{code[:12]}", waybill)
    mismatch = not matcher.detect(waybill)
    if waybill not in existing and not may_claim(not mismatch, held):
        return RowOutcome(
            "refused", "waybill_taken", "该运单号已由其他品牌预报，请核对单号", waybill, mismatch
        )
    values = {
        "recipient_name": name,
        "recipient_phone": phone,
        "address": _address(row),
        "village": villages.get(code) or found[0],
        "weight_g": weight,
        "is_cod": _flag(row.get("cod")),
        "is_insured": _flag(row.get("insured")),
        "brand_mismatch": mismatch,
    }
    message = gettext("运单号不符合该品牌规则，已标记待核对") if mismatch else ""
    parcel = existing.get(waybill)
    if parcel is not None:
        if parcel.state != State.MANIFESTED:
            return RowOutcome(
                "refused", "already_moving", gettext("该件已开始流转，预报不再修改"), waybill, mismatch
            )
        for field, value in values.items():
            setattr(parcel, field, value)
        parcel.save()
        message = _queue_unresolved(parcel, found[1], message)
        return RowOutcome("updated", "brand_mismatch" if mismatch else "", message, waybill, mismatch, parcel)
    parcel = Parcel(
        waybill=waybill, brand=brand, direction=Direction.INBOUND, state=State.MANIFESTED, **values
    )
    return RowOutcome("created", "brand_mismatch" if mismatch else "", message, waybill, mismatch, parcel)


def _create_new(outcomes, found, at, operator) -> None:
    """The manifest's new parcels in one bulk insert, their first events in another; the unresolved ones
    queued for address review (row by row: rare)."""
    new = [(i, o) for i, o in enumerate(outcomes) if o.status == "created"]
    if not new:
        return
    parcels = [o.parcel for _, o in new]
    insert_rows(parcels)
    if parcels[0].pk is None:  # a backend without RETURNING: read the ids back
        ids = dict(Parcel.objects.filter(brand=parcels[0].brand, waybill__in=[p.waybill for p in parcels])
                   .values_list("waybill", "id"))  # fmt: skip
        for p in parcels:
            p.pk = ids[p.waybill]
    write_creations([(p, at, None) for p in parcels], operator, note="预报")
    for index, outcome in new:
        outcome.message = _queue_unresolved(
            outcome.parcel, found.get(index, (None, None))[1], outcome.message
        )


def _queue_unresolved(parcel, resolution, message: str) -> str:
    """A parcel whose address did not resolve waits in the hub's address review queue (unrouted)."""
    if parcel.village_id is not None or resolution is None:
        return message
    item = queue_for_review(parcel.address, resolution, ref=parcel_ref(parcel.pk), source="manifest")
    note = "地址未定位到村，已进入地址复核" if item is not None else "地址不在本县或无法识别"
    return "；".join(m for m in (message, note) if m)
