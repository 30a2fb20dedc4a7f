"""Role names are one vocabulary (`core.choices.Role`): every menu entry and landing page names real roles,
so a misspelt role cannot silently hide a page from everyone."""

from django.apps import apps
from django.conf import settings

from jincun.core.api.caller import Caller
from jincun.core.choices import Role, TokenKind


def _configs():
    return [apps.get_app_config(app.rsplit(".", 1)[1]) for app in settings.JINCUN_APPS]


def test_every_menu_entry_and_landing_page_names_known_roles():
    known = set(Role.values)
    for config in _configs():
        for _text, _url, roles in getattr(config, "nav", []):
            assert roles is None or set(roles) <= known, (config.label, roles - known)
        assert set(getattr(config, "landing", {})) <= known, config.label


def test_caller_roles_come_from_the_vocabulary():
    class Token:
        brand_id = None

        def __init__(self, kind):
            self.kind = kind

    assert Caller(token=Token(TokenKind.BRAND)).role == Role.BRAND_USER
    assert Caller(token=Token(TokenKind.DEVICE)).role == "device"
    assert Caller(token=Token(TokenKind.USER)).role is None
    admin = type("U", (), {"is_superuser": True, "role": Role.REGULATOR})()
    assert Caller(user=admin).role == Role.ADMIN and Caller(user=admin).has_role(Role.HUB_OPERATOR)
