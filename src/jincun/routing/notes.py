"""The notes a plan stores for display (why a stop is unserved, the plan's problems, the season note, where its
distances came from) stay stored in Chinese, exactly as before, and are put into the reader's language when
shown. A fixed note is a `gettext_noop` msgid; a note with values is made by `note()` from one of `TEMPLATES`,
and `shown()` finds the template a stored note came from and translates it with the same values. A note no
template matches (an older wording) is shown as stored.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext, gettext_noop

TRUNK = gettext_noop("干线：%(reason)s")
LOCK_MISSED = gettext_noop("锁定点 %(key)s 未在锁定车辆上")
SEASON_USED = gettext_noop("常备车辆运力不足：今日用季节租用车辆 %(used)s 辆")
SEASON_MORE = gettext_noop("常备车辆运力不足：今日用季节租用车辆 %(used)s 辆，仍需再租约 %(more)s 辆")
STRAIGHT_LINE = gettext_noop("直线距离×%(factor)s（county %(county)s km/h, village %(village)s km/h）")
OSRM_FALLBACK = gettext_noop("%(source)s；OSRM 不可用（%(error)s），已回退")
TEMPLATES = [TRUNK, LOCK_MISSED, SEASON_USED, SEASON_MORE, STRAIGHT_LINE, OSRM_FALLBACK]
NESTED = {"reason", "source"}  # values that are notes themselves


def note(template: str, **values) -> str:
    """The stored (Chinese) text of `template` with `values`."""
    return template % values


def shown(text: str) -> str:
    """A stored note in the active language."""
    if not text:
        return text
    translated = gettext(text)
    if translated != text:
        return translated
    for pattern, template in _patterns():
        match = pattern.match(text)
        if match:
            values = {k: shown(v) if k in NESTED else v for k, v in match.groupdict().items()}
            return gettext(template) % values
    return text


@cache
def _patterns() -> list[tuple[re.Pattern, str]]:
    """One anchored pattern per template, the one with the most fixed text first (so the season note with
    "仍需再租约" is not read as the shorter one)."""
    out = []
    for template in TEMPLATES:
        parts = re.split(r"%\((\w+)\)s", template)
        regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        fixed = sum(len(p) for p in parts[::2])
        out.append((fixed, re.compile(f"^{regex}$", re.S), template))
    return [(pattern, template) for _, pattern, template in sorted(out, key=lambda x: -x[0])]
