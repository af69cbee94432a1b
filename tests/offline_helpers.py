"""Making outbox records in Python exactly as offline.js makes them in the browser (offline/crypto.py seals the
same envelope), for the server-side tests, the views table and the benchmark."""

import datetime
import uuid

from django.urls import reverse
from django.utils import translation

from appeals.models import Appeal, CollectionPoint, Item
from offline import crypto

APPEAL = "here-is-syria"


def open_point(slug="astefir-al-zour"):
    Appeal.objects.filter(slug=APPEAL).update(status=Appeal.Status.OPEN)
    return CollectionPoint.objects.get(appeal__slug=APPEAL, organisation__slug=slug)


def intake_fields(client_uuid, *, item="Blanket", quantity="3", receipt="OFF-1"):
    item = Item.objects.get(name_en=item)
    return [
        ["csrfmiddlewaretoken", "stale-token-from-a-kept-page"],
        ["client_uuid", client_uuid],
        ["item", str(item.pk)],
        ["quantity", quantity],
        ["unit", item.unit],
        ["condition", "new"],
        ["donor_name", ""],
        ["receipt", receipt],
    ]


def record(user, kind, url, fields, *, client_id=None, lang="en", public=None, page=None):
    """The POST data of one outbox record: {client_id, kind, ciphertext}."""
    client_id = client_id or str(uuid.uuid4())
    payload = {
        "v": 1,
        "id": client_id,
        "kind": kind,
        "user": user.pk,
        "url": url,
        "page": page or url,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "fields": [[name, value] for name, value in fields],
    }
    return {
        "client_id": client_id,
        "kind": kind,
        "ciphertext": crypto.seal(payload, client_id=client_id, kind=kind, public=public),
    }


def intake_record(user, point, *, client_id=None, lang="en", **fields):
    client_id = client_id or str(uuid.uuid4())
    with translation.override(lang):
        url = reverse("appeals:intake", kwargs={"code": point.code})
        page = reverse("appeals:point", kwargs={"code": point.code})
    return record(user, "intake", url, intake_fields(client_id, **fields), client_id=client_id, lang=lang, page=page)


def submit_url(lang="en"):
    with translation.override(lang):
        return reverse("offline:submit")
