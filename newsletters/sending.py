"""Sending an issue: one Delivery row per subscriber, worked off by a background task through Django's email
backend (EMAIL_URL: smtp://, smtps://, console://, file://, locmem://).

Claims. A worker claims a batch of due rows with a conditional update that writes its own random token
(`claim`) and the time (`claimed_at`). Immediately before sending a row it renews that ONE row's lease with a
conditional update on its token, and skips the row if the update finds nothing (another worker took it over);
it marks a row sent, or failed, only on its token. A row whose lease (LEASE, minutes) ran out while its batch
waited is therefore taken over by at most one other worker, and the first one, arriving at it later, skips it.
A row being sent had its lease renewed a moment ago, and one message's dialogue is bounded by the SMTP timeout
(each read or write waits at most EMAIL_TIMEOUT, 30 s when unset; about six of them per message), far below
the lease, so it is not taken over while its worker is still talking to the server. Should that happen anyway
(a stalled worker), marking sent on the token fails and the SMTP worker drops the connection before the
end-of-data mark, so the server discards its copy.

Exactly once over SMTP: on the backend's own connection (opened by Django with SSL, STARTTLS and login as
configured) the message is written by hand and the row is marked sent *before* the end-of-data mark. A worker
killed while the server holds the message but has not answered leaves a sent row: no second copy. Killed
before the mark, the server discards the unfinished message and the row is sent again. The one moment that
loses a message is a kill between the database commit and the next write of three bytes (microseconds), or a
server that never answers the end-of-data mark (the row stays sent); no moment doubles one.
Other backends (console, file, locmem) are handed the same message, and the row is marked sent after it.
Refused recipients and dropped connections are logged per row and retried with backoff."""

import datetime
import logging
import re
import smtplib
import socket
import time
import uuid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.mail.message import sanitize_address
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from newsletters.models import Delivery, Issue
from newsletters.selectors import issue_context

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
LEASE = datetime.timedelta(minutes=5)
# Seconds one SMTP read or write may wait when EMAIL_TIMEOUT is unset: it bounds a message's dialogue.
DEFAULT_TIMEOUT = 30


def _claimable(issue_id, now):
    return Delivery.objects.filter(issue_id=issue_id).filter(
        Q(status=Delivery.Status.QUEUED)
        | Q(status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=now)
        | Q(status=Delivery.Status.SENDING, claimed_at__lt=now - LEASE)  # its worker died or stalled
    )


def unfinished(now):
    """Deliveries of any issue that still have to go out, now or at a later retry (`send_newsletters`)."""
    return Delivery.objects.filter(
        Q(status=Delivery.Status.QUEUED)
        | Q(status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
        | Q(status=Delivery.Status.SENDING, claimed_at__lt=now - LEASE)
    )


def _backoff(attempts: int) -> datetime.timedelta:
    return datetime.timedelta(seconds=min(3600, 30 * 2**attempts))


class Editions:
    """The issue rendered once per language; only the subscriber's own links differ between messages."""

    def __init__(self, issue):
        self.issue = issue
        self.cache = {}

    def message(self, delivery) -> EmailMultiAlternatives:
        lang = delivery.language
        if lang not in self.cache:
            with translation.override(lang):
                context = issue_context(self.issue)
                context["base_url"] = settings.CIVNET_BASE_URL
                subject = f"{self.issue.title} — {self.issue.number}"
                text = render_to_string("newsletters/email/issue.txt", context)
                html = render_to_string("newsletters/email/issue.html", context)
                prefix = settings.CIVNET_BASE_URL + reverse("newsletters:unsubscribe", args=["TOKEN"]).replace(
                    "TOKEN/", ""
                )
            self.cache[lang] = (subject, text, html, prefix)
        subject, text, html, prefix = self.cache[lang]
        unsubscribe = f"{prefix}{delivery.subscriber.token}/"
        message = EmailMultiAlternatives(
            subject,
            text.replace("__UNSUBSCRIBE__", unsubscribe),
            settings.DEFAULT_FROM_EMAIL,
            [delivery.subscriber.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Message-ID": f"<issue-{self.issue.number}-{delivery.pk}@{settings.CIVNET_BASE_URL.split('//')[-1].split(':')[0]}>",
            },
        )
        message.attach_alternative(html.replace("__UNSUBSCRIBE__", unsubscribe), "text/html")
        return message


# --- claims ----------------------------------------------------------------------------------------------


def _claim_batch(issue_id: int, claim: str, size: int) -> list[Delivery] | None:
    """Claim up to `size` due rows for this worker; None when nothing is due."""
    now = timezone.now()
    ids = list(_claimable(issue_id, now).order_by("pk").values_list("pk", flat=True)[:size])
    if not ids:
        return None
    # Conditional: a row another worker claimed between the two queries is no longer claimable.
    _claimable(issue_id, now).filter(pk__in=ids).update(status=Delivery.Status.SENDING, claimed_at=now, claim=claim)
    return list(Delivery.objects.filter(pk__in=ids, claim=claim).select_related("subscriber").order_by("pk"))


def _take(delivery, claim: str) -> bool:
    """Renew the lease of this one row just before its message goes out; False if another worker has it."""
    return bool(
        Delivery.objects.filter(pk=delivery.pk, claim=claim, status=Delivery.Status.SENDING).update(
            claimed_at=timezone.now()
        )
    )


def _mark_sent(delivery, claim: str, message, now) -> bool:
    return bool(
        Delivery.objects.filter(pk=delivery.pk, claim=claim, status=Delivery.Status.SENDING).update(
            status=Delivery.Status.SENT, sent_at=now, error="", message_id=message.extra_headers["Message-ID"]
        )
    )


def _fail(delivery, claim: str, reason: str, now):
    Delivery.objects.filter(pk=delivery.pk, claim=claim).update(
        status=Delivery.Status.FAILED,
        attempts=F("attempts") + 1,
        error=reason[:500],
        next_attempt_at=now + _backoff(delivery.attempts + 1),
        sent_at=None,
    )
    log.warning("delivery %s to %s failed: %s", delivery.pk, delivery.subscriber.email, reason)


def _taken_over(delivery):
    log.warning("delivery %s to %s was taken over by another worker; left to it", delivery.pk, delivery.subscriber)


# --- the backends ----------------------------------------------------------------------------------------


def _backend():
    backend = get_connection()
    if isinstance(backend, SMTPBackend) and backend.timeout is None:
        backend.timeout = DEFAULT_TIMEOUT  # the claims' safety rests on a bounded dialogue
    return backend


def _smtp(backend: SMTPBackend) -> smtplib.SMTP:
    """The backend's own connection (SMTP or SMTP_SSL, STARTTLS and login done by Django), opened if needed."""
    if backend.connection is None:
        backend.open()
        # The end-of-data mark is a separate small write: without NODELAY, Nagle's algorithm and delayed
        # acknowledgements hold every message for ~40 ms.
        backend.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        backend.connection.ehlo_or_helo_if_needed()
    return backend.connection


def _drop(backend: SMTPBackend):
    """Close the SMTP connection without QUIT: in the middle of a message a QUIT would be read as its text;
    the server discards a message whose end-of-data mark never came. The next message opens a new one."""
    connection, backend.connection = backend.connection, None
    if connection is not None:
        connection.close()


def _close(backend):
    try:
        backend.close()
    except (smtplib.SMTPException, OSError):
        if isinstance(backend, SMTPBackend):
            _drop(backend)


def _send_smtp(backend: SMTPBackend, delivery, message, claim: str) -> bool | None:
    """SMTP by hand, so the row is marked sent between the message and its end-of-data mark."""
    now = timezone.now()
    connection = _smtp(backend)
    encoding = message.encoding or settings.DEFAULT_CHARSET
    data = message.message().as_bytes(linesep="\r\n")
    code, reply = connection.mail(sanitize_address(message.from_email, encoding))
    if code != 250:
        connection.rset()
        _fail(delivery, claim, f"MAIL FROM refused: {code} {reply!r}", now)
        return False
    code, reply = connection.rcpt(sanitize_address(delivery.subscriber.email, encoding))
    if code not in (250, 251):
        connection.rset()
        _fail(delivery, claim, f"recipient refused: {code} {reply.decode(errors='replace')}", now)
        return False
    code, reply = connection.docmd("DATA")
    if code != 354:
        connection.rset()
        _fail(delivery, claim, f"DATA refused: {code} {reply!r}", now)
        return False
    body = re.sub(rb"(?m)^\.", b"..", data)  # dot-stuffing (RFC 5321 4.5.2); lines already end in CRLF
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    connection.send(body)
    # The commit point: from here the message counts as sent, even if this process dies now.
    if not _mark_sent(delivery, claim, message, now):
        _drop(backend)  # the row is another worker's now: this copy must never be completed
        _taken_over(delivery)
        return None
    connection.send(b".\r\n")
    try:
        code, reply = connection.getreply()
    except smtplib.SMTPServerDisconnected as error:
        # The server has the whole message and may have accepted it: it stays sent (never a second copy).
        _drop(backend)
        log.warning("delivery %s: no answer after the end of the message (%s); counted as sent", delivery.pk, error)
        return True
    if code != 250:
        _fail(delivery, claim, f"message refused: {code} {reply.decode(errors='replace')}", now)
        return False
    return True


def _send_other(backend, delivery, message, claim: str) -> bool | None:
    """Console, file, locmem or any other backend: hand it the message, then mark the row sent."""
    now = timezone.now()
    if not backend.send_messages([message]):
        _fail(delivery, claim, "the email backend did not send the message", now)
        return False
    if not _mark_sent(delivery, claim, message, now):
        _taken_over(delivery)
        return None
    return True


def _deliver(backend, delivery, message, claim: str) -> bool | None:
    """Send one row's message: True sent, False failed (to be retried), None left to another worker."""
    if not _take(delivery, claim):
        _taken_over(delivery)
        return None
    try:
        if isinstance(backend, SMTPBackend):
            return _send_smtp(backend, delivery, message, claim)
        return _send_other(backend, delivery, message, claim)
    except (smtplib.SMTPException, OSError) as error:
        _fail(delivery, claim, f"{type(error).__name__}: {error}", timezone.now())
        if isinstance(backend, SMTPBackend):
            _drop(backend)
        else:
            _close(backend)
        return False


def send_pending(issue_id: int, *, batch: int | None = None, pause: float = 0.0) -> dict:
    """Send every delivery of the issue that is due. Safe to run twice at once or after a crash."""
    batch = batch or settings.CIVNET_SMTP_BATCH
    issue = Issue.objects.get(pk=issue_id)
    editions = Editions(issue)
    counts = {"sent": 0, "failed": 0}
    while True:
        claim = uuid.uuid4().hex
        rows = _claim_batch(issue_id, claim, batch)
        if rows is None:
            break
        backend = _backend()  # one connection per batch (CIVNET_SMTP_BATCH messages)
        try:
            for delivery in rows:
                outcome = _deliver(backend, delivery, editions.message(delivery), claim)
                if outcome is not None:
                    counts["sent" if outcome else "failed"] += 1
                if pause:
                    time.sleep(pause)
        finally:
            _close(backend)
    return counts


@task()
def send_issue_task(issue_id: int) -> dict:
    counts = send_pending(issue_id)
    retry = (
        Delivery.objects.filter(issue_id=issue_id, status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
        .order_by("next_attempt_at")
        .values_list("next_attempt_at", flat=True)
        .first()
    )
    if retry is not None:  # come back when the first retry is due
        send_issue_task.using(run_after=retry).enqueue(issue_id)
    return counts
