"""Whose parcel a waybill is when two brands' manifests carry the same number.

A waybill belongs to one brand's parcel. The rule, so that one brand's manifest never makes another brand's
parcel unscannable:
- at manifest time, a waybill another brand already holds is refused (`waybill_taken`), unless the number
  fits this brand's patterns and every other holder's parcel is a flagged mismatch (a number that does not
  fit their patterns: their typo or a rival's probe, not their parcel);
- at scan time, a waybill several brands hold is the parcel whose number fits its brand's patterns, when
  exactly one does; otherwise it stays ambiguous and the scanner must name the brand.
"""

from __future__ import annotations

AMBIGUOUS = "ambiguous"


def owner_of(candidates) -> object | None:
    """The parcel a scan of this waybill means, among the parcels holding it: the only one, or the only one
    whose number fits its brand (not `brand_mismatch`); `AMBIGUOUS` when that does not decide; None when
    there is none."""
    candidates = list(candidates)
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    fitting = [p for p in candidates if not p.brand_mismatch]
    return fitting[0] if len(fitting) == 1 else AMBIGUOUS


def pick_owners(parcels) -> dict:
    """waybill → `owner_of` its parcels, for a batch read (any iterable of parcels)."""
    owners: dict = {}
    shared: dict[str, list] = {}  # the waybills several parcels hold (rare)
    for parcel in parcels:
        waybill = parcel.waybill
        if waybill in owners:
            shared.setdefault(waybill, [owners[waybill]]).append(parcel)
        else:
            owners[waybill] = parcel
    for waybill, found in shared.items():
        owners[waybill] = owner_of(found)
    return owners


def may_claim(fits_brand: bool, other_holders_mismatched: list[bool]) -> bool:
    """Whether a brand's new manifest row may take a waybill: nobody else holds it, or the number fits this
    brand and every other holder's parcel was flagged as not fitting theirs."""
    if not other_holders_mismatched:
        return True
    return fits_brand and all(other_holders_mismatched)
