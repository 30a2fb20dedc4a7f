from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ScanOutcome:
    """What one scan did. `status`: accepted / duplicate / refused; `reason` a code when not plainly accepted
    (`late_event` for an accepted event that arrived late and did not move the state)."""

    status: str
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
        return self.status != "refused"


def refused(reason: str, message: str, parcel=None) -> ScanOutcome:
    return ScanOutcome("refused", reason, message, parcel=parcel)
