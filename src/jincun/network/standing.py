"""Where the station pages get each station's full standing (record, live signals, inspections).

The standing is computed in one place, `jincun.compliance.services.standing`, which sits above network:
network must not import it, so compliance registers its function here when it loads (`AppConfig.ready`)
and the station pages call `standings_for(stations)`. Without compliance installed the pages fall back to
the record-only check (`Station.meets_standard`), with its reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Shown:
    """A station's standing as a page shows it."""

    standing: str  # met / warning / not_met
    label: str
    reasons: list[tuple[str, bool]]  # (text, fails)
    url: str = ""  # the page with the inspections behind it, when the provider has one

    @property
    def css(self) -> str:
        return {"met": "ok", "warning": "warn"}.get(self.standing, "bad")


_provider: Callable[[list], dict[int, Shown]] | None = None


def register(provider: Callable[[list], dict[int, Shown]]) -> None:
    global _provider
    _provider = provider


def _record_only(stations: list) -> dict[int, Shown]:
    out = {}
    for s in stations:
        reasons = [
            (text, True)
            for text, ok in (
                (_("无专人负责收派"), s.has_named_keeper),
                (_("视频监控未接入"), s.video_connected),
                (_("未备案"), bool(s.filing_number.strip())),
            )
            if not ok
        ]
        out[s.pk] = Shown("not_met" if reasons else "met", _("未达标") if reasons else _("达标"), reasons)
    return out


def standings_for(stations: Iterable) -> dict[int, Shown]:
    stations = list(stations)
    return (_provider or _record_only)(stations)
