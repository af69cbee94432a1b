"""What a first visit costs on a slow line. Served compressed, the HTML, CSS and JS of the home page and the
directory weigh at most 60 KB; with the fonts the browser downloads, a first visit of the main public pages in
each script weighs at most 100 KB, measured in Chromium (bench/first_visit.py times the same visit at 400 kbit/s).
"""

import gzip
import re

import pytest

from tests.measure import BUDGET, first_load_bytes
from tests.test_browser import browser  # noqa: F401  (the Chromium fixture of the browser tests, shared)

FIRST_VISIT_BUDGET = 100 * 1024
FIRST_VISIT_PAGES = ["/ar/", "/ar/members/", "/ar/4w/", "/en/", "/syr/", "/ku/", "/ar/statements/{statement}/"]
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


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


def first_visit(browser, url: str) -> tuple[int, list[str]]:  # noqa: F811
    """Bytes on the wire of one page opened with an empty cache, every resource included (fonts too), and what
    was fetched. The test server does not compress static files as WhiteNoise does in production, so a text file
    that came uncompressed counts at its gzip size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    responses, finished = {}, {}
    cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], e["response"]))
    cdp.on("Network.loadingFinished", lambda e: finished.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(200)  # a font asked for after the load event still counts
    total, fetched = 0, []
    for request_id, size in sorted(finished.items()):
        response = responses.get(request_id)
        if response is None or not response["url"].startswith("http"):
            continue  # a data: address costs nothing on the wire
        headers = {k.lower(): v for k, v in response["headers"].items()}
        if response["mimeType"].startswith(TEXT_TYPES) and "content-encoding" not in headers:
            body = cdp.send("Network.getResponseBody", {"requestId": request_id})
            raw = body["body"].encode() if not body["base64Encoded"] else b""
            size = size - len(raw) + len(gzip.compress(raw, compresslevel=9))
        total += size
        fetched.append(f"{response['url'].rsplit('/', 1)[-1] or response['url']} {size / 1024:.1f} KB")
    context.close()
    return total, fetched


@pytest.mark.browser
def test_first_visit_with_its_fonts_within_100_kb(browser, live_server, transactional_db, demo):  # noqa: F811
    """Fonts included: each script's face is fetched only where the script is on the page."""
    from campaigns.models import Statement

    statement = Statement.objects.order_by("pk").first().slug
    heavy = []
    for path in FIRST_VISIT_PAGES:
        size, fetched = first_visit(browser, live_server.url + path.format(statement=statement))
        if size > FIRST_VISIT_BUDGET:
            heavy.append(f"{path}: {size / 1024:.1f} KB: {', '.join(fetched)}")
    assert not heavy, "\n".join(heavy)
