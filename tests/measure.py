"""What the tests measure about a page: queries it makes, and bytes of its first load."""

import gzip
import re

from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

BUDGET = 60 * 1024


def queries(client, url, params=None, *, clear_cache=False) -> int:
    if clear_cache:
        from django.core.cache import cache

        cache.clear()  # measure the computation, not cached figures
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def first_load_bytes(client, url) -> int:
    """HTML + CSS + JS as served compressed; no images (fonts load only on devices that lack them)."""
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    total = len(response.content)
    html = gzip.decompress(response.content).decode()
    for asset in re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        with open(finders.find(asset), "rb") as f:
            total += len(gzip.compress(f.read(), compresslevel=9))
    return total
