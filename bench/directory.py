"""Benchmark of the members directory and profile pages on a large synthetic coalition.

Builds 2,000 organisations (Arabic and English names, spread over the gazetteer's sub-districts) in a
throwaway SQLite database, then prints for each page: median and 95th-percentile server time over
300 requests, queries per request and bytes served (raw and gzip), and the same search in raw SQL so
the framework's overhead shows as a ratio. Run with `make bench`.
"""

import gzip
import os
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import start  # noqa: E402

WORK = start("directory")

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from coalition.models import Region  # noqa: E402
from core.text import normalise  # noqa: E402
from members.models import Organisation, Sector  # noqa: E402
from places.models import Place  # noqa: E402

N_ORGS = 2000
REQUESTS = 300
ROOTS_AR = [
    "الأمل",
    "السلام",
    "الفرات",
    "الخابور",
    "الجزيرة",
    "النور",
    "الغد",
    "البناء",
    "الشباب",
    "المرأة",
    "التنمية",
    "الحوار",
]
ROOTS_EN = [
    "Hope",
    "Peace",
    "Euphrates",
    "Khabour",
    "Jazira",
    "Light",
    "Tomorrow",
    "Building",
    "Youth",
    "Women",
    "Development",
    "Dialogue",
]
KINDS = [("منظمة", "Organization"), ("جمعية", "Association"), ("مبادرة", "Initiative"), ("مركز", "Center")]


def build():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open(os.devnull, "w"))
    rng = random.Random(7)
    regions = list(Region.objects.all())
    sectors = list(Sector.objects.all())
    places = list(Place.objects.filter(level=3))
    orgs = []
    for i in range(N_ORGS):
        a, b = rng.sample(range(len(ROOTS_AR)), 2)
        kind_ar, kind_en = rng.choice(KINDS)
        org = Organisation(
            slug=f"org-{i}",
            status="member",
            region=rng.choice(regions),
            place=rng.choice(places),
            name_ar=f"{kind_ar} {ROOTS_AR[a]} و{ROOTS_AR[b]} {i}",
            name_en=f"{ROOTS_EN[a]} and {ROOTS_EN[b]} {kind_en} {i}",
            description_en=f"Works on {ROOTS_EN[b].lower()} in the region since {2010 + i % 14}.",
        )
        org.search_text = org.build_search_text()
        orgs.append(org)
    Organisation.objects.bulk_create(orgs, batch_size=500)
    through = Organisation.sectors.through
    links = [
        through(organisation_id=o.pk, sector_id=s.pk)
        for o in Organisation.objects.filter(slug__startswith="org-")
        for s in rng.sample(sectors, 2)
    ]
    through.objects.bulk_create(links, batch_size=1000)


def measure(client, url, params=None):
    client.get(url, params or {})  # warm: templates compiled, reference tables cached
    executed = []
    with connection.execute_wrapper(lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)):
        response = client.get(url, params or {})
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url, params or {})
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "queries": len(executed),
        "bytes": len(response.content),
        "gzip": len(gzip.compress(response.content)),
    }


def raw_search(term: str) -> float:
    db = sqlite3.connect(f"{WORK}/bench.sqlite3")
    sql = (
        "SELECT id, slug, name_ar, name_en FROM members_organisation WHERE status IN ('member','suspended') "
        "AND search_text LIKE ? ORDER BY name_ar LIMIT 20"
    )
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        db.execute(sql, (f"%{term}%",)).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    db.close()
    return statistics.median(times)


def main():
    print(f"Building {N_ORGS} synthetic organisations in {WORK} ...")
    build()
    client = Client(HTTP_HOST="127.0.0.1")
    rows = [
        ("directory, first page", "/ar/members/", None),
        ("directory, search 'الامل'", "/ar/members/", {"q": "الأمل"}),
        ("directory, search 'peace youth'", "/en/members/", {"q": "peace youth"}),
        ("directory, htmx fragment search", "/ar/members/", {"q": "الفرات"}),
        ("profile page", "/ar/members/org-1234/", None),
    ]
    print(f"\n{'page':36} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'bytes':>8} {'gzip':>7}")
    results = {}
    for label, url, params in rows:
        if "htmx" in label:
            client.defaults["HTTP_HX_REQUEST"] = "true"
        r = measure(client, url, params)
        client.defaults.pop("HTTP_HX_REQUEST", None)
        results[label] = r
        print(f"{label:36} {r['median']:10.2f} {r['p95']:8.2f} {r['queries']:8.0f} {r['bytes']:8} {r['gzip']:7}")
    raw = raw_search(normalise("الأمل"))
    search = results["directory, search 'الامل'"]
    print(
        f"\nraw SQLite search (same LIKE, one page of 20 rows): median {raw:.3f} ms; "
        f"framework/raw ratio {search['median'] / raw:.0f}x"
    )
    print(
        "targets: directory search median < 15 ms, p95 < 40 ms "
        f"-> {'MET' if search['median'] < 15 and search['p95'] < 40 else 'MISSED'}"
    )
    print("reference (issue): Sahana Eden, 2,000 organisations: 37 ms median, 76 ms p95, 1.1 MB per page")


if __name__ == "__main__":
    main()
