"""The masking crawl: every page, export, label, SMS and API answer that can carry a parcel, a keeper or a
complainant with a known phone number, as every role, never shows the middle digits (or the given name)
unless an authorised role unmasked it on purpose — and then the unmask is in the audit log.

URLs are discovered from the URL conf (pages, exports, PDFs, API GETs), so pages other apps add are crawled
too; path arguments are filled from the objects built here. Each answer is read as text, XLSX cells or PDF
text (`pdftotext`), whichever it is.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from jincun.compliance.services.complaints import receive_complaint
from jincun.compliance.services.inspections import record_inspection
from jincun.core import worker_health
from jincun.core.choices import Role
from jincun.core.models import UnmaskLog
from jincun.parcels.models import HandoverList, Parcel, SmsMessage
from jincun.web.tests.county import build_county
from jincun.web.tests.steps import load_run, push, scan, to_station, to_town

RECIPIENT, RECIPIENT_NAME = "13847296153", "张三丰"
KEEPER, KEEPER_NAME = "15938271640", "李守站"
COMPLAINANT = "17760391825"
PHONES = (RECIPIENT, KEEPER, COMPLAINANT)
GIVEN_NAMES = ("三丰", "守站")
SKIP_PREFIXES = ("/admin/", "/logout/", "/i18n/", "/unmask/", "/static/", "/api/v1/docs", "/api/v1/openapi")
MAX_URLS_PER_PATTERN = 4


def leaks(text: str) -> list[str]:
    """Whole phones, or any run of ≥5 of their digits (the middle), or a given name."""
    found = [p for p in PHONES if p in text]
    runs = re.findall(r"\d{5,}", text)
    found += [r for r in runs if any(r in p for p in PHONES)]
    found += [n for n in GIVEN_NAMES if n in text]
    return found


def readable(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    if "pdf" in kind:
        assert shutil.which("pdftotext"), "pdftotext (poppler-utils) reads the PDFs"
        return subprocess.run(
            ["pdftotext", "-", "-"], input=body, capture_output=True, check=True
        ).stdout.decode()
    return body.decode("utf-8", "replace")


def patterns(resolvers=None, prefix=""):
    """(route text, [converter names]) for every URL pattern, walking includes."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            yield prefix + route


def fill(route: str, values: dict) -> list[str]:
    """Concrete paths for a route (`stations/<str:code>/`), trying the candidate values of each argument."""
    if route.startswith("^") or "(?P" in route:
        return []  # regex routes: the admin and static files only
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    choices = [values.get(n, []) for n in names]
    if any(not c for c in choices):
        return []
    paths = []
    for combo in itertools.islice(itertools.product(*choices), MAX_URLS_PER_PATTERN):
        path = route
        for name, value in zip(names, combo, strict=True):
            path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path, count=1)
        paths.append("/" + path)
    return paths


@pytest.fixture
def county(db):
    county = build_county()
    county.station.keeper_phone, county.station.keeper_name = KEEPER, KEEPER_NAME
    county.station.save()
    push(county, "TB0000000001", county.station_village, phone=RECIPIENT, name=RECIPIENT_NAME)
    # Another recipient, who gave no consent (the first one's standing consent covers the village).
    push(
        county, "TB0000000002", county.station_village, phone=COMPLAINANT, name=RECIPIENT_NAME, consent=False
    )
    push(county, "TB0000000003", county.proxy_village, phone=RECIPIENT, name=RECIPIENT_NAME)
    county.pickup = to_station(county, "TB0000000001")
    to_town(county, "TB0000000002")  # no consent: on the door-delivery list
    load_run(county.town_client(), reverse("web:town_load"), county.station.code, "TB0000000002")
    door = scan(county.station_client(), reverse("web:station_shelve"), "TB0000000002")
    assert "送货上门" in door and "*******1825" in door and not leaks(door)
    to_town(county, "TB0000000003")
    county.complaint = receive_complaint(
        channel="phone", category="delay", text="快件延误三天", contact_phone=COMPLAINANT, contact_name="赵守信",
        waybill="TB0000000001",
    )  # fmt: skip
    county.inspection = record_inspection(county.station, None, {"keeper"}, fix_by=timezone.localdate())
    return county


def clients(county) -> dict[str, Client]:
    made = {
        Role.ADMIN: county.client("admin"),
        Role.REGULATOR: county.client("regulator"),
        Role.HUB_OPERATOR: county.hub_client(),
        Role.TOWN_OPERATOR: county.town_client(),
        Role.STATION_KEEPER: county.station_client(),
        Role.VILLAGE_PROXY: county.proxy_client(),
        Role.BRAND_USER: county.client("brand_user", brand=county.brand),
        Role.ACCOUNTANT: county.client("accountant"),
        "anonymous": Client(),
        "brand_token": Client(HTTP_AUTHORIZATION=f"Bearer {county.brand_key}"),
    }
    assert set(Role.values) <= set(made), "every role is crawled"
    return made


def url_values(county) -> dict:
    parcel = Parcel.objects.get(waybill="TB0000000001")
    handovers = list(HandoverList.objects.order_by("pk").values_list("pk", flat=True))
    return {
        "code": [county.station.code, county.station_village.code, county.node.code, county.hub.code],
        "pk": [*handovers[:2], county.inspection.pk],
        "id": [parcel.pk],
        "waybill": [parcel.waybill],
        "reference": [county.complaint.reference],
        "name": ["stations", "complaints", "unmasks"],
        "fmt": ["xlsx", "csv", "pdf"],
        "brand": [county.brand.code],
        "number": list(HandoverList.objects.values_list("number", flat=True)[:1]),
        "date": ["2021-06-30"],
    }


def test_no_page_export_label_sms_or_api_answer_shows_a_whole_phone(county):
    crawled, by_role = 0, clients(county)
    paths = sorted({p for route in patterns() for p in fill(route, url_values(county))})
    paths = [p for p in paths if not p.startswith(SKIP_PREFIXES)]
    assert len(paths) > 40, paths  # the URL conf was walked, not a short fixed list
    worker_health.beat()  # a live job worker, so /healthz answers 200 (503 without one, by design)
    failures = []
    for path in paths:
        for role, client in by_role.items():
            response = client.get(path)
            if response.status_code >= 500:
                failures.append(f"{role} {path}: {response.status_code}")
                continue
            if response.status_code != 200:
                continue
            crawled += 1
            if found := leaks(readable(response)):
                failures.append(f"{role} {path}: {found}")
    assert not failures, failures
    assert crawled > 150
    for sms in SmsMessage.objects.all():
        assert not leaks(sms.text), sms.text
    assert not UnmaskLog.objects.exists()  # nothing above was an unmask


def test_pages_that_carry_the_parcel_show_it_masked(county):
    keeper = county.station_client()
    door = keeper.get(reverse("web:station_shelve")).content.decode()
    assert "TB0000000002" in door and "*******1825" in door and "张**" in door and "查看完整号码" in door
    counter = keeper.post(reverse("web:station_counter"), {"code": county.pickup}).content.decode()
    assert "*******6153" in counter and not leaks(counter)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {county.brand_key}").get("/api/v1/parcels/TB0000000001")
    assert api.status_code == 200 and not leaks(api.content.decode())


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.STATION_KEEPER, True),
        (Role.HUB_OPERATOR, True),
        (Role.REGULATOR, False),
        (Role.BRAND_USER, False),
        (Role.ACCOUNTANT, False),
        ("anonymous", False),
    ],
)
def test_whole_phone_only_by_an_unmask_that_is_logged(county, role, allowed):
    client = clients(county)[role]
    parcel = Parcel.objects.get(waybill="TB0000000002")
    body = {
        "subject": f"parcels.parcel:{parcel.pk}",
        "field": "recipient_phone",
        "reason": "送货上门前联系收件人",
    }
    answer = client.post(reverse("unmask"), body)
    if allowed:
        assert answer.status_code == 200 and COMPLAINANT in answer.content.decode()
        assert f"tel:{COMPLAINANT}" in answer.content.decode()
        log = UnmaskLog.objects.get()
        assert (log.subject, log.field, log.reason) == (body["subject"], "recipient_phone", body["reason"])
        assert log.user.role == role
        regulator_view = (
            clients(county)[Role.REGULATOR].get(reverse("compliance:unmask_log")).content.decode()
        )
        assert body["subject"] in regulator_view and "送货上门前联系收件人" in regulator_view
    else:
        assert answer.status_code in (302, 403) and COMPLAINANT not in answer.content.decode()
        assert not UnmaskLog.objects.exists()


def test_unmask_needs_a_reason_and_the_record_in_scope(county):
    keeper = county.station_client()
    parcel = Parcel.objects.get(waybill="TB0000000003")  # the proxy village's parcel, not the keeper's
    body = {"subject": f"parcels.parcel:{parcel.pk}", "field": "recipient_phone", "reason": "联系"}
    assert keeper.post(reverse("unmask"), body).status_code == 403
    own = Parcel.objects.get(waybill="TB0000000002")
    empty = {"subject": f"parcels.parcel:{own.pk}", "field": "recipient_phone", "reason": " "}
    assert keeper.post(reverse("unmask"), empty).status_code == 403
    other_field = {**empty, "field": "address", "reason": "联系"}
    assert keeper.post(reverse("unmask"), other_field).status_code == 403
    assert not UnmaskLog.objects.exists()


def test_labels_hide_at_least_six_phone_digits(db):
    from jincun.addressing.labels import LabelData, render_labels

    data = LabelData(
        "TB0000000001", "测试快递", "A01", "甲镇", "站点村", "站点", "3-2-1024", RECIPIENT_NAME, RECIPIENT
    )
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=render_labels([data]), capture_output=True, check=True
    ).stdout.decode()
    assert "138******53" in text and not leaks(text)
