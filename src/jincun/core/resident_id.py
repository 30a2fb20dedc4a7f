"""居民身份证 numbers (GB 11643-1999): 17 digits and a check character computed from them (ISO 7064 MOD 11-2)."""

from __future__ import annotations

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_character(first17: str) -> str:
    """The 18th character for these 17 digits."""
    return _CHECK[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def resident_id_valid(number: str) -> bool:
    """An 18-character 居民身份证 number whose last character is the GB 11643 check character."""
    number = (number or "").strip().upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    return check_character(number[:17]) == number[17]
