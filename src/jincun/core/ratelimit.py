"""A per-address counter in the configured cache, for the pages that need no login."""

from __future__ import annotations

from django.core.cache import cache


def over_limit(request, scope: str, limit: int, window_seconds: int) -> bool:
    """Count this request against `scope` for the client address; True once past `limit` in the window."""
    key = f"rate:{scope}:{request.META.get('REMOTE_ADDR') or 'unknown'}"
    cache.add(key, 0, window_seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, window_seconds)
        count = 1
    return count > limit
