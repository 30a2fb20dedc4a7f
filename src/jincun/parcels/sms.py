"""SMS: templates rendered masked (≥6 phone digits hidden, names masked) and pluggable gateways.

`settings.JINCUN["SMS_GATEWAY"]` (env `JINCUN_SMS_GATEWAY`): `file` (default; JSON lines under
JINCUN_DATA_DIR/sms/), `console` (stdout), `null` (record only), or a dotted path to a class with
`send(phone, text) -> None` that raises on failure.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from jincun.core.masking import mask_name, mask_phone_label

TEMPLATES = {
    "arrival": "【{sign}】{name}您好，尾号{phone}的包裹已到{station}，取件码{code}，营业时间{hours}，取件免费。",
    "remind": "【{sign}】您在{station}的包裹（取件码{code}）已存放{days}天，请尽快取件，取件免费。",
    "return_notice": "【{sign}】您在{station}的包裹（取件码{code}）超期未取，将退回寄件方。",
    "signed": "【{sign}】您的包裹{waybill}已签收（{how}）。如非本人签收请联系{station}。",
    "collected": "【{sign}】您的寄件{waybill}已在{station}揽收，重量{weight}克。",
}


def render(template: str, phone: str, **values) -> str:
    values = {k: v for k, v in values.items() if v is not None}
    values.setdefault("sign", settings.JINCUN.get("SMS_SIGNATURE", "进村快递"))
    if "name" in values:
        values["name"] = mask_name(values["name"])
    values["phone"] = mask_phone_label(phone)[-2:] if phone else ""
    return TEMPLATES[template].format_map(_Blank(values))


class _Blank(dict):
    def __missing__(self, key):
        return ""


class FileGateway:
    name = "file"

    def send(self, phone: str, text: str) -> None:
        folder = Path(settings.DATA_DIR) / "sms"
        folder.mkdir(parents=True, exist_ok=True)
        line = {"at": timezone.now().isoformat(), "to": mask_phone_label(phone), "text": text}
        with open(folder / f"outbox-{timezone.localdate():%Y-%m-%d}.jsonl", "a", encoding="utf-8") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")


class ConsoleGateway:
    name = "console"

    def send(self, phone: str, text: str) -> None:
        print(f"[SMS → {mask_phone_label(phone)}] {text}")


class NullGateway:
    name = "null"

    def send(self, phone: str, text: str) -> None:
        return None


GATEWAYS = {"file": FileGateway, "console": ConsoleGateway, "null": NullGateway}


def gateway():
    name = settings.JINCUN.get("SMS_GATEWAY", "file") or "file"
    return GATEWAYS[name]() if name in GATEWAYS else import_string(name)()
