"""The consent rule at the one place a parcel enters a village station's shelves by a scan event.

《快递市场管理办法》(2024): no parcel goes into a station without the recipient's consent. `shelve_parcel`
checks it before giving a pickup code; a raw `at_station` event from a device or the API is checked here.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from jincun.parcels.choices import Preference
from jincun.parcels.models import Consent
from jincun.parcels.services.outcomes import ScanOutcome, refused

NO_CONSENT = gettext_noop("收件人未同意驿站代收，不能入站：请送货上门或先登记同意")


def has_station_consent(parcel, station_code: str, at=None) -> bool:
    """A live consent to station pickup for this parcel, or standing for its phone at the station (by
    code) or the station's village, given at or before `at`."""
    at = at or timezone.now()
    live = Consent.objects.filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at), given_at__lte=at, preference=Preference.STATION
    )
    scope = Q(parcel_id=parcel.pk)
    phone = getattr(parcel, "recipient_phone", None)
    if phone is None:
        phone = type(parcel).objects.filter(pk=parcel.pk).values_list("recipient_phone", flat=True).first()
    if phone:
        scope |= Q(parcel__isnull=True, recipient_phone=phone) & (
            Q(station__code=station_code) | Q(village__stations__code=station_code)
        )
    return live.filter(scope).exists()


def consent_refusal(parcel, event_type: str, station_code: str, at=None) -> ScanOutcome | None:
    """The refusal for an `at_station` event without consent, else None (other events pass)."""
    if event_type != "at_station" or has_station_consent(parcel, station_code, at):
        return None
    return refused("no_consent", gettext(NO_CONSENT), parcel)


class StationConsents:
    """The consents a batch's `at_station` events need, read at once: `wanted` is (parcel, station code)
    pairs. Same rule as `has_station_consent`, which asked two queries an event (most of a device batch's
    time under load)."""

    CHUNK = 400

    def __init__(self, wanted):
        self._rows: list[tuple] = []
        wanted = list(wanted)
        codes = list({code for _, code in wanted if code})
        parcels = list({p.pk: p for p, _ in wanted}.values())
        for start in range(0, len(parcels), self.CHUNK):
            chunk = parcels[start : start + self.CHUNK]
            phones = list({p.recipient_phone for p in chunk if p.recipient_phone})
            standing = Q(parcel__isnull=True, recipient_phone__in=phones) & (
                Q(station__code__in=codes) | Q(village__stations__code__in=codes)
            )
            self._rows += Consent.objects.filter(
                Q(parcel_id__in=[p.pk for p in chunk]) | standing, preference=Preference.STATION
            ).values_list(
                "parcel_id", "recipient_phone", "station__code", "village__stations__code", "given_at",
                "withdrawn_at",
            )  # fmt: skip

    def has(self, parcel, station_code: str, at) -> bool:
        for parcel_id, phone, station, village_station, given, withdrawn in self._rows:
            if given > at or (withdrawn is not None and withdrawn <= at):
                continue
            if parcel_id == parcel.pk:
                return True
            standing = parcel_id is None and phone and phone == parcel.recipient_phone
            if standing and station_code and station_code in (station, village_station):
                return True
        return False

    def refusal(self, parcel, event_type: str, station_code: str, at) -> ScanOutcome | None:
        if event_type != "at_station" or self.has(parcel, station_code, at):
            return None
        return refused("no_consent", gettext(NO_CONSENT), parcel)
