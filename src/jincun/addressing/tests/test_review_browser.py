import pytest

from jincun.addressing.models import Alias
from jincun.addressing.resolver import resolve
from jincun.addressing.review import queue_for_review
from jincun.core.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_operator_resolves_a_group_on_the_review_page(page, browser_login, live_server):
    for ref, address in (("w1", "沂源县鲁村镇下河崖3组"), ("w2", "鲁村镇下河崖12号"), ("w3", "沂源县王庄")):
        queue_for_review(address, resolve(address), ref=ref)
    browser_login(page, User.objects.create_user("hubop", role="hub_operator"))
    page.goto(f"{live_server.url}/addressing/review/")
    page.wait_for_selector("#review-map canvas")
    group = page.locator("section.review-group", has_text="下河崖")
    group.locator("select[name=area_code]").select_option("370323102281")
    group.locator("button[type=submit]").click()
    page.wait_for_selector(".messages")
    assert "2 件已解析" in page.inner_text(".messages")
    assert Alias.objects.filter(text="下河崖", area_id="370323102281").exists()
    assert page.locator("section.review-group", has_text="下河崖").count() == 0
    wangzhuang = page.locator("section.review-group", has_text="王庄")
    assert wangzhuang.locator("input[type=radio]").count() == 2  # the resolver's two namesakes
