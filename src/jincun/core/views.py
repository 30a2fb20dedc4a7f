from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from jincun.core.choices import Role


@login_required
def home(request):
    """Each role lands on its main page: an app's `landing[role]` if one names it, else its first menu
    entry; with none, a plain welcome page."""
    user = request.user
    configs = [apps.get_app_config(app.rsplit(".", 1)[1]) for app in settings.JINCUN_APPS]
    for config in configs:
        landing = getattr(config, "landing", {}).get(user.role)
        if landing:
            return redirect(landing)
    for config in configs:
        for _text, url_name, roles in getattr(config, "nav", []):
            if roles is None or user.is_superuser or user.role == Role.ADMIN or user.role in roles:
                return redirect(url_name)
    return render(request, "core/home.html")
