"""Rate limits for what anyone can post (applications, comments, subscriptions) and for re-entering a password.

Each limit is a fixed window that starts at the first hit and lasts the stated period. One SQL statement
(an upsert with RETURNING, the same on SQLite 3.35+ and PostgreSQL) counts the hit and reads the count, so
concurrent requests can never all pass a limit: the database serialises them on the row."""

import hashlib
import time

from allauth.account.adapter import get_adapter
from django.db import connection

from core.models import RateCounter

_TABLE = RateCounter._meta.db_table
_UPSERT = f"""
INSERT INTO {_TABLE} ("key", "count", "window_ends") VALUES (%s, 1, %s)
ON CONFLICT ("key") DO UPDATE SET
    "count" = CASE WHEN {_TABLE}."window_ends" <= %s THEN 1 ELSE {_TABLE}."count" + 1 END,
    "window_ends" = CASE WHEN {_TABLE}."window_ends" <= %s THEN excluded."window_ends" ELSE {_TABLE}."window_ends" END
RETURNING "count"
"""  # noqa: S608 - the table name comes from the model; values are bound parameters
_SWEEP_EVERY = 500  # hits between deletions of expired windows
_hits = 0


def client_ip(request) -> str:
    """The client's address, by the same rule as allauth's sign-in limits: behind BEHIND_PROXY=N proxies, the
    N-th X-Forwarded-For entry from the right (the one our proxy added), else the connection's address."""
    return get_adapter(request).get_client_ip(request)


def hit(scope: str, key: str, *, seconds: int) -> int:
    """Count one hit of `key` in `scope` and return the hits in the current window, this one included."""
    global _hits
    now = int(time.time())
    name = f"{scope}:{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT, [name, now + seconds, now, now])
        (count,) = cursor.fetchone()
    _hits += 1
    if _hits % _SWEEP_EVERY == 0:
        RateCounter.objects.filter(window_ends__lt=now).delete()
    return count


def over_limit(scope: str, key: str, *, limit: int, seconds: int) -> bool:
    """Count one more hit; True once more than `limit` hits happened within the window."""
    return hit(scope, key, seconds=seconds) > limit
