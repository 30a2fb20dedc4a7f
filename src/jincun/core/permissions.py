"""Role checks for pages. API auth lives in `jincun.api.auth`."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from jincun.core.choices import ROLES_WITH_PERSONAL_DATA, Role


def role_required(*roles: str):
    """Page decorator: logged in, and one of `roles` (superusers and admins always pass)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_superuser or user.role == Role.ADMIN or user.role in roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def may_see_personal_data(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.role in ROLES_WITH_PERSONAL_DATA)
    )
