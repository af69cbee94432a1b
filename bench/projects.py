"""Benchmark of the projects registry on a large synthetic coalition: 100,000 projects of 2,000
organisations over all the gazetteer's sub-districts, in a throwaway SQLite database.

Prints median and 95th percentile, queries per request and bytes for: the 4W matrix for the whole
coalition and for one governorate, the public registry with a search term, the IATI export of one
organisation with 500 projects, the extraction of the seed page 003 and of a 1 MB paste. Run with `make bench`."""

import datetime
import gzip
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, count_queries, start, timed  # noqa: E402

WORK = start("projects")

from django.core.management import call_command
from django.db import connection
from django.test import Client

from coalition.models import Region
from fourw import selectors as fourw
from members.models import Organisation, Sector
from places.models import Place
from projects import extraction
from projects.models import Project

N_ORGS = int(os.environ.get("BENCH_ORGS", 2000))
N_PROJECTS = int(os.environ.get("BENCH_PROJECTS", 100_000))
BIG_ORG_PROJECTS = 500
WORDS = ["water", "school", "rubble", "farmers", "dialogue", "youth", "women", "pipes", "desks", "training"]


def build():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open(os.devnull, "w"))
    rng = random.Random(11)
    regions = list(Region.objects.all())
    orgs = [
        Organisation(
            slug=f"org-{i}",
            status="member",
            region=rng.choice(regions),
            name_en=f"Organisation {i}",
            name_ar=f"منظمة {i}",
            search_text=f" organisation {i} منظمه {i} ",
        )
        for i in range(N_ORGS)
    ]
    Organisation.objects.bulk_create(orgs, batch_size=1000)
    orgs = list(Organisation.objects.filter(slug__startswith="org-"))
    sectors = list(Sector.objects.all())
    places = list(Place.objects.filter(level=3))
    projects = []
    for i in range(N_PROJECTS):
        org = orgs[0] if i < BIG_ORG_PROJECTS else rng.choice(orgs)
        start = datetime.date(2016 + rng.randrange(9), rng.randrange(1, 13), 1)
        a, b = rng.sample(WORDS, 2)
        projects.append(
            Project(
                code=f"b{i:07d}",
                organisation=org,
                title_en=f"{a.title()} and {b} project {i}",
                status="completed",
                actual_start=start,
                actual_end=start + datetime.timedelta(days=rng.randrange(30, 400)),
                reached_total=rng.randrange(10, 5000),
                review_state="published",
                search_text=f" {a} and {b} project {i} organisation {org.slug[4:]} ",
            )
        )
    Project.objects.bulk_create(projects, batch_size=2000)
    ids = list(Project.objects.filter(code__startswith="b").values_list("pk", flat=True))
    Project.sectors.through.objects.bulk_create(
        [Project.sectors.through(project_id=pk, sector_id=rng.choice(sectors).pk) for pk in ids], batch_size=5000
    )
    Project.places.through.objects.bulk_create(
        [Project.places.through(project_id=pk, place_id=rng.choice(places).pk) for pk in ids], batch_size=5000
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def one_megabyte_paste(seed: str) -> str:
    """About a megabyte (UTF-8) of project texts as organisations write them: the shared development
    texts when they are beside the repository, CivNet's own annotated texts, and 003, repeated."""
    import json

    texts = [seed]
    for path in (
        ROOT.parent / "shared" / "data" / "extraction" / "dev.jsonl",
        ROOT / "tests" / "data" / "extraction" / "own.jsonl",
    ):
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    parts, size, i = [], 0, 0
    while size < 1_000_000:
        part = texts[i % len(texts)] + "\n\n"
        parts.append(part)
        size += len(part.encode())
        i += 1
    return "".join(parts)


def main():
    print(f"Building {N_PROJECTS} projects of {N_ORGS} organisations in {WORK} ...")
    started = time.perf_counter()
    build()
    print(f"built in {time.perf_counter() - started:.0f} s")
    client = Client(HTTP_HOST="127.0.0.1")
    rows = []

    def page(url, params=None):
        response = client.get(url, params or {})
        assert response.status_code == 200, url
        return response.content

    for label, fn, repeat in [
        ("4W matrix, whole coalition (function)", lambda: fourw.matrix(fourw.Selection()), 10),
        ("4W matrix, one governorate (function)", lambda: fourw.matrix(fourw.Selection(place="SY09")), 20),
        ("4W page, whole coalition", lambda: page("/ar/4w/"), 10),
        ("4W page, one governorate", lambda: page("/ar/4w/", {"place": "SY09"}), 10),
        ("registry page, search 'water'", lambda: page("/ar/projects/", {"q": "water"}), 50),
        (
            "IATI export, one organisation (500)",
            lambda: page("/en/4w/", {"organisation": "org-0", "format": "iati"}),
            5,
        ),
    ]:
        queries, result = count_queries(fn)
        median, p95 = timed(fn, repeat)
        size = len(result) if isinstance(result, bytes) else 0
        rows.append((label, median, p95, queries, size, len(gzip.compress(result)) if size else 0))
    seed = (ROOT / "demo" / "seeds" / "003_member_projects.txt").read_text(encoding="utf-8")
    median, p95 = timed(lambda: extraction.extract(seed), 50)
    rows.append(("extraction of 003 (13 projects)", median, p95, 0, len(seed.encode()), 0))
    paste = one_megabyte_paste(seed)
    median, p95 = timed(lambda: extraction.extract(paste), 3)
    rows.append(("extraction of a 1 MB paste", median, p95, 0, len(paste.encode()), 0))
    print(f"\n{'measure':40} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'bytes':>9} {'gzip':>7}")
    for label, median, p95, queries, size, gz in rows:
        print(f"{label:40} {median:10.1f} {p95:8.1f} {queries:8} {size:9} {gz:7}")
    print(
        "\ntargets: 4W matrix whole coalition < 300 ms median; filtered registry page < 50 ms; extraction of 003 "
        "≤ 30 ms; a 1 MB paste ≤ 2 s"
    )
    print("reference (issue): Sahana Eden's project list, 10,000 projects: 1.6 s median")


if __name__ == "__main__":
    main()
