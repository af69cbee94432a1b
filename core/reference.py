"""Small reference tables (the coalition's name, regions, sectors) read on almost every page are
kept in process memory for a minute; a write in this process clears them at once."""

import time

from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save

TTL_SECONDS = 60
_cache: dict[str, tuple[float, object]] = {}


def cached(key: str, load):
    now = time.monotonic()
    hit = _cache.get(key)
    if hit is not None and now - hit[0] < TTL_SECONDS:
        return hit[1]
    value = load()
    _cache[key] = (now, value)
    return value


def clear(**_kwargs) -> None:
    _cache.clear()


def clear_when_changed(*models, m2m=()) -> None:
    """Called from an app's `AppConfig.ready()` for the reference tables it owns: a write clears the cache."""
    for model in models:
        post_save.connect(clear, sender=model, dispatch_uid=f"reference-save-{model._meta.label}")
        post_delete.connect(clear, sender=model, dispatch_uid=f"reference-delete-{model._meta.label}")
    for through in m2m:
        m2m_changed.connect(clear, sender=through, dispatch_uid=f"reference-m2m-{through._meta.label}")


def data_version(name: str) -> int:
    """A counter in the shared cache (every process sees it) that writes bump; cached figures are keyed
    by it, so they are recomputed after any change instead of waiting for a timeout."""
    return cache.get_or_set(f"data-version:{name}", 1, None)


def bump(name: str) -> None:
    try:
        cache.incr(f"data-version:{name}")
    except ValueError:
        cache.set(f"data-version:{name}", 2, None)
