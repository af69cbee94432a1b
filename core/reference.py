"""Small reference tables (the coalition's name, regions, sectors) read on almost every page are
kept in process memory for a minute; a write in this process clears them at once."""

import time

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
