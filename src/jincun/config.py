"""Every setting Jincun reads from the environment, in one place.

`make run` works with none of them set: data lives in ./var, SQLite (WAL) is the database, debug is off and
the secret key is a random one made once in the data folder. Production sets the variables the README's
"Production" section lists (a strong JINCUN_SECRET_KEY, JINCUN_HTTPS, JINCUN_TRUSTED_PROXIES, ...).
"""

from __future__ import annotations

import os
import secrets
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
    purge_after_days: int = 180
    https: bool = False
    hsts_seconds: int = 0
    trusted_proxies: int = 0
    csrf_trusted_origins: tuple[str, ...] = ()
    cache_url: str | None = None
    sqlite_synchronous: str = "FULL"


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


def _int(name: str, default: int, low: int, high: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ImproperlyConfigured(f"{name} must be a whole number from {low} to {high}, not {raw!r}")
    return int(raw)


def weak_secret(secret: str) -> str:
    """Why `secret` is too weak to sign sessions with ('' when it is fine): Django's own deploy rule (at least
    50 characters, at least 5 different ones, not an `insecure` placeholder)."""
    if len(secret) < 50:
        return "it is shorter than 50 characters"
    if len(set(secret)) < 5:
        return "it has fewer than 5 different characters"
    if "insecure" in secret.lower() or secret.startswith("django-"):
        return "it is a placeholder"
    return ""


def _local_secret(data_dir: Path) -> str:
    """The local installation's own random key, made once in the data folder (readable by its owner only).
    A key in the repository or the docs would let anyone forge a demo session; this one is never published."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first
            pass
        else:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(64))
    return path.read_text().strip()


def _secret(data_dir: Path, debug: bool) -> str:
    secret = os.environ.get("JINCUN_SECRET_KEY", "").strip()
    if not secret:
        return _local_secret(data_dir)
    why = weak_secret(secret)
    if why and not debug:
        raise ImproperlyConfigured(
            f"JINCUN_SECRET_KEY is too weak ({why}); make one with "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`"
        )
    return secret


def load() -> Config:
    data_dir = Path(os.environ.get("JINCUN_DATA_DIR", REPO_DIR / "var")).resolve()
    # Off unless asked for: a debug page shows settings, the URL map and tracebacks to whoever hits an error.
    debug = _bool("JINCUN_DEBUG", False)
    secret = _secret(data_dir, debug)
    https = _bool("JINCUN_HTTPS", False)
    synchronous = os.environ.get("JINCUN_SQLITE_SYNCHRONOUS", "FULL").strip().upper()
    if synchronous not in {"FULL", "EXTRA", "NORMAL"}:
        raise ImproperlyConfigured("JINCUN_SQLITE_SYNCHRONOUS must be FULL, EXTRA or NORMAL")
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
        purge_after_days=_int("JINCUN_PURGE_AFTER_DAYS", 180, 1, 36_500),
        https=https,
        hsts_seconds=_int("JINCUN_HSTS_SECONDS", 31_536_000 if https else 0, 0, 63_072_000),
        trusted_proxies=_int("JINCUN_TRUSTED_PROXIES", 0, 0, 5),
        csrf_trusted_origins=tuple(
            o.strip() for o in os.environ.get("JINCUN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
        ),
        cache_url=os.environ.get("JINCUN_CACHE_URL") or None,
        sqlite_synchronous=synchronous,
    )
