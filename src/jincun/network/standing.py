"""Where the station pages get each station's full standing (record, live signals, inspections).

The standing is computed in one place, `jincun.compliance.services.standing`, which sits above network:
network must not import it, so compliance registers its function here when it loads (`AppConfig.ready`)
and the station pages call `standings_for(stations)`. Without compliance installed the pages fall back to
the record-only check (`network.standard`), with its reasons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from jincun.network import standard


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
        reasons = [(_("未达到：%s") % label, True) for label, ok in standard.checklist(s) if not ok]
        out[s.pk] = Shown("not_met" if reasons else "met", _("未达标") if reasons else _("达标"), reasons)
    return out


def standings_for(stations: Iterable) -> dict[int, Shown]:
    stations = list(stations)
    return (_provider or _record_only)(stations)


def narrow_by_standing(qs, standard: str):
    """(queryset narrowed to `standard` — "met" (达标, warnings included) / "not_met" / "" for all —, how
    many of the result meet the standard, and the standing per station pk), by the same standing the pages
    show, so a list's count, its filter and its badges agree."""
    from jincun.network.models import Station

    everything = Station.objects.filter(pk__in=qs.order_by().values("pk"))
    shown = standings_for(everything)
    met = {pk for pk, s in shown.items() if s.standing != "not_met"}
    if standard == "met":
        return qs.filter(pk__in=met), len(met), shown
    if standard == "not_met":
        return qs.exclude(pk__in=met), 0, shown
    return qs, len(met), shown
