"""The figures compliance rules need, with their defaults and where each default comes from.

A county overrides any of them as data (`RuleFigure` on the admin page). Where the repository's references
(`anchors.md` §2) give the figure, the default is that figure; where they do not, the default is ours and
says so — confirm it with the local 邮政管理局.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    default: int
    source: str


DEFAULTS: dict[str, Figure] = {
    "filing_days": Figure(20, "快递暂行条例 第19条：末端网点开办之日起20日内备案（anchors.md R6）"),
    "complaint_reply_days": Figure(7, "快递暂行条例 第29条：7日内告知处理结果（anchors.md R7），按自然日"),
    "complaint_business_days": Figure(0, "0 = 按自然日计；1 = 按工作日计（周一至周五，不含节假日）"),
    "fee_case_days": Figure(7, "本系统默认：收费举报7日内核实退费（参考资料未给出，待属地邮政管理局确认）"),
    "video_offline_minutes": Figure(30, "本系统默认：视频心跳超过30分钟视为离线（参考资料未给出）"),
    "inspection_interval_days": Figure(365, "本系统默认：超过一年未检查提醒复查（参考资料未给出）"),
}


def figure(key: str) -> int:
    """The county's figure for `key`: its `RuleFigure` row, else the stated default."""
    from jincun.compliance.models import RuleFigure

    row = RuleFigure.objects.filter(key=key).values_list("value", flat=True).first()
    return DEFAULTS[key].default if row is None else row
