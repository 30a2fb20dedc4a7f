import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jincun.core.phones import phone_valid


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("13800138000", True),
        ("+86 138 0013 8000", True),
        ("0533-3221234", True),  # a Zibo landline with its area code
        ("15412345678", False),  # 154 is not a mobile prefix
        ("12345678901", False),
        ("123", False),
        ("abc", False),
        ("", False),
    ],
)
def test_phone_valid(text, valid):
    assert phone_valid(text) is valid


@given(st.from_regex(r"1[0-9]{10}", fullmatch=True))
def test_plain_mobile_numbers_agree_with_the_full_parse(text):
    """The fast path for 11 plain digits says what libphonenumber's parse and validation say."""
    assert phone_valid.__wrapped__(text) == phonenumbers.is_valid_number(phonenumbers.parse(text, "CN"))
