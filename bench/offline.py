"""Benchmark of the offline outbox: the app shell's size on the wire (what the service worker keeps, fonts
included, compressed as the server sends it) and the time to open an offline form from the phone's cache
(Chromium, offline, a collection point's intake form opened online once). Run with `make bench`."""

import os
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import start  # noqa: E402

WORK = start("offline")
# Playwright runs an event loop in this thread; the ORM calls here are plain synchronous ones.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from django.core.management import call_command  # noqa: E402
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.test import Client  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
OPENINGS = 20


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def build():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open(os.devnull, "w"))


def shell_on_the_wire() -> tuple[int, int]:
    from offline import selectors

    client = Client(HTTP_HOST="127.0.0.1")
    wire = fonts = 0
    for url in selectors.shell_urls():
        response = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
        assert response.status_code == 200, (url, response.status_code)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        wire += len(body)
        fonts += len(body) if url.endswith(".woff2") else 0
    return wire, fonts


def session_for(user) -> str:
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def open_offline() -> list[float]:
    from django.contrib.auth import get_user_model
    from playwright.sync_api import sync_playwright

    from appeals.models import Appeal, CollectionPoint

    Appeal.objects.update(status=Appeal.Status.OPEN)
    point = CollectionPoint.objects.get(organisation__slug="astefir-al-zour")
    editor = get_user_model().objects.get(email="editor@demo.civnet.invalid")
    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://localhost:{server.server_address[1]}"
    url = f"{base}/ar/appeals/points/{point.code}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 375, "height": 800}, service_workers="allow")
        context.add_cookies([{"name": "sessionid", "value": session_for(editor), "url": base}])
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("() => navigator.serviceWorker.controller !== null")
        page.reload()
        for _ in range(100):
            if page.evaluate("caches.open('civnet-pages').then((c) => c.match(location.pathname)).then(Boolean)"):
                break
            page.wait_for_timeout(100)
        context.set_offline(True)
        times = []
        for _ in range(OPENINGS):
            began = time.perf_counter()
            page.goto(url, wait_until="load")
            times.append((time.perf_counter() - began) * 1000)
            assert page.evaluate("document.documentElement.hasAttribute('data-offline-copy')")
        browser.close()
    server.shutdown()
    return times


def main():
    build()
    wire, fonts = shell_on_the_wire()
    print(f"offline shell on the wire: {wire / 1024:.1f} KB (fonts {fonts / 1024:.1f} KB), budget 350 KB")
    if not os.path.exists(CHROMIUM):
        print("offline form from the cache: skipped (no Chromium)")
        return
    times = sorted(open_offline())
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"offline intake form opened from the cache (Chromium, offline, {OPENINGS} times): "
        f"median {statistics.median(times):.0f} ms, p95 {p95:.0f} ms"
    )


if __name__ == "__main__":
    main()
