"""The county a row belongs to: the 6-digit county code carried in the keys of the big tables so that one
installation can hold several counties and a distributed PostgreSQL can shard by it
(docs/decisions/0014-citus-sharding.md). Parcels, daily aggregates and charge lines derive it in the
database from their village or town; scan events and handovers are given it here when written."""

from __future__ import annotations


def county_of(obj) -> str:
    """The county code of a parcel, hub, town node, station or area ('' when it has no place yet)."""
    loaded = getattr(obj, "__dict__", {})
    for attname in ("village_id", "county_id", "town_id"):
        code = loaded.get(attname)
        if code:
            return str(code)[:6]
    code = getattr(obj, "code", "") if type(obj).__name__ == "AdminArea" else ""
    return str(code)[:6]


def parcel_counties(parcels) -> dict[int, str]:
    """pk → county code for parcels, without a query per parcel: parcels loaded without their village
    (`.only(...)`) are looked up together in one query."""
    from jincun.parcels.models import Parcel

    found, missing = {}, []
    for parcel in parcels:
        if "village_id" in vars(parcel):
            found[parcel.pk] = (parcel.village_id or "")[:6]
        else:
            missing.append(parcel.pk)
    if missing:
        rows = Parcel.objects.filter(pk__in=missing).values_list("pk", "village_id")
        found.update((pk, (village or "")[:6]) for pk, village in rows)
    return found
