from hypothesis import given
from hypothesis import strategies as st

from jincun.core.masking import mask_id_number, mask_name, mask_phone, mask_phone_label


def test_label_mask_hides_at_least_six_digits():
    assert mask_phone_label("13012345666") == "130******66"
    assert mask_phone_label("138-1234-1234") == "138******34"


@given(st.text(alphabet="0123456789", min_size=7, max_size=15))
def test_label_mask_never_shows_more_than_len_minus_six(digits):
    masked = mask_phone_label(digits)
    assert masked.count("*") >= 6
    assert len(masked) == len(digits)


def test_screen_mask_shows_tail_only():
    assert mask_phone("13812341234") == "*******1234"


def test_names_keep_surname_and_hide_the_rest():
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧阳**"
    assert mask_name("李") == "*"


def test_id_number_masked():
    assert mask_id_number("370323199001011234") == "370*************34"
