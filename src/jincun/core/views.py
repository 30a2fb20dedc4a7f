from django.apps import apps
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jincun.core.choices import Role
from jincun.core.policy import Policy, UnmaskRefused


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


UNMASK_REASONS = (
    gettext_lazy("送货上门前联系收件人"),
    gettext_lazy("征求收件人同意驿站代收"),
    gettext_lazy("问题件联系收件人"),
    gettext_lazy("联系站点负责人"),
    gettext_lazy("投诉回访"),
)


@require_POST
@login_required
def unmask(request):
    """One click with a reason: the whole value, logged (`Policy.unmask`). Answers a fragment for htmx."""
    policy = Policy.of(request.user)
    subject, field = request.POST.get("subject", ""), request.POST.get("field", "")
    reason = request.POST.get("reason", "")
    try:
        value = policy.unmask(subject, field, reason)
    except UnmaskRefused as refusal:
        return render(request, "core/_unmasked.html", {"error": str(refusal)}, status=403)
    digits = "".join(ch for ch in value if ch.isdigit() or ch == "-")
    return render(request, "core/_unmasked.html", {"value": value, "tel": digits if "phone" in field else ""})
