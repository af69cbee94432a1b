"""Benchmark of an appeal: 50 collection points, 20,000 intake records and 10 convoys, in a throwaway SQLite
database. Prints the median and 95th percentile of the public page, of the stock of a point, and of saving a
200-line manifest (each saved in its own truck, from the stock). Run with `make bench`."""

import datetime
import os
import random
import sys
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import start, timed  # noqa: E402

WORK = start("appeals")

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client

from appeals import selectors, services
from appeals.models import Appeal, CollectionPoint, Convoy, Item, Partner, StockEntry, Truck
from core import reference
from members.models import Organisation
from places.models import Place

POINTS, INTAKES, CONVOYS, LINES = 50, 20_000, 10, 200


def build():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open(os.devnull, "w"))
    officer = get_user_model().objects.get(email="tech@demo.civnet.invalid")
    appeal = Appeal.objects.create(slug="bench", title_en="Bench appeal", opens_on=datetime.date(2023, 2, 9))
    partner = Partner.objects.first()
    appeal.partners.add(partner)
    organisations = list(Organisation.objects.filter(status="member"))
    places = list(Place.objects.filter(level=3)[:POINTS])
    points = CollectionPoint.objects.bulk_create(
        [
            CollectionPoint(appeal=appeal, organisation=organisations[i % len(organisations)], place=places[i])
            for i in range(POINTS)
        ]
    )
    items = list(Item.objects.all())
    rng = random.Random(14)
    StockEntry.objects.bulk_create(
        [
            StockEntry(point=points[i % POINTS], item=rng.choice(items), quantity=rng.randint(50, 500), kind="intake")
            for i in range(INTAKES)
        ],
        batch_size=2000,
    )
    for n in range(CONVOYS):
        convoy = services.convoy_create(actor=officer, appeal=appeal, fields={"crossing": "Bench", "partner": partner})
        for t in range(5):
            truck = services.truck_add(
                actor=officer, convoy=convoy, plate=f"B-{n}-{t}", driver_name="", driver_phone=""
            )
            services.manifest_load(actor=officer, truck=truck, lines=[(points[(n + t) % POINTS], items[0], 1)])
        if n < 8:
            services.convoy_depart(actor=officer, convoy=convoy)
            services.convoy_arrive(actor=officer, convoy=convoy)
    return appeal, points, items, officer


def main():
    print(f"Building an appeal with {POINTS} points, {INTAKES:,} intake records and {CONVOYS} convoys in {WORK} ...")
    appeal, points, items, officer = build()
    client = Client(HTTP_HOST="127.0.0.1")
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        client.get("/ar/appeals/bench/")
    page = timed(lambda: client.get("/ar/appeals/bench/"), 100)

    def first_reader():  # the first reader after a write computes the account from the ledgers
        reference.bump("appeals")
        client.get("/ar/appeals/bench/")

    cold = timed(first_reader, 30)
    stock = timed(lambda: selectors.stock_of_point(points[7]), 200)
    # Each run saves 200 lines on a new truck of a convoy still loading, from what the points hold.
    convoy = Convoy.objects.filter(appeal=appeal, status="loading").first()
    lines = [(points[i % POINTS], items[i % len(items)], Decimal(1)) for i in range(LINES)]
    counter = iter(range(10_000))

    def save_manifest():
        truck = Truck.objects.create(convoy=convoy, plate=f"M-{next(counter)}")
        services.manifest_load(actor=officer, truck=truck, lines=lines)

    manifest = timed(save_manifest, 20)
    print(f"\n{'measure':48} {'median ms':>10} {'p95 ms':>8}   target")
    print(f"{'public page (ar), ' + str(len(queries)) + ' queries, first reader':48} {cold[0]:10.1f} {cold[1]:8.1f}")
    print(f"{'public page (ar), the next readers (cached)':48} {page[0]:10.1f} {page[1]:8.1f}   < 50 ms")
    print(f"{'stock of a point (400 records)':48} {stock[0]:10.1f} {stock[1]:8.1f}   < 10 ms")
    print(f"{'a 200-line manifest saved':48} {manifest[0]:10.1f} {manifest[1]:8.1f}   < 200 ms")


if __name__ == "__main__":
    main()
