"""A fixed-window counter in the shared cache, for forms anyone can post (applications)."""

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    if settings.SECURE_PROXY_SSL_HEADER and request.META.get("HTTP_X_FORWARDED_FOR"):
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def over_limit(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one more hit; True once `limit` hits happened within the window."""
    name = f"ratelimit:{scope}:{key}"
    if cache.add(name, 1, seconds):
        return False
    try:
        return cache.incr(name) > limit
    except ValueError:  # expired between add and incr
        cache.add(name, 1, seconds)
        return False
