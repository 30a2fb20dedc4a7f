"""The columns of a station table (CSV/XLSX) and how each cell is read.

Headers may be the English names below or their Chinese labels; kind and status accept the code or a Chinese
label (`电商服务站`, `运营` …). An empty cell means "not given": a new station gets the default, an existing one
keeps its stored value. Parsing only reads one cell; rules between fields live in `services/stations.py`.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from jincun.core.imports import TableError, listed
from jincun.network.choices import StationKind, StationStatus

# column, Chinese header, what it holds — the template CSV and the docs are generated from this list.
COLUMNS = [
    ("code", "站点编码", "unique code of the station (required)"),
    ("name", "站点名称", "name (required for a new station)"),
    ("village_code", "村代码", "12-digit code of the village unit (required for a new station)"),
    ("village_name", "村名", "optional: the village unit's name, checked against village_code"),
    ("town_code", "镇代码", "optional: 9- or 12-digit town code, checked against the village's town"),
    (
        "kind",
        "类型",
        "shop / ecommerce / post_point / dedicated, or 商超便利店 / 电商服务站 / 邮政网点 / 快递专营站",
    ),
    ("keeper_name", "负责人", "the named person responsible (专人负责收派)"),
    ("keeper_phone", "负责人电话", "mobile (11 digits, 1…) or landline (0533-1234567)"),
    ("opens_at", "营业开始", "HH:MM"),
    ("closes_at", "营业结束", "HH:MM, after opens_at"),
    ("hours_note", "营业时间说明", "free text"),
    ("shelves", "货架数", "1–50"),
    ("layers", "每架层数", "1–20"),
    ("cameras", "摄像头数", "0–64"),
    ("video_platform", "视频接入平台", "platform the cameras are connected to"),
    ("filing_number", "备案号", "末端网点备案号"),
    ("filed_on", "备案日期", "YYYY-MM-DD"),
    ("status", "状态", "planned / active / suspended / closed, or 筹建 / 运营 / 暂停 / 关闭"),
    ("opened_on", "启用日期", "YYYY-MM-DD (required when active)"),
    ("suspended_on", "暂停日期", "YYYY-MM-DD"),
    ("closed_on", "关闭日期", "YYYY-MM-DD (required when closed)"),
    ("lat", "纬度", "WGS-84 latitude, inside the county"),
    ("lon", "经度", "WGS-84 longitude, inside the county"),
    ("address", "地址", "free text"),
]
HEADER_ALIASES = {zh: en for en, zh, _ in COLUMNS} | {
    "编码": "code",
    "名称": "name",
    "村级代码": "village_code",
    "村统计代码": "village_code",
    "电话": "keeper_phone",
    "层数": "layers",
}
TEXT = {"code", "name", "village_code", "village_name", "town_code", "keeper_name", "hours_note", "video_platform",
        "filing_number", "address"}  # fmt: skip
TIMES = {"opens_at", "closes_at"}
DATES = {"filed_on", "opened_on", "suspended_on", "closed_on"}
COUNTS = {"shelves": (1, 50), "layers": (1, 20), "cameras": (0, 64)}
KIND_ALIASES = {str(k.label): k.value for k in StationKind} | {
    "商超": "shop", "超市": "shop", "便利店": "shop", "小卖部": "shop", "电商": "ecommerce", "电商站": "ecommerce",
    "邮政": "post_point", "邮政网点": "post_point", "邮乐购": "post_point", "专营站": "dedicated",
    "快递专营": "dedicated", "快递服务站": "dedicated",
}  # fmt: skip
STATUS_ALIASES = {str(s.label): s.value for s in StationStatus} | {
    "营业": "active", "正常": "active", "停业": "suspended", "撤销": "closed", "注销": "closed", "规划": "planned",
}  # fmt: skip
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,31}$")


class CellError(ValueError):
    """One cell cannot be read; the message names the column and the value."""


def canonical_row(row: dict[str, str]) -> dict[str, str]:
    """Map Chinese headers onto column names; unknown columns are ignored."""
    known = {c for c, _, _ in COLUMNS}
    out = {}
    for header, value in row.items():
        name = HEADER_ALIASES.get(header, header.strip().lower())
        if name in known:
            out[name] = (value or "").strip()
    return out


def require_station_columns(rows: list[tuple[int, dict[str, str]]]) -> None:
    """Refuse the whole table when its header has no station code column: every row would be refused alike,
    so one line saying which column is missing helps more than a reason per row."""
    if rows and "code" not in canonical_row(rows[0][1]):
        raise TableError(_("缺少列：code（站点编码）"))


def parse_row(row: dict[str, str]) -> dict:
    """Typed values for the non-empty cells of one row. Raises CellError for the first unreadable cell."""
    values: dict = {}
    for column, raw in canonical_row(row).items():
        if raw == "":
            continue
        values[column] = parse_cell(column, raw)
    return values


def parse_cell(column: str, raw: str):
    if column in TEXT:
        return raw
    if column == "kind":
        return _choice(raw, StationKind, KIND_ALIASES, _("未知类型 %(value)s；可用：%(allowed)s"))
    if column == "status":
        return _choice(raw, StationStatus, STATUS_ALIASES, _("未知状态 %(value)s；可用：%(allowed)s"))
    if column in TIMES:
        return parse_time(raw, column)
    if column in DATES:
        return parse_date(raw, column)
    if column in COUNTS:
        try:
            number = float(raw)
        except ValueError:
            raise CellError(
                _("%(column)s 应为整数，而不是 %(value)s") % {"column": column, "value": repr(raw)}
            ) from None
        if not number.is_integer():
            raise CellError(
                _("%(column)s 应为整数，而不是 %(value)s") % {"column": column, "value": repr(raw)}
            )
        return int(number)
    if column == "keeper_phone":
        return parse_phone(raw)
    if column in ("lat", "lon"):
        try:
            return float(raw)
        except ValueError:
            raise CellError(
                _("%(column)s 坐标无法识别：%(value)s") % {"column": column, "value": repr(raw)}
            ) from None
    raise CellError(_("未知列 %(column)s") % {"column": column})


def _choice(raw, choices, aliases, refusal):
    if raw in choices.values:
        return raw
    if raw.lower() in choices.values:
        return raw.lower()
    if raw in aliases:
        return aliases[raw]
    allowed = listed(_("%(value)s（%(label)s）") % {"value": c.value, "label": c.label} for c in choices)
    raise CellError(refusal % {"value": repr(raw), "allowed": allowed})


def parse_time(raw: str, column: str = "time") -> dt.time:
    match = re.match(r"^(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?$", raw.strip())
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return dt.time(int(match[1]), int(match[2]))
    raise CellError(_("%(column)s 时间应为 HH:MM，而不是 %(value)s") % {"column": column, "value": repr(raw)})


def parse_date(raw: str, column: str = "date") -> dt.date:
    text = raw.strip()[:10] if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", raw.strip()) else raw.strip()
    for pattern in (r"^(\d{4})-(\d{1,2})-(\d{1,2})$", r"^(\d{4})/(\d{1,2})/(\d{1,2})$",
                    r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$", r"^(\d{4})(\d{2})(\d{2})$",
                    r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"):  # fmt: skip
        match = re.match(pattern, text)
        if match:
            try:
                return dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                break
    raise CellError(
        _("%(column)s 日期应为 YYYY-MM-DD，而不是 %(value)s") % {"column": column, "value": repr(raw)}
    )


def parse_phone(raw: str) -> str:
    phone = re.sub(r"[\s()（）]", "", raw)
    if phone.startswith("+86"):
        phone = phone[3:]
    if MOBILE_RE.match(phone) or LANDLINE_RE.match(phone):
        return phone
    raise CellError(
        _("电话号码无法识别：%(value)s（手机 11 位，或固话 0533-1234567）") % {"value": repr(raw)}
    )


def template_csv() -> str:
    """A CSV with the Chinese headers and one example row, for people filling the table by hand."""
    example = {
        "code": "ST-370323102201", "name": "示例村便民超市快递服务站", "village_code": "370323102201",
        "kind": "商超便利店", "keeper_name": "王建国", "keeper_phone": "13800001234", "opens_at": "08:00",
        "closes_at": "20:00", "shelves": "3", "layers": "4", "cameras": "2", "video_platform": "县快递安全监管视频平台",
        "filing_number": "鲁邮备370323-2020-001", "filed_on": "2020-05-10", "status": "运营", "opened_on": "2020-05-01",
    }  # fmt: skip
    header = ",".join(zh for _, zh, _ in COLUMNS)
    line = ",".join(example.get(c, "") for c, _, _ in COLUMNS)
    return "\ufeff" + header + "\n" + line + "\n"
