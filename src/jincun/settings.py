"""Django settings. Values come from `jincun.config` (environment), nowhere else."""

from __future__ import annotations

import dj_database_url

from jincun import config

CONFIG = config.load()
BASE_DIR = config.REPO_DIR
DATA_DIR = CONFIG.data_dir

SECRET_KEY = CONFIG.secret_key
DEBUG = CONFIG.debug
ALLOWED_HOSTS = CONFIG.allowed_hosts

# Jincun apps, bottom to top (docs/architecture.md "Modules and layers"; `lint-imports` checks it).
JINCUN_APPS = [
    "jincun.core",
    "jincun.network",
    "jincun.addressing",
    "jincun.parcels",
    "jincun.routing",
    "jincun.compliance",
    "jincun.settlement",
    "jincun.agri",
    "jincun.simulation",
    "jincun.web",
    "jincun.api",
    "jincun.dashboard",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from its own static files, not a CDN (works offline)
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    *JINCUN_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jincun.urls"
WSGI_APPLICATION = "jincun.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "src" / "jincun" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jincun.core.context_processors.navigation",
                "jincun.core.context_processors.access_policy",
            ],
        },
    },
]

if CONFIG.database_url:
    DATABASES = {"default": dj_database_url.parse(CONFIG.database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend with write transactions queued on a lock file (core/sqlite/base.py).
            "ENGINE": "jincun.core.sqlite",
            "NAME": DATA_DIR / "jincun.sqlite3",
            "OPTIONS": {
                # WAL lets the web server and the worker read while one writes; IMMEDIATE takes the write
                # lock at BEGIN so concurrent writers queue on busy_timeout instead of failing mid-transaction.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                    " PRAGMA busy_timeout=20000;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

# SQLite `synchronous`: FULL (the default) syncs the WAL at every commit, so a scan the API acknowledged
# survives a power cut; NORMAL may lose the last commits (docs/benchmarks.md has the measured cost).
if not CONFIG.database_url:
    DATABASES["default"]["OPTIONS"]["init_command"] = DATABASES["default"]["OPTIONS"]["init_command"].replace(
        "synchronous=NORMAL", f"synchronous={CONFIG.sqlite_synchronous}"
    )

# One cache for every web worker and the job worker (the villager lookup's limit counts across workers): the
# database by default (its table comes with `migrate`), Redis when JINCUN_CACHE_URL=redis://… is set.
if CONFIG.cache_url:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CONFIG.cache_url}
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jincun_cache"}
    }

# Production behind HTTPS (README "Production"): JINCUN_HTTPS turns on the redirect, secure cookies and HSTS.
SECURE_SSL_REDIRECT = CONFIG.https
SESSION_COOKIE_SECURE = CONFIG.https
CSRF_COOKIE_SECURE = CONFIG.https
SECURE_HSTS_SECONDS = CONFIG.hsts_seconds
SECURE_HSTS_INCLUDE_SUBDOMAINS = CONFIG.https
SECURE_HSTS_PRELOAD = CONFIG.https
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = list(CONFIG.csrf_trusted_origins)
if CONFIG.trusted_proxies:
    # Only a proxy of ours sets these; without one in front a client could claim HTTPS or another host.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
# Health checks from the proxy or a load balancer come over plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Login throttling (django-axes): 5 wrong passwords for one user from one address lock that pair for 15
# minutes; the lock is per user *and* address so an attacker cannot lock a keeper out from elsewhere.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "jincun.core.client.client_address"
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_VERBOSE = False
AXES_DISABLE_ACCESS_LOG = (
    True  # failures are what lock a login out; a row per successful login is only a write
)

# A JSON batch may carry 5,000 rows of 300-character addresses: 8 MB of body. Beyond, the API answers 413
# (docs/api-limits.md); uploaded files are streamed to disk and capped by the endpoint itself.
DATA_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Django's standard validators, applied where a password is chosen (admin forms, `changepassword`, the password
# change page). The demo builder sets its users' shared `jincun-demo` directly, as a fixture would.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "src" / "jincun" / "locale"]
TIME_ZONE = "Asia/Shanghai"  # shown in Asia/Shanghai; stored in UTC (USE_TZ)
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Uploaded files (inspection photos): served only through views that check the role, never as static.
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "media/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end libraries come from npm (package-lock.json) and are served from node_modules, never committed.
STATICFILES_DIRS = [
    ("vendor/echarts", BASE_DIR / "node_modules" / "echarts" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

TASKS = {"default": {"BACKEND": CONFIG.task_backend}}

JINCUN = {
    "SMS_GATEWAY": CONFIG.sms_gateway,
    "SMS_SIGNATURE": CONFIG.sms_signature,
    "PURGE_AFTER_DAYS": CONFIG.purge_after_days,
    "TRUSTED_PROXIES": CONFIG.trusted_proxies,
    # Networks webhooks may reach besides the public internet (api/egress.py); empty in production.
    "WEBHOOK_ALLOWED_NETWORKS": CONFIG.webhook_allowed_networks,
    "BIND": CONFIG.bind,  # `jincun serve` listens here unless --bind
    "ROUTING_OSRM_URL": CONFIG.routing_osrm_url,  # road distances from OSRM when set (routing/distance.py)
    "ROUTING_DETOUR": CONFIG.routing_detour or {},  # county code → detour factor over the built-in ones
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_one_line": {"()": "jincun.core.log_filters.ForbiddenOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["forbidden_one_line"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
