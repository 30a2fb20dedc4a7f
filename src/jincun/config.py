"""Every setting Jincun reads from the environment, in one place.

`make run` works with none of them set: data lives in ./var, SQLite (WAL) is the database.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

REPO_DIR = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Config:
    data_dir: Path
    database_url: str | None
    secret_key: str
    debug: bool
    allowed_hosts: list[str]
    task_backend: str
    sms_gateway: str
    sms_signature: str
    bind: str = "127.0.0.1:8000"
    routing_osrm_url: str | None = None
    routing_detour: dict[str, float] | None = None


def _bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def _factors(name: str) -> dict[str, float]:
    """`370323=1.35,370322=1.5` → {"370323": 1.35, "370322": 1.5} (6-digit county code = detour factor)."""
    factors = {}
    for item in filter(None, (part.strip() for part in os.environ.get(name, "").split(","))):
        code, _, value = item.partition("=")
        try:
            factor = float(value)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item!r} is not CODE=FACTOR (e.g. 370323=1.35)") from None
        if not code.strip().isdigit() or not 1.0 <= factor <= 3.0:
            raise ImproperlyConfigured(f"{name}: {item!r} needs a county code and a factor from 1.0 to 3.0")
        factors[code.strip()[:6]] = factor
    return factors


def load() -> Config:
    data_dir = Path(os.environ.get("JINCUN_DATA_DIR", REPO_DIR / "var")).resolve()
    debug = _bool("JINCUN_DEBUG", True)
    secret = os.environ.get("JINCUN_SECRET_KEY")
    if not secret:
        if not debug:
            raise ImproperlyConfigured("Set JINCUN_SECRET_KEY when JINCUN_DEBUG is off.")
        secret = "jincun-insecure-development-key-do-not-use-in-production"
    hosts = [
        h for h in os.environ.get("JINCUN_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
    ]
    return Config(
        data_dir=data_dir,
        database_url=os.environ.get("DATABASE_URL") or None,
        secret_key=secret,
        debug=debug,
        allowed_hosts=hosts,
        task_backend=os.environ.get("JINCUN_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        sms_gateway=os.environ.get("JINCUN_SMS_GATEWAY", "file"),
        sms_signature=os.environ.get("JINCUN_SMS_SIGNATURE", "进村快递"),
        bind=os.environ.get("JINCUN_BIND") or "127.0.0.1:8000",
        routing_osrm_url=os.environ.get("JINCUN_ROUTING_OSRM_URL") or None,
        routing_detour=_factors("JINCUN_ROUTING_DETOUR"),
    )
