"""Change history (django-simple-history rows) shaped for pages: who, when, and what changed.

Diffs are computed between consecutive records already in memory, so a history of any length costs one
query per model. Personal fields are shown masked, and hidden from viewers who may not see personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jincun.core.masking import mask_name, mask_phone

PERSONAL_FIELDS = {"keeper_name", "keeper_phone"}
SKIPPED_FIELDS = {"id"}
KIND_TEXT = {"+": gettext_lazy("新建"), "~": gettext_lazy("修改"), "-": gettext_lazy("删除")}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class ChangeRow:
    when: object
    who: str
    kind: str
    subject: str
    changes: list[Change] = field(default_factory=list)


def _text(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _shown(model_field, name: str, value, personal_data: bool) -> str:
    """Personal fields: hidden from viewers without personal data, masked for the others (whole only
    through the audited unmask)."""
    if name not in PERSONAL_FIELDS:
        return _text(model_field, value)
    if not personal_data:
        return _("（已隐藏）")
    masked = mask_phone(value or "") if name.endswith("phone") else mask_name(value or "")
    return masked or "—"


def change_rows(records, personal_data: bool, subject=str, limit: int = 50) -> list[ChangeRow]:
    """`records`: historical rows of one or more objects (any order); newest first in the result."""
    records = sorted(records, key=lambda r: (r.history_date, r.history_id))
    previous: dict = {}
    rows = []
    for record in records:
        model = record.instance_type
        key = (model, getattr(record, model._meta.pk.attname))
        row = ChangeRow(
            when=record.history_date,
            who=str(record.history_user) if record.history_user_id else _("系统"),
            kind=str(KIND_TEXT.get(record.history_type, record.history_type)),
            subject=subject(record),
        )
        before = previous.get(key)
        if before is not None and record.history_type == "~":
            for change in record.diff_against(before, foreign_keys_are_objs=True).changes:
                if change.field in SKIPPED_FIELDS:
                    continue
                model_field = model._meta.get_field(change.field)
                row.changes.append(
                    Change(
                        str(model_field.verbose_name),
                        _shown(model_field, change.field, change.old, personal_data),
                        _shown(model_field, change.field, change.new, personal_data),
                    )
                )
            if not row.changes:
                continue
        previous[key] = record
        rows.append(row)
    rows.reverse()
    return rows[:limit]
