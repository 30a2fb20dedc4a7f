"""Recording an inspection (checklist answered, photos, findings, fix deadline) and closing its finding."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jincun.compliance.checklist import checklist_for
from jincun.compliance.choices import InspectorKind
from jincun.compliance.models import Inspection, InspectionItem, InspectionPhoto

PHOTO_TYPES = {"image/jpeg", "image/png", "image/webp", "image/heic"}
MAX_PHOTO_BYTES = 8 * 1024 * 1024


class InspectionRefused(ValueError):
    """A reason in Chinese, shown to the inspector beside the form."""


def inspector_kind_of(user) -> str:
    return InspectorKind.REGULATOR if getattr(user, "role", "") == "regulator" else InspectorKind.OPERATOR


@transaction.atomic
def record_inspection(
    station, user, passed: set[str], *, notes=None, findings="", fix_by=None, photos=(), at=None
) -> Inspection:
    """Every checklist item of the station's kind is answered: passed when its code is in `passed`.
    A failed item needs a fix deadline on or after the inspection day; photos must be images."""
    at = at or timezone.now()
    items = checklist_for(station.kind)
    failed = [i for i in items if i.code not in passed]
    if failed and fix_by is None:
        raise InspectionRefused(_("有不合格项目，请填写整改期限"))
    if fix_by is not None and fix_by < timezone.localdate(at):
        raise InspectionRefused(_("整改期限不能早于检查日期"))
    for photo in photos:
        if getattr(photo, "content_type", "") not in PHOTO_TYPES:
            raise InspectionRefused(_("照片格式不支持：%(name)s") % {"name": photo.name})
        if photo.size > MAX_PHOTO_BYTES:
            raise InspectionRefused(_("照片太大（超过 8 MB）：%(name)s") % {"name": photo.name})
    inspection = Inspection.objects.create(
        station=station,
        inspector=user if getattr(user, "pk", None) else None,
        inspector_kind=inspector_kind_of(user),
        at=at,
        findings=findings.strip()[:4000],
        fix_by=fix_by if failed else None,
    )
    notes = notes or {}
    InspectionItem.objects.bulk_create(
        InspectionItem(
            inspection=inspection,
            code=i.code,
            text=i.text,
            passed=i.code in passed,
            note=str(notes.get(i.code, ""))[:200],
        )
        for i in items
    )
    for photo in photos:
        InspectionPhoto.objects.create(inspection=inspection, image=photo)
    return inspection


@transaction.atomic
def record_fix(inspection: Inspection, note: str, at: dt.datetime | None = None) -> Inspection:
    """The station fixed what the inspection found (the next inspection confirms it)."""
    if not note.strip():
        raise InspectionRefused(_("请说明整改情况"))
    inspection.fixed_at = at or timezone.now()
    inspection.fix_note = note.strip()[:300]
    inspection.save(update_fields=["fixed_at", "fix_note"])
    return inspection
