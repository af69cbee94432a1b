"""First visit on a slow line: each public page opened with an empty cache in Debian's Chromium, throttled by
Chromium's network emulation to 400 kbit/s down with 400 ms latency, as served in production (DEBUG off,
collected static files compressed by WhiteNoise, pages gzipped).

Prints, for each page, the bytes on the wire (HTML, CSS, JS and fonts; headers included), the first
contentful paint (text visible, in the fallback font if the web font is still on its way), the load event
and the moment the last byte of any resource arrived, and lists the font files fetched. A measure, not a
test: nothing here asserts a time. Run with `make bench`, or `python bench/first_visit.py /ar/ /en/about/`.
"""

import os
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import start

WORK = start("first-visit")

from django.core.management import call_command
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application

PAGES = ["/ar/", "/ar/members/", "/ar/4w/", "/en/", "/syr/"]
DOWN_KBIT = 400
LATENCY_MS = 400
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def build():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open(os.devnull, "w"))


def serve() -> str:
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def first_visit(browser, url: str) -> dict:
    """One page in a fresh browser context (empty cache, no cookies) under network emulation."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_KBIT * 1000 / 8,
            "uploadThroughput": DOWN_KBIT * 1000 / 8,
        },
    )
    urls, wire = {}, {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: wire.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(300)  # a font requested after the load event still counts
    timing = page.evaluate(
        """() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const fcp = performance.getEntriesByName("first-contentful-paint")[0];
          const ends = performance.getEntriesByType("resource").map(r => r.responseEnd);
          return {fcp: fcp ? fcp.startTime : null, load: nav.loadEventEnd,
                  done: Math.max(nav.responseEnd, ...ends)};
        }"""
    )
    context.close()
    fonts = sorted(
        (Path(urlsplit(urls[r]).path).name, size) for r, size in wire.items() if urls.get(r, "").endswith(".woff2")
    )
    return {"bytes": sum(wire.values()), "requests": len(wire), "fonts": fonts, **timing}


def main():
    from playwright.sync_api import sync_playwright

    build()
    base = serve()
    pages = sys.argv[1:] or PAGES
    print(f"First visit at {DOWN_KBIT} kbit/s, {LATENCY_MS} ms latency (Chromium emulation, empty cache):")
    print(f"{'page':16} {'KB':>6} {'req':>4} {'FCP s':>6} {'load s':>7} {'done s':>7}  fonts fetched (KB)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        first_visit(browser, base + pages[0])  # warm the server (templates, caches), not the browser
        for path in pages:
            r = first_visit(browser, base + path)
            fonts = ", ".join(f"{name} {size / 1024:.1f}" for name, size in r["fonts"]) or "none"
            fcp = f"{r['fcp'] / 1000:6.2f}" if r["fcp"] is not None else "     -"
            print(
                f"{path:16} {r['bytes'] / 1024:6.1f} {r['requests']:4d} {fcp} "
                f"{r['load'] / 1000:7.2f} {r['done'] / 1000:7.2f}  {fonts}"
            )
        browser.close()


if __name__ == "__main__":
    main()
