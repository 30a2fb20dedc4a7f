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

# Domain apps, bottom to top (see ARCHITECTURE.md "Modules"): nothing imports from an app listed after it.
JINCUN_APPS = [
    "jincun.core",
    "jincun.network",
    "jincun.addressing",
    "jincun.parcels",
    "jincun.routing",
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
            ],
        },
    },
]

if CONFIG.database_url:
    DATABASES = {"default": dj_database_url.parse(CONFIG.database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
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

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "src" / "jincun" / "locale"]
TIME_ZONE = "Asia/Shanghai"  # shown in Asia/Shanghai; stored in UTC (USE_TZ)
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
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
    "BIND": CONFIG.bind,  # `jincun serve` listens here unless --bind
    "ROUTING_OSRM_URL": CONFIG.routing_osrm_url,  # road distances from OSRM when set (routing/distance.py)
    "ROUTING_DETOUR": CONFIG.routing_detour or {},  # county code → detour factor over the built-in ones
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
