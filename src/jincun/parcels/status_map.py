"""Our states mapped to the vocabularies brands and aggregators speak (conventions.md §2).

kuaidi100 `state` (0 在途, 1 揽收, 2 疑难, 3 签收, 4 退签, 5 派件, 6 退回, 14 拒签; advanced 501 投柜或驿站,
304 投柜或站签收, 303 代签), 快递鸟 `State`/`StateEx` (211 已放入快递柜或驿站, 311 驿站签收, 412 驿站超时未取,
404 拒收), Cainiao `logisticsStatus` (+ sub-status STA_INBOUND, AGENT_SIGN, SIGN).
"""

from __future__ import annotations

from jincun.parcels.choices import State as S

# state: (kuaidi100 state, kuaidi100 advanced, kdniao State, kdniao StateEx, cainiao status, cainiao sub)
TABLE: dict[str, tuple[str, str, str, str, str, str]] = {
    S.MANIFESTED: ("0", "", "0", "", "WAIT_ACCEPT", ""),
    S.AT_HUB: ("0", "1001", "2", "201", "TRANSPORT", "ON_THE_WAY"),
    S.SORTED: ("0", "1001", "2", "204", "TRANSPORT", "ON_THE_WAY"),
    S.TO_TOWN: ("0", "1003", "2", "2", "TRANSPORT", "ON_THE_WAY"),
    S.AT_TOWN: ("0", "1003", "2", "205", "TRANSPORT", "ON_THE_WAY"),
    S.TO_VILLAGE: ("5", "", "2", "202", "DELIVERING", ""),
    S.AT_STATION: ("5", "501", "2", "211", "DELIVERING", "STA_INBOUND"),
    S.AT_SERVICE_CENTER: ("5", "501", "2", "211", "DELIVERING", "STA_INBOUND"),
    S.WITH_PROXY: ("5", "", "2", "202", "DELIVERING", ""),
    S.TO_POSTAL: ("0", "1003", "2", "2", "TRANSPORT", "ON_THE_WAY"),
    S.ON_MAIL_ROUTE: ("5", "", "2", "202", "DELIVERING", ""),
    S.SIGNED: ("3", "301", "3", "301", "SIGN", "SIGN"),
    S.CREATED: ("1", "102", "10", "", "WAIT_ACCEPT", ""),
    S.COLLECTED: ("1", "103", "1", "", "ACCEPT", ""),
    S.TO_HUB: ("0", "1002", "2", "206", "TRANSPORT", "ON_THE_WAY"),
    S.HANDED_TO_BRAND: ("0", "1002", "2", "204", "TRANSPORT", "ON_THE_WAY"),
    S.PROBLEM: ("2", "", "4", "405", "FAILED", ""),
    S.REFUSED: ("14", "14", "4", "404", "FAILED", ""),
    S.OVERDUE: ("2", "", "4", "412", "FAILED", ""),
    S.RETURNING: ("6", "", "4", "407", "FAILED", ""),
    S.RETURNED: ("4", "", "4", "406", "FAILED", ""),
    S.LOST: ("2", "", "4", "405", "FAILED", ""),
}

# How a sign-off happened changes the signed codes: at a station/locker, or by someone else.
SIGNED_BY = {
    "station": ("3", "304", "3", "311", "SIGN", "SIGN"),
    "proxy": ("3", "303", "3", "304", "AGENT_SIGN", "AGENT_SIGN"),
}


def external_status(state: str, sign_type: str | None = None) -> dict:
    """The three vocabularies for `state`; `sign_type` (self/proxy/station) refines a sign-off."""
    row = TABLE.get(state, ("0", "", "2", "", "TRANSPORT", ""))
    if state == S.SIGNED and sign_type in SIGNED_BY:
        row = SIGNED_BY[sign_type]
    k100, k100_adv, kdn, kdn_ex, cn, cn_sub = row
    return {
        "kuaidi100_state": k100,
        "kuaidi100_state_ex": k100_adv or k100,
        "kdniao_state": kdn,
        "kdniao_state_ex": kdn_ex or kdn,
        "cainiao_status": cn,
        "cainiao_sub_status": cn_sub,
    }
