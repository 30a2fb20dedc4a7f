from __future__ import annotations

from dataclasses import dataclass, field

from jincun.parcels.choices import ScanStatus


@dataclass
class ScanOutcome:
    """What one scan did. `status`: a `ScanStatus`; `reason` a code when not plainly accepted
    (`late_event` for an accepted event that arrived late and did not move the state)."""

    status: ScanStatus | str
    reason: str = ""
    message: str = ""
    event: object = None
    parcel: object = None
    pickup_code: str = ""
    deliver_to_door: bool = False
    extra: bool = False
    details: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != ScanStatus.REFUSED


def refused(reason: str, message: str, parcel=None) -> ScanOutcome:
    return ScanOutcome(ScanStatus.REFUSED, reason, message, parcel=parcel)
