"""Production defaults: debug off unless asked for, no weak secret, `check --deploy` clean with the README's
production environment, logins throttled, the standard password validators."""

import os
import secrets
import subprocess
import sys

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import Client
from django.urls import reverse

from jincun import config
from jincun.core.models import User

STRONG = secrets.token_urlsafe(64)


def _clean_env(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("JINCUN_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    monkeypatch.setenv("JINCUN_DATA_DIR", str(tmp_path))


def test_debug_is_off_and_the_secret_is_a_random_local_one_by_default(monkeypatch, tmp_path):
    _clean_env(monkeypatch, tmp_path)
    first = config.load()
    assert first.debug is False
    assert not config.weak_secret(first.secret_key)
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0  # owner only
    assert config.load().secret_key == first.secret_key  # made once, kept
    (tmp_path / "secret_key").unlink()
    assert config.load().secret_key != first.secret_key  # per installation, never a published key


@pytest.mark.parametrize("weak", ["abc", "x" * 60, "django-insecure-" + "a1b2c3d4e5" * 5])
def test_a_weak_secret_key_is_refused_when_debug_is_off(monkeypatch, tmp_path, weak):
    _clean_env(monkeypatch, tmp_path)
    monkeypatch.setenv("JINCUN_SECRET_KEY", weak)
    with pytest.raises(ImproperlyConfigured, match="too weak"):
        config.load()
    monkeypatch.setenv("JINCUN_DEBUG", "1")
    assert config.load().secret_key == weak  # a developer's own machine may use anything


PRODUCTION = {  # the README's "Production" section
    "JINCUN_SECRET_KEY": STRONG,
    "JINCUN_ALLOWED_HOSTS": "jincun.example.cn",
    "JINCUN_HTTPS": "1",
    "JINCUN_TRUSTED_PROXIES": "1",
    "JINCUN_CSRF_TRUSTED_ORIGINS": "https://jincun.example.cn",
}


def _check_deploy(tmp_path, extra: dict) -> subprocess.CompletedProcess:
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE is the test process's own, not the deployment's.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("JINCUN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    env.update({"JINCUN_DATA_DIR": str(tmp_path), **extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=config.REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_check_deploy_is_clean_in_the_documented_production_environment(tmp_path):
    done = _check_deploy(tmp_path, PRODUCTION)
    assert done.returncode == 0, done.stdout + done.stderr
    bare = _check_deploy(tmp_path, {})  # the local demo is not a deployment, and check --deploy says so
    assert bare.returncode != 0 and "security.W008" in bare.stderr


def test_login_is_locked_after_five_wrong_passwords_even_with_the_right_one(db):
    User.objects.create_user("keeper1", password="correct-horse-77")
    client = Client()
    for _ in range(5):
        client.post(reverse("login"), {"username": "keeper1", "password": "wrong"})
    answer = client.post(reverse("login"), {"username": "keeper1", "password": "correct-horse-77"})
    assert answer.status_code == 429
    assert "登录已暂停" in answer.content.decode()
    assert "_auth_user_id" not in client.session
    # The lock is for this user from this address: the keeper logs in from another place.
    elsewhere = Client(REMOTE_ADDR="10.1.2.3")
    answer = elsewhere.post(reverse("login"), {"username": "keeper1", "password": "correct-horse-77"})
    assert answer.status_code == 302 and "_auth_user_id" in elsewhere.session


def test_a_success_before_the_limit_resets_the_count(db):
    User.objects.create_user("keeper2", password="correct-horse-77")
    client = Client()
    for _ in range(4):
        client.post(reverse("login"), {"username": "keeper2", "password": "wrong"})
    client.post(reverse("login"), {"username": "keeper2", "password": "correct-horse-77"})
    client.logout()
    for _ in range(4):
        client.post(reverse("login"), {"username": "keeper2", "password": "wrong"})
    answer = client.post(reverse("login"), {"username": "keeper2", "password": "correct-horse-77"})
    assert answer.status_code == 302


@pytest.mark.parametrize("weak", ["12345678901", "password123", "short"])
def test_new_passwords_meet_the_standard_validators(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)
    validate_password("jincun-demo")  # the demo's documented password still passes


def test_a_missing_page_shows_no_url_map_or_settings(db, settings, client):
    assert settings.DEBUG is False
    page = client.get("/no-such-page/")
    assert page.status_code == 404
    assert b"URLconf" not in page.content and b"SECRET_KEY" not in page.content
