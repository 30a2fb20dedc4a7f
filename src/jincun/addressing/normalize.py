"""Address text normalization: what a waybill writer adds around the place name is taken away.

`normalize` promises: fullwidth characters become halfwidth (NFKC), every run of whitespace or punctuation
becomes one space (a word boundary the gazetteer scan never crosses), phone numbers, labelled names, polite
forms (张先生, 王女士), extension words (转), landmarks (小卖部, 村东头, 卫生室北邻) and house numbers (12号,
3组, 2排5号) are removed, and a digit right before 村 is written as a Chinese numeral (鲁村3村 → 鲁村三村).
The result is idempotent: normalizing it again changes nothing.
"""

from __future__ import annotations

import re
import unicodedata

NUMERALS = "零一二三四五六七八九十"
FORMAL_NUMERALS = str.maketrans("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")

_PHONE = re.compile(
    r"(?:\+?86[-\s]?)?1[3-9]\d(?:[\s\-*xX]?[\d*xX]){8}"  # mobiles, also masked 138****5678
    r"|0\d{2,3}-?\d{7,8}(?:-\d{1,5})?"  # landlines with area code
    r"|(?<!\d)\d{7,8}(?!\d)"  # bare local landline numbers
)
_LABELS = re.compile(
    r"(?:收件人|收货人|联系人|收件|姓名|收)[:：]?\s*[\u4e00-\u9fff]{2,3}(?=[\s,，;；:：]|$|电话|手机|\d)"
    r"|(?:电话|手机|联系电话|手机号|tel|phone|收货地址|收件地址|详细地址|地址)[:：]?",
    re.IGNORECASE,
)
_POLITE = re.compile(r"[\u4e00-\u9fff](?:先生|女士|小姐|老师|师傅|大爷|大娘|阿姨)(?:收)?")
_EXTENSION = re.compile(r"转\d*|分机\d*")
_LANDMARKS = re.compile(
    r"(?:小卖部|小卖铺|超市|商店|卫生室|卫生所|诊所|饭店|学校|小学|幼儿园|加油站|代收点|快递点|驿站)"
    r"(?:[东西南北]邻|旁边?|对面|附近|门口|[东西南北]侧)?"
    r"|(?<=委会)(?:旁边?|对面|附近|门口|[东西南北]\d+米|[东西南北]侧|[东西南北]邻)"
    r"|(?<![\u4e00-\u9fff])村委会?(?:旁边?|对面|附近|门口|[东西南北]\d+米|[东西南北]侧|[东西南北]邻)?"
    r"|(?<=村)村?[东西南北](?:首|头|边|侧)|(?<![山村])[东西南北]头|(?<!村)[东西南北](?:首|边|侧)|[东西南北]邻|[东西南北]\d+米|旁边|对面|附近|门口|路口"
    r"|(?<=[镇乡])[镇乡]政府|政府|驻地"
)
_STREETS = re.compile(r"(?:中心|商贸|政府|文化|幸福|人民|[东西南北中前后新])(?:大街|街|路|巷)")
_HOUSE = re.compile(
    r"\d+(?:-\d+)*(?:号楼|单元|号院|号|组|排|队|户|栋|幢|楼|室|层|巷|弄|米)"
    r"|[一二三四五六七八九十]+(?:组|排|队)"
)
_DIGIT_VILLAGE = re.compile(r"(?<!\d)(\d{1,2})(?=村)")
_SEPARATORS = re.compile(r"[\s\W_]+", re.UNICODE)


def _numeral(match: re.Match) -> str:
    n = int(match.group(1))
    if n <= 10:
        return NUMERALS[n]
    return ("" if n < 20 else NUMERALS[n // 10]) + "十" + (NUMERALS[n % 10] if n % 10 else "")


def normalize(text: str) -> str:
    """Return the place-name part of an address as one line: see the module docstring for the promise."""
    if not text:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(FORMAL_NUMERALS)
    s = _PHONE.sub(" ", s)
    s = _LABELS.sub(" ", s)
    s = _POLITE.sub(" ", s)
    s = _EXTENSION.sub(" ", s)
    s = _DIGIT_VILLAGE.sub(_numeral, s)
    s = _LANDMARKS.sub(" ", s)
    s = _HOUSE.sub(" ", s)
    s = _STREETS.sub(" ", s)
    s = _SEPARATORS.sub(" ", s)
    s = s.strip()
    return s if s == normalize_once_more(s) else normalize(s)


def normalize_once_more(s: str) -> str:
    """One more pass over an already cleaned string (removal can join text into a new removable word)."""
    t = _LANDMARKS.sub(" ", s)
    t = _HOUSE.sub(" ", t)
    t = _STREETS.sub(" ", t)
    t = _POLITE.sub(" ", t)
    return _SEPARATORS.sub(" ", t).strip()
