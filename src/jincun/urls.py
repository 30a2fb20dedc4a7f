"""URL map. Each Jincun app with a `urls.py` is mounted at /<app label>/; the API at /api/v1/."""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from jincun.api.v1 import api
from jincun.core import health_views
from jincun.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("unmask/", core_views.unmask, name="unmask"),
    path("healthz", health_views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    # Browsers ask for /favicon.ico on their own (PDFs, the API docs); pages link the SVG.
    path("favicon.ico", RedirectView.as_view(url=static("jincun/favicon.svg"), permanent=True)),
]

for app in settings.JINCUN_APPS:
    module = f"{app}.urls"
    if find_spec(module) is not None:
        label = app.rsplit(".", 1)[1]
        urlpatterns.append(path(f"{label}/", include((import_module(module).urlpatterns, label))))
