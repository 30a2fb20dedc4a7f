from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render


@login_required
def home(request):
    """Each role lands on its first menu entry; with none, a plain welcome page."""
    user = request.user
    for app in settings.JINCUN_APPS:
        for _text, url_name, roles in getattr(apps.get_app_config(app.rsplit(".", 1)[1]), "nav", []):
            if roles is None or user.is_superuser or user.role == "admin" or user.role in roles:
                return redirect(url_name)
    return render(request, "core/home.html")
