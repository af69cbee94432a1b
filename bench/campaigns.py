"""Benchmark of the advocacy pages: a statement signed by 2,000 organisations and a campaign timeline
with 500 events, in a throwaway SQLite database. Prints median and 95th percentile over 200 requests,
queries per request and bytes. Run with `make bench`."""

import datetime
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import start  # noqa: E402

WORK = start("campaigns")

from django.core.management import call_command
from django.db import connection
from django.test import Client

from campaigns.models import Campaign, FollowUp, Meeting, Signature, Statement, TimelineEvent
from coalition.models import Region
from members.models import Organisation

REQUESTS = 200


def build():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open(os.devnull, "w"))
    region = Region.objects.get(slug="deir-ez-zor")
    Organisation.objects.bulk_create(
        [
            Organisation(
                slug=f"signer-{i}",
                name_en=f"Signing Organisation {i}",
                name_ar=f"منظمة موقعة {i}",
                status=Organisation.Status.MEMBER,
                region=region,
            )
            for i in range(2000)
        ],
        batch_size=1000,
    )
    version = Statement.objects.get(slug="deir-ez-zor-electricity-statement").current_version()
    Signature.objects.bulk_create(
        [
            Signature(version=version, organisation=o, visibility=Signature.Visibility.NAMED)
            for o in Organisation.objects.filter(slug__startswith="signer-")
        ],
        batch_size=1000,
    )
    campaign = Campaign.objects.get(slug="deir-ez-zor-electricity")
    start = datetime.date(2022, 1, 1)
    TimelineEvent.objects.bulk_create(
        [
            TimelineEvent(
                campaign=campaign,
                kind=TimelineEvent.Kind.EVIDENCE,
                happened_on=start + datetime.timedelta(days=i),
                title_en=f"Article {i}",
                url=f"https://example.org/{i}",
            )
            for i in range(400)
        ]
    )
    for i in range(50):
        meeting = Meeting.objects.create(
            campaign=campaign,
            held_on=start + datetime.timedelta(days=7 * i),
            authority=f"Committee {i}",
            promised="An answer",
            is_public=True,
        )
        FollowUp.objects.create(meeting=meeting, promise=f"Promise {i}", owner="Committee")


def measure(client, url):
    executed = []
    client.get(url)
    with connection.execute_wrapper(lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)):
        body = client.get(url).content
    times = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return (
        statistics.median(times),
        times[int(len(times) * 0.95) - 1],
        len(executed),
        len(body),
        len(gzip.compress(body)),
    )


def main():
    print(f"Building a statement with 2,000 signatures and a 500-event timeline in {WORK} ...")
    build()
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"\n{'page':44} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'bytes':>8} {'gzip':>7}")
    for label, url in [
        ("statement page, 2,000 named signatories", "/ar/statements/deir-ez-zor-electricity-statement/"),
        ("signatures.json, 2,000 signatories", "/en/statements/deir-ez-zor-electricity-statement/signatures.json"),
        ("campaign timeline, 500 events", "/ar/campaigns/deir-ez-zor-electricity/"),
    ]:
        median, p95, queries, size, gz = measure(client, url)
        print(f"{label:44} {median:10.1f} {p95:8.1f} {queries:8} {size:8} {gz:7}")


if __name__ == "__main__":
    main()
