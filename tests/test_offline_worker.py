"""The service worker as the server gives it: at the root with scope /, never cached without revalidation, a
version that follows the shell's files, a shell within its byte budget, and the CSP changed only by worker-src."""

import gzip
import json
import re

from django.conf import settings

from offline import selectors


def _config(body: str) -> dict:
    first = body.splitlines()[0]
    assert first.startswith("const CONFIG = ") and first.endswith(";")
    return json.loads(first[len("const CONFIG = ") : -1])


def test_the_worker_is_served_from_the_root_for_the_whole_site(client, demo):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    config = _config(body)
    assert config["version"] == selectors.shell_version()
    assert set(config["offline"]) == {"ar", "ku", "syr", "en"}
    assert all(url in config["shell"] for url in config["offline"].values())
    # The worker never opens the outbox: an update cannot touch waiting records.
    assert "indexedDB" not in body
    # No page is cached by the worker itself: it serves only the pruned copies offline.js kept of form pages.
    assert "cache.put(request" in body and "caches.open(PAGES)" in body
    assert client.post("/sw.js").status_code == 405


def test_the_version_changes_with_any_file_of_the_shell(monkeypatch, tmp_path, demo):
    before = selectors.shell_version()
    worker = tmp_path / "worker.js"
    worker.write_text(selectors.WORKER_SOURCE.read_text() + "\n// changed\n")
    monkeypatch.setattr(selectors, "WORKER_SOURCE", worker)
    selectors._version_of.cache_clear()
    try:
        assert selectors.shell_version() != before
    finally:
        monkeypatch.undo()
        selectors._version_of.cache_clear()
    assert selectors.shell_version() == before


def test_the_shell_fits_its_budget_on_the_wire_fonts_included(client, demo):
    total = 0
    fonts = 0
    for url in selectors.shell_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        wire = len(body) if url.endswith(".woff2") else len(gzip.compress(body, 9))
        fonts += url.endswith(".woff2")
        total += wire
    assert fonts == 7
    assert total <= selectors.SHELL_BUDGET, f"the shell is {total} bytes on the wire"


def test_the_csp_is_unchanged_but_for_worker_src(client, demo):
    policy = client.get("/en/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["worker-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["default-src"] == "'self'"
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]
    page = client.get("/en/").content.decode()
    # No inline script: the only script elements are external files and the JSON configuration.
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_every_offline_page_is_in_its_language(client, demo):
    for lang, url in selectors.offline_page_urls().items():
        page = client.get(url)
        assert page.status_code == 200
        assert f'lang="{lang}"' in page.content.decode() and "data-offline-fallback" in page.content.decode()
