"""List and profile pages make a constant number of queries, whatever the number of organisations."""

import pytest
from django.core.cache import cache

from coalition.models import Region
from core import reference
from members.models import Organisation, Sector
from tests.measure import queries


def _add_organisations(n):
    regions = list(Region.objects.all())
    sectors = list(Sector.objects.all())
    for i in range(n):
        org = Organisation.objects.create(
            slug=f"synthetic-{i}",
            name_en=f"Synthetic Organisation {i}",
            name_ar=f"منظمة تجريبية {i}",
            region=regions[i % len(regions)],
            status="member",
            search_text=f" synthetic organisation {i} ",
        )
        org.sectors.set(sectors[i % 3 : i % 3 + 2])


@pytest.mark.parametrize(
    ("url", "params"),
    [
        ("/ar/members/", {}),
        ("/ar/members/", {"q": "منظمة"}),
        ("/en/members/", {"region": "raqqa", "sector": "youth"}),
        ("/ar/members/astefir-al-zour/", {}),
        ("/ar/regions/raqqa/", {}),
        ("/ar/", {}),
        ("/ar/bodies/", {}),
    ],
)
def test_query_count_does_not_grow_with_members(client, demo, url, params):
    # Both measures start from an empty cache: what a page caches must not hide, or fake, a growing count.
    cache.clear()
    reference.clear()
    small = queries(client, url, params)
    _add_organisations(60)
    cache.clear()
    reference.clear()
    assert queries(client, url, params) == small
    assert small <= 8
