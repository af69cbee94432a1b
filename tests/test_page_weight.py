"""The first load of the home page and the directory weighs at most 60 KB: HTML, CSS and JS as served
compressed (no images; fonts are only fetched by devices that lack them)."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

BUDGET = 60 * 1024


def _first_load_bytes(client, url):
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    total = len(response.content)
    html = gzip.decompress(response.content).decode()
    for asset in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        with open(finders.find(asset), "rb") as f:
            total += len(gzip.compress(f.read(), compresslevel=9))
    return total


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("url", ["/{lang}/", "/{lang}/members/"])
def test_first_load_within_budget(client, demo, url, lang):
    size = _first_load_bytes(client, url.format(lang=lang))
    assert size <= BUDGET, f"{url}: {size} bytes"


def test_pages_make_no_third_party_requests(client, demo):
    for url in ("/ar/", "/ar/members/", "/ar/about/", "/ar/members/apply/", "/ar/accounts/login/"):
        html = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(https?:)?//(?!127\.0\.0\.1)[^"]+"', html)
        assert external == [], url
