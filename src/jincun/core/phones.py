"""Phone numbers as people write them on a counter form or a brand manifest: a Chinese mobile or landline
(with +86, spaces, dashes, an extension), checked with libphonenumber (phonenumberslite)."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers


@lru_cache(maxsize=65_536)  # a batch checks the same senders' numbers again and again (0.3 ms a parse)
def phone_valid(text: str, region: str = "CN") -> bool:
    """True for a number that can exist in `region` (default China), as typed; "abc" or "123" is not."""
    text = (text or "").strip()
    if not text or sum(c.isdigit() for c in text) < 7:
        return False
    if len(text) == 11 and text.isdigit() and _mobile(region).fullmatch(text):
        return True  # a plain mobile number matching the library's own pattern is valid: no parse (60 µs)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(number)


@lru_cache(maxsize=8)
def _mobile(region: str) -> re.Pattern:
    """libphonenumber's pattern of `region`'s mobile numbers (national form), from its metadata; a number that
    matches it is valid (it falls within the region's general pattern), one that does not is parsed."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    pattern = metadata.mobile.national_number_pattern if metadata and metadata.mobile else None
    return re.compile(pattern or r"(?!)")
