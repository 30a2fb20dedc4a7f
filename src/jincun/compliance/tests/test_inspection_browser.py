"""An inspection recorded on a phone (390×844): the regulator opens the station, taps each checklist item,
attaches a photo from the camera input, sets a fix deadline, submits; the station now falls short with the
failed item as the reason, and the form never needs a sideways scroll."""

import datetime as dt
import struct
import zlib

import pytest
from django.urls import reverse
from django.utils import timezone

from jincun.compliance.models import Inspection
from jincun.network.tests.factories import StationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tiny_png(path):
    raw = b"\x00\xff\x00\x00"

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


def test_inspection_on_a_phone(live_server, page, browser_login, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    station = StationFactory(code="S-PHONE", video_heartbeat_at=timezone.now() + dt.timedelta(hours=1))
    regulator = UserFactory(username="inspector", role="regulator")
    page.set_viewport_size({"width": 390, "height": 844})
    browser_login(page, regulator)
    page.goto(live_server.url + reverse("compliance:inspect", args=[station.code]))
    items = page.locator("fieldset.check-item")
    assert items.count() >= 9
    for i in range(items.count()):
        items.nth(i).locator("input[value=pass]").check()
    fire = page.locator("fieldset.check-item", has_text="消防器材")
    fire.locator("input[value=fail]").check()
    fire.locator("input[name=note_fire]").fill("灭火器过期")
    page.fill("textarea[name=findings]", "灭火器过期，需更换")
    page.fill("input[name=fix_by]", (timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.set_input_files("input[name=photos]", str(tiny_png(tmp_path / "fire.png")))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    tap = page.locator("button[type=submit].primary").bounding_box()
    assert tap["height"] >= 44  # a thumb can hit it
    page.screenshot(path="/tmp/h14-inspection-form.png", full_page=True)
    page.click("button[type=submit].primary")
    page.wait_for_url("**/compliance/inspections/*/")
    assert "✘ 消防器材齐全有效 · 灭火器过期" in page.locator("ul.checklist").inner_text()
    inspection = Inspection.objects.get()
    assert inspection.photos.count() == 1 and inspection.inspector == regulator
    page.goto(live_server.url + reverse("compliance:station", args=[station.code]))
    assert "检查未通过：消防器材齐全有效" in page.locator(".standing").inner_text()
    page.screenshot(path=str(tmp_path / "inspection-station.png"), full_page=True)
