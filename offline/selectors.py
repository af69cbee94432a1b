"""Reads of the offline outbox: the shell the service worker keeps, its version, the page's configuration."""

import functools
import hashlib
import hmac
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.i18n import LANGUAGE_CODES
from offline import keys, kinds
from offline.models import OutboxReceipt

# The app shell: what every offline page needs. Its size on the wire is held under SHELL_BUDGET by a test.
SHELL_STATIC = (
    "css/civnet.css",
    "js/civnet.js",
    "offline/offline.js",
    "img/favicon.svg",
    "fonts/latin-400.woff2",
    "fonts/latin-700.woff2",
    "fonts/arabic-400.woff2",
    "fonts/arabic-700.woff2",
    "fonts/arabic-label.woff2",
    "fonts/syriac-400.woff2",
    "fonts/syriac-label.woff2",
)
SHELL_BUDGET = 350 * 1024
WORKER_SOURCE = Path(__file__).resolve().parent / "worker.js"


def offline_page_urls() -> dict[str, str]:
    urls = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            urls[code] = reverse("offline:page")
    return urls


def shell_urls() -> list[str]:
    return [static(path) for path in SHELL_STATIC] + list(offline_page_urls().values())


@functools.lru_cache(maxsize=4)
def _version_of(kid: str) -> str:
    digest = hashlib.sha256(WORKER_SOURCE.read_bytes())
    for path in SHELL_STATIC:
        found = finders.find(path)
        digest.update(path.encode() + b"\0" + (Path(found).read_bytes() if found else b"missing"))
    template = Path(__file__).resolve().parent / "templates" / "offline"
    for name in ("page.html", "_waiting.html"):
        digest.update((template / name).read_bytes())
    digest.update(kid.encode())
    return digest.hexdigest()[:16]


def shell_version() -> str:
    """Changes whenever a file of the shell, the worker, the offline page or the server's current key changes."""
    return _version_of(keys.current_kid())


def owner_tag(user) -> str:
    """An opaque mark of the person a record belongs to, kept beside the ciphertext on the phone: lets the page count
    and send only the signed-in person's records without storing who they are."""
    if not user.is_authenticated:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), f"outbox-owner:{user.pk}".encode(), hashlib.sha256).hexdigest()[:24]


def page_config(request) -> dict:
    """What offline.js reads from the page (a JSON script element): addresses, the server's key, translated words."""
    public = keys.current_public()
    user = request.user
    return {
        "worker": reverse("offline_worker"),
        "status": reverse("offline:status"),
        "submit": reverse("offline:submit"),
        "reopen": reverse("offline:reopen"),
        "outbox": reverse("offline:outbox"),
        "logout": reverse("account_logout"),
        "key": {"kid": public.kid, "x": public.b64},
        "owner": owner_tag(user),
        "user": user.pk if user.is_authenticated else None,
        "lang": translation.get_language(),
        "kinds": kinds.labels(),
        "t": {
            "saved": _("Saved on this phone, not yet sent. It is sent when the connection returns."),
            "counter": _("Waiting to be sent: %(count)s"),
            "sending": _("Sending what waits on this phone…"),
            "sent": _("Sent: %(count)s."),
            "refused": _("Refused: %(count)s. Open the outbox to see why and fix them."),
            "sign_in": _("Sign in to send what waits on this phone."),
            "other_person": _("Made with another account: sign in as that person to send it."),
            "offline": _("You are offline. Forms you opened online can be filled: they are saved on this phone."),
            "failed": _("Not sent now: it stays on this phone and is sent later."),
            "logout": _(
                "%(count)s records on this phone have not been sent yet. They stay encrypted on this phone and are "
                "sent the next time you sign in here with a connection. If this phone may be cleared, export them "
                "first. Sign out anyway?"
            ),
            "none": _("Nothing waits on this phone."),
            "waiting": _("waiting"),
            "refused_one": _("refused"),
            "made": _("made %(time)s"),
            "discard": _("Discard"),
            "discard_confirm": _("Discard this record? It will never be sent."),
            "fix": _("Open in its form to fix"),
            "not_here": _("This record is not on this phone."),
            "reopen_failed": _("The record could not be opened: check the connection and try again."),
            "replaces": _("You are fixing a refused record: sending this form replaces it."),
            "imported": _("Imported: %(count)s records (already there: %(known)s)."),
            "import_bad": _("This file is not an outbox exported by CivNet."),
            "exported": _("Exported: %(count)s records, still encrypted."),
            "not_persisted": _(
                "This browser may clear stored data when the phone runs short of space: export waiting records to a "
                "file to be safe."
            ),
            "no_crypto": _("This browser cannot encrypt records: this form needs the network."),
            "file_name": _("civnet-outbox"),
        },
    }


def receipts_for(user, *, limit: int = 50):
    return list(OutboxReceipt.objects.filter(user=user).exclude(status=OutboxReceipt.Status.PENDING)[:limit])
