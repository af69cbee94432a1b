"""Public pieces of the offline outbox: the service worker at the site's root, the server's public key, and the
page shown for any page that needs the network."""

import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from offline import keys, selectors


@require_safe
def worker(request):
    """The service worker, at /sw.js so that its scope is the whole site. Its first line carries the shell's
    version and files: any change of them makes browsers install the new worker."""
    config = {
        "version": selectors.shell_version(),
        "shell": selectors.shell_urls(),
        "offline": selectors.offline_page_urls(),
        "static": settings.STATIC_URL,
    }
    body = f"const CONFIG = {json.dumps(config)};\n" + selectors.WORKER_SOURCE.read_text()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def public_key(request):
    public = keys.current_public()
    response = JsonResponse(
        {"kid": public.kid, "crv": "P-256", "x": public.b64, "scheme": "ECDH-P256+HKDF-SHA256+AES-256-GCM"}
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def page(request):
    """Shown by the service worker in place of any page that was not kept on the phone."""
    return render(request, "offline/page.html")
