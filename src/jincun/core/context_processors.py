from django.apps import apps
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from jincun.core.choices import Role


def navigation(request):
    """Header menu: each Jincun app's `nav` entries the current user's role may open.

    Admins see every entry except those of apps with `nav_admin = False` (work pages that need a workplace
    assignment, which an administrator does not have)."""
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {"nav_items": []}
    items = []
    for app in settings.JINCUN_APPS:
        config = apps.get_app_config(app.rsplit(".", 1)[1])
        is_admin = (user.is_superuser or user.role == Role.ADMIN) and getattr(config, "nav_admin", True)
        for text, url_name, roles in getattr(config, "nav", []):
            if roles is not None and not (is_admin or user.role in roles):
                continue
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                continue
            items.append({"text": text, "url": url, "active": False})
    # The deepest entry containing the current page is the active one (/routing/compare/ not /routing/ too),
    # unless the view names its menu entry (`request.nav_section`: a list's check-in lives under /handovers/
    # but belongs to 到件核对).
    section = getattr(request, "nav_section", None)
    named = reverse(section) if section else None
    current = max(
        (i for i in items if (i["url"] == named if named else request.path.startswith(i["url"]))),
        key=lambda i: len(i["url"]),
        default=None,
    )
    if current is not None:
        current["active"] = True
    return {"nav_items": items}


def access_policy(request):
    """Every template knows the viewer's policy, whether they may unmask, and the reasons offered."""
    from django.utils.functional import SimpleLazyObject

    from jincun.core.policy import UNMASK_ROLES, Policy
    from jincun.core.views import UNMASK_REASONS

    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    role = ("admin" if user.is_superuser else user.role) if authenticated else ""
    return {
        "policy": SimpleLazyObject(lambda: Policy.of(user)),
        "may_unmask": role in UNMASK_ROLES,
        "unmask_reasons": UNMASK_REASONS,
    }
