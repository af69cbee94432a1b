"""Loading the last goods of a point at the same moment, against the real threaded server: however many
coordinators load at once, the point never gives more than it holds (on SQLite and on PostgreSQL, whichever the
suite runs on)."""

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Sum

from appeals.models import Appeal, CollectionPoint, Convoy, Item, ManifestLine, StockEntry, Truck
from tests.conftest import PASSWORD
from tests.test_signing_concurrency import _post, _session_for, server  # noqa: F401 - the fixture

SLUG = "here-is-syria"


def _coordinators(n, appeal):
    User = get_user_model()
    people = []
    for i in range(n):
        user = User.objects.create_user(f"coordinator{i}@example.org", PASSWORD, full_name=f"Coordinator {i}")
        appeal.coordinators.add(user)
        people.append(user)
    return people


def test_concurrent_loading_of_the_last_items_never_oversells(server):  # noqa: F811
    appeal = Appeal.objects.get(slug=SLUG)
    point = CollectionPoint.objects.get(appeal=appeal, organisation__slug="aso-center")
    item = Item.objects.get(name_en="Heater")
    StockEntry.objects.create(point=point, item=item, quantity=5, kind="intake")  # the last five heaters
    convoy = Convoy.objects.get(appeal=appeal, number=2)
    coordinators = _coordinators(8, appeal)
    trucks = [Truck.objects.create(convoy=convoy, plate=f"RACE-{i}") for i in range(8)]
    jobs = []
    for user, truck in zip(coordinators, trucks, strict=True):
        url = f"{server}/en/appeals/convoys/{convoy.code}/trucks/{truck.code}/load/"
        data = {f"t{truck.pk}-stock_0": f"{point.pk}:{item.pk}", f"t{truck.pk}-quantity_0": "2"}
        jobs.append((url, _session_for(user), data))
    start = threading.Barrier(len(jobs))

    def run(job):
        start.wait(timeout=30)
        return _post(*job)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        statuses = list(pool.map(run, jobs))
    # two trucks get two heaters each; the others are refused with the page (400), never a server error
    assert sorted(statuses) == [302, 302] + [400] * 6
    loaded = ManifestLine.objects.filter(item=item, point=point).aggregate(t=Sum("quantity"))["t"]
    assert loaded == Decimal(4)
    stock = StockEntry.objects.filter(point=point, item=item).aggregate(t=Sum("quantity"))["t"]
    assert stock == Decimal(1)
