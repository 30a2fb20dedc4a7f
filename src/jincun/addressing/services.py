"""Addressing actions: aliases (add, import, export) and batch resolution.

Each write is one transaction; an alias change makes the next `get_gazetteer` call rebuild the automaton.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from django.db import transaction
from django.utils.translation import gettext as _

from jincun.addressing.choices import AliasSource
from jincun.addressing.models import Alias
from jincun.addressing.normalize import normalize
from jincun.core.exports import safe_writer
from jincun.core.imports import ImportReport, RowError
from jincun.network.choices import AreaLevel
from jincun.network.models import AdminArea

ALIAS_COLUMNS = ["alias", "code", "source", "note"]


class AliasRefused(ValueError):
    """The alias cannot be saved; the message says why (shown to the operator)."""


def area_for_code(code: str) -> AdminArea:
    """A town (9 or 12 digits) or village unit (12 digits) by its code."""
    code = (code or "").strip()
    if len(code) == 9 and code.isdigit():
        code += "000"
    area = AdminArea.objects.filter(code=code).exclude(level=AreaLevel.COUNTY).first()
    if area is None:
        raise AliasRefused(_("区划代码 %(code)s 不是已知的镇或村") % {"code": code or _("（空）")})
    return area


@transaction.atomic
def add_alias(
    text: str, area: AdminArea, source: str = AliasSource.OPERATOR, user=None, note: str = ""
) -> tuple[Alias, bool]:
    """Save `text` (normalized) as another name of `area`. Returns (alias, created)."""
    key = normalize(text).replace(" ", "")
    if len(key) < 2:
        raise AliasRefused(_("别名至少两个字"))
    if len(key) > 64:
        raise AliasRefused(_("别名太长（最多 64 字）"))
    if area.level == AreaLevel.COUNTY:
        raise AliasRefused(_("别名只能指向镇或村"))
    alias, created = Alias.objects.get_or_create(
        text=key, area=area, defaults={"source": source, "created_by": user, "note": note[:200]}
    )
    return alias, created


def import_aliases(rows: Iterable[tuple[int, dict[str, str]]], user=None) -> ImportReport:
    """Rows with columns alias,code[,source,note]: each saved on its own; a bad row is refused with its line."""
    report = ImportReport()
    for line, row in rows:
        source = (row.get("source") or AliasSource.IMPORTED).strip()
        if source not in AliasSource.values:
            report.errors.append(
                RowError(
                    line,
                    _("来源 %(source)s 无效（%(allowed)s）")
                    % {"source": source, "allowed": "/".join(AliasSource.values)},
                    row.get("alias", ""),
                )
            )
            continue
        try:
            created = add_alias(
                row.get("alias", ""), area_for_code(row.get("code", "")), source, user, row.get("note") or ""
            )[1]
        except AliasRefused as exc:
            report.errors.append(RowError(line, str(exc), row.get("alias", "")))
            continue
        if created:
            report.created += 1
        else:
            report.unchanged += 1
    return report


def export_aliases(out: TextIO) -> int:
    """Write every alias as CSV (the import format, plus area name and who/when). Returns the row count."""
    writer = safe_writer(out)
    writer.writerow([*ALIAS_COLUMNS, "area_name", "created_by", "created_at"])
    n = 0
    for alias in Alias.objects.select_related("area", "created_by").order_by("text", "area__code"):
        writer.writerow(
            [
                alias.text,
                alias.area.code,
                alias.source,
                alias.note,
                alias.area.name,
                alias.created_by.get_username() if alias.created_by else "",
                alias.created_at.isoformat(),
            ]
        )
        n += 1
    return n
