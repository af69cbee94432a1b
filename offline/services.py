"""One path for every record arriving from an outbox: open it, check it belongs to the person sending it, and
hand its fields to the very view the form posts to online, with the person's own request (session, sign-in,
two-factor already checked by the middleware on the way in), so permissions, validation and services are exactly
those of an online submit. A receipt per (person, record) makes a replay answer "already recorded".

How the view's answer is read, for every form alike:
- a redirect is a success, unless the view left an error message (`core.views.attempt` turns a `Refused` into one
  and some views redirect after it): then the record is refused with that message;
- any other page is the form coming back: refused, with the errors it shows (its error summary, its field errors,
  its error messages), in the language of the page the person sends from;
- 403 or 404 from the view (a lost role, something gone) is refused with a sentence saying so;
- a server error leaves nothing recorded and the record waiting on the phone, to be sent again later."""

import copy
import datetime
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

from django.contrib.messages import constants
from django.contrib.messages.storage.base import BaseStorage
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.i18n import LANGUAGE_CODES
from offline import crypto, kinds
from offline.models import OutboxReceipt

# Fields a record never hands to a view: the page's CSRF token is stale by the time a record is sent (the outbox's
# own request carries a fresh one).
SKIPPED_FIELDS = {"csrfmiddlewaretoken"}


class OtherPerson(Exception):
    """The record was made by another account than the one sending it: it waits until that person signs in."""


class ViewFailed(Exception):
    """The view answered with a server error: nothing is kept, the record waits."""


@dataclass
class Result:
    receipt: OutboxReceipt
    already: bool
    http_status: int = 200


def unreadable_message(reason: str) -> str:
    if reason == "key":
        return _(
            "This record was sealed for a key the server no longer holds, so it cannot be read: nothing was "
            "recorded. Fill the form again."
        )
    if reason == "mismatch":
        return _("This record does not match the form it says it is for: nothing was recorded.")
    return _("This record is damaged and cannot be read: nothing was recorded.")


class _Captured(BaseStorage):
    """The dispatched view's messages, kept for the receipt instead of waiting for the person's next page."""

    def _get(self, *args, **kwargs):
        return [], True

    def _store(self, messages, response, *args, **kwargs):
        return []


class _Errors(HTMLParser):
    """The texts a re-rendered form shows as errors: its error summary's items, else its fields' error lists."""

    def __init__(self):
        super().__init__()
        self.summary: list[str] = []
        self.fields: list[str] = []
        self._stack: list[tuple[str, str | None]] = []  # (tag, which list an <li> inside it feeds)
        self._item: list[str] | None = None
        self._target: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr"):
            return
        classes = (dict(attrs).get("class") or "").split()
        inherited = self._stack[-1][1] if self._stack else None
        feeds = "summary" if "error-summary" in classes else "fields" if "errorlist" in classes else inherited
        self._stack.append((tag, feeds))
        if tag == "li" and feeds and self._item is None:
            self._item, self._target = [], getattr(self, feeds)

    def handle_endtag(self, tag):
        while self._stack:
            open_tag, _feeds = self._stack.pop()
            if open_tag == "li" and self._item is not None and self._target is not None:
                text = " ".join("".join(self._item).split())
                if text:
                    self._target.append(text)
                self._item = self._target = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._item is not None:
            self._item.append(data)


def page_errors(html: str) -> list[str]:
    parser = _Errors()
    parser.feed(html)
    parser.close()
    return parser.summary or list(dict.fromkeys(parser.fields))


def localised(url: str, language: str) -> tuple[str, str]:
    """The form's path in the language the record is sent in (every CivNet page path starts with its language)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        raise crypto.Unreadable("mismatch")
    segments = parts.path.split("/")
    if len(segments) > 2 and segments[1] in LANGUAGE_CODES:
        segments[1] = language
    return "/".join(segments), parts.query


def _inner_request(request, path: str, query: str, fields: list, match):
    inner = copy.copy(request)
    inner.method = "POST"
    inner.path_info = path
    inner.path = f"{request.META.get('SCRIPT_NAME', '').rstrip('/')}{path}"
    inner.META = {**request.META, "PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": "POST"}
    inner.GET = QueryDict(query)
    post = QueryDict(mutable=True)
    for name, value in fields:
        if name not in SKIPPED_FIELDS:
            post.appendlist(name, value)
    post._mutable = False
    inner._post, inner._files = post, MultiValueDict()
    inner.resolver_match = match
    inner._messages = _Captured(inner)
    inner.csrf_processing_done = True  # the outbox's own request passed the CSRF check
    inner.offline_record = True  # a view may tell a record from the outbox (none needs to)
    return inner


def _joined(texts) -> str:
    return "\n".join(dict.fromkeys(str(t) for t in texts if str(t).strip()))


def _run(request, match, path: str, query: str, fields: list) -> tuple[str, str, str, int]:
    """(status, message, object url, HTTP status for the outbox's answer)."""
    inner = _inner_request(request, path, query, fields, match)
    try:
        response = match.func(inner, *match.args, **match.kwargs)
    except PermissionDenied:
        return (
            OutboxReceipt.Status.REFUSED,
            _(
                "You no longer have the role this form needs, so nothing was recorded. Ask your organisation's "
                "admin if you should still have it."
            ),
            "",
            403,
        )
    except Http404:
        return (
            OutboxReceipt.Status.REFUSED,
            _(
                "This form is no longer open to you (you may have lost the role it needs), or what it records no "
                "longer exists: nothing was recorded."
            ),
            "",
            404,
        )
    if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
        response.render()
    messages = list(inner._messages)
    errors = [m.message for m in messages if m.level >= constants.ERROR]
    if response.status_code >= 500:
        raise ViewFailed(response.status_code)
    if response.status_code in (301, 302, 303, 307, 308):
        if errors:
            return OutboxReceipt.Status.REFUSED, _joined(errors), "", 422
        return OutboxReceipt.Status.ACCEPTED, _joined(m.message for m in messages), response["Location"], 200
    content = response.content.decode(response.charset or "utf-8", "replace") if not response.streaming else ""
    reasons = _joined([*errors, *page_errors(content)]) or _(
        "The form came back without being recorded: open it to check it and send it again."
    )
    return (
        OutboxReceipt.Status.REFUSED,
        reasons,
        "",
        response.status_code if response.status_code in (403, 404) else 422,
    )


def _made_at(value) -> datetime.datetime | None:
    try:
        made = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return made if made.tzinfo else None


def _receipt_once(*, actor, client_id, kind, made_at):
    """Create the receipt, or find the one a previous sending made (which another request may be writing: the
    unique constraint makes this one wait for it, on PostgreSQL as on SQLite)."""
    try:
        with transaction.atomic():
            return OutboxReceipt.objects.create(user=actor, client_id=client_id, kind=kind, made_at=made_at), True
    except IntegrityError:
        return OutboxReceipt.objects.get(user=actor, client_id=client_id), False


@transaction.atomic
def record_submit(*, actor, request, client_id: str, kind: str, envelope: str) -> Result:
    """Open the record and dispatch it to its form's view, once per person and record identifier."""
    try:
        payload = crypto.open_envelope(envelope, client_id=client_id, kind=kind)
        entry = kinds.KINDS.get(kind)
        if entry is None:
            raise crypto.Unreadable("mismatch")
        if payload.get("user") != actor.pk:
            raise OtherPerson
        path, query = localised(str(payload.get("url", "")), get_language())
        try:
            match = resolve(path)
        except Resolver404:
            raise crypto.Unreadable("mismatch") from None
        if match.view_name != entry.url_name:
            raise crypto.Unreadable("mismatch")
    except crypto.Unreadable as unreadable:
        receipt, created = _receipt_once(actor=actor, client_id=client_id, kind=kind, made_at=None)
        if created:
            receipt.status, receipt.message = OutboxReceipt.Status.REFUSED, unreadable_message(unreadable.reason)
            receipt.save(update_fields=["status", "message"])
        return Result(receipt=receipt, already=not created, http_status=422)
    receipt, created = _receipt_once(
        actor=actor, client_id=client_id, kind=kind, made_at=_made_at(payload.get("created_at"))
    )
    if not created:
        return Result(receipt=receipt, already=True)
    status, message, url, http_status = _run(request, match, path, query, payload["fields"])
    receipt.status, receipt.message, receipt.object_url = status, message, url[:500]
    receipt.save(update_fields=["status", "message", "object_url"])
    return Result(receipt=receipt, already=False, http_status=http_status)


@transaction.atomic
def reopen(*, actor, client_id: str, kind: str, envelope: str) -> dict:
    """A refused record's form address and fields, for its owner to fix it (nothing is stored in clear on the
    phone: the page fills the form from this answer). Marks the receipt as opened again."""
    receipt = OutboxReceipt.objects.filter(user=actor, client_id=client_id, status=OutboxReceipt.Status.REFUSED).first()
    if receipt is None:
        raise Http404
    try:
        payload = crypto.open_envelope(envelope, client_id=client_id, kind=kind)
        # The page the form was on (its action may be another address, answering POST only).
        path, query = localised(str(payload.get("page") or payload.get("url", "")), get_language())
    except crypto.Unreadable:
        raise Http404 from None
    if payload.get("user") != actor.pk:
        raise Http404
    OutboxReceipt.objects.filter(pk=receipt.pk).update(reopened_at=timezone.now())
    fields = [pair for pair in payload["fields"] if pair[0] not in SKIPPED_FIELDS | {"client_uuid"}]
    return {"url": f"{path}?{query}" if query else path, "fields": fields}
