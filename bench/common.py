"""Shared start of every benchmark: a throwaway SQLite database in a temporary folder, CivNet's settings
as in production (DEBUG off), and the timing helper."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(prefix: str) -> str:
    sys.path.insert(0, str(ROOT))
    work = tempfile.mkdtemp(prefix=f"civnet-bench-{prefix}-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="civnet.settings",
        HTTPS="0",
        CIVNET_VAR_DIR=work,
        CIVNET_REQUIRE_2FA="0",
        DATABASE_URL=f"sqlite:///{work}/bench.sqlite3",
    )
    os.makedirs(f"{work}/static", exist_ok=True)
    import django

    django.setup()
    return work


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median and 95th percentile in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def count_queries(fn):
    from django.db import connection

    executed = []
    with connection.execute_wrapper(lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)):
        result = fn()
    return len(executed), result
