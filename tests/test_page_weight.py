"""The first load of the home page and the directory weighs at most 60 KB: HTML, CSS and JS as served
compressed (no images; fonts are only fetched by devices that lack them)."""

import re

import pytest

from tests.measure import BUDGET, first_load_bytes


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("url", ["/{lang}/", "/{lang}/members/"])
def test_first_load_within_budget(client, demo, url, lang):
    size = first_load_bytes(client, url.format(lang=lang))
    assert size <= BUDGET, f"{url}: {size} bytes"


def test_pages_make_no_third_party_requests(client, demo):
    for url in ("/ar/", "/ar/members/", "/ar/about/", "/ar/members/apply/", "/ar/accounts/login/"):
        html = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(https?:)?//(?!127\.0\.0\.1)[^"]+"', html)
        assert external == [], url
