"""Place words as a pinyin keyboard types them: a homophone where 镇, 街道, 村委会 or 居委会 belongs (鲁村真,
南麻接到, 存委会, 村委汇), or in a town's name before its place word (男麻街道).

`repair(gaz, text)` puts the right characters back and returns the text (unchanged when nothing sounds
like a place word). The resolver tries it only when the text as written resolved to no village, and keeps
its answer only when that is one village, so what resolved before is never changed.
"""

from __future__ import annotations

from functools import cache

from pypinyin import lazy_pinyin

from jincun.addressing.gazetteer import Gazetteer, town_forms

# Village marks by their toneless pinyin; any three characters that sound like one are that mark.
MARKS = {"cunweihui": "村委会", "juweihui": "居委会"}
TOWN_WORDS = {"zhen": "镇", "jiedao": "街道"}


@cache
def _sound(ch: str) -> str:
    return lazy_pinyin(ch)[0] if "\u4e00" <= ch <= "\u9fff" else ""


def _sounds(text: str) -> str:
    parts = [_sound(ch) for ch in text]
    return "" if not all(parts) else "".join(parts)


def _town_shorts(gaz: Gazetteer) -> dict[str, tuple[str, str]]:
    """toneless pinyin of a town's short form → (short form, its place word 镇/街道)."""
    out = {}
    for name in gaz.towns.values():
        short = town_forms(name)[1]
        if short:
            out[_sounds(short)] = (short, name[len(short) :])
    return out


def repair(gaz: Gazetteer, text: str) -> str:
    """The text with homophone place words (and a homophone town name before one) put right."""
    s = _repair_marks(text)
    return _repair_towns(gaz, s)


def _repair_marks(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        window = s[i : i + 3]
        mark = MARKS.get(_sounds(window)) if len(window) == 3 else None
        if mark:
            out.append(mark)
            i += 3
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def _repair_towns(gaz: Gazetteer, s: str) -> str:
    """`X` + a word sounding like 镇/街道, where X sounds like a town's short form: the town's own spelling."""
    shorts = _town_shorts(gaz)
    i = 0
    while i < len(s):
        for size in (3, 2):
            x = s[i : i + size]
            found = shorts.get(_sounds(x)) if len(x) == size else None
            if not found:
                continue
            short, word = found
            typed = s[i + size : i + size + len(word)]
            if typed != word and _sounds(typed) == _sounds(word):
                s = s[:i] + short + word + s[i + size + len(word) :]
                i += len(short) + len(word) - 1
                break
            if typed == word and x != short:
                s = s[:i] + short + s[i + size :]
                break
        i += 1
    return s
