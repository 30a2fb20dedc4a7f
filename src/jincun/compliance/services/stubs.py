"""Waybill-stub destruction log (anchors.md R5): batches destroyed, by whom, when, with a witness."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.compliance.models import StubDestruction


class StubRefused(ValueError):
    pass


def record_destruction(
    user, *, place: str, batch: str, count: int, method: str, witness: str, on: dt.date | None = None
) -> StubDestruction:
    on = on or timezone.localdate()
    if count <= 0:
        raise StubRefused(_("数量须大于 0"))
    if not witness.strip():
        raise StubRefused(_("须登记监销人"))
    if witness.strip() == str(user):
        raise StubRefused(_("监销人不能是销毁人本人"))
    if on > timezone.localdate():
        raise StubRefused(_("销毁日期不能晚于今天"))
    if not (place.strip() and batch.strip() and method.strip()):
        raise StubRefused(_("请填写地点、批次和销毁方式"))
    return StubDestruction.objects.create(
        place=place.strip()[:64],
        batch=batch.strip()[:200],
        count=count,
        method=method.strip()[:64],
        destroyed_on=on,
        destroyed_by=user if getattr(user, "pk", None) else None,
        witness=witness.strip()[:64],
    )
