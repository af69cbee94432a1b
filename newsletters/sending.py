"""Sending an issue: one Delivery row per subscriber, worked off by a background task.

Exactly once: a row is claimed (conditional update), the message is written over SMTP, and the row is
marked sent *before* the end-of-data mark is written. A worker killed while the server holds the message
but has not answered leaves a sent row: no second copy. Killed before the mark, the server discards the
unfinished message and the row is sent again. The one moment that loses a message is a kill between the
database commit and the next write of three bytes (microseconds); no moment doubles one.
Refused recipients and dropped connections are logged per row and retried with backoff."""

import datetime
import logging
import re
import smtplib
import socket
import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
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


def _claimable(issue_id, now):
    return Delivery.objects.filter(issue_id=issue_id).filter(
        Q(status=Delivery.Status.QUEUED)
        | Q(status=Delivery.Status.FAILED, attempts__lt=MAX_ATTEMPTS, next_attempt_at__lte=now)
        | Q(status=Delivery.Status.SENDING, claimed_at__lt=now - LEASE)  # its worker died before finishing
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


def _connect():
    connection = smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=settings.EMAIL_TIMEOUT or 30)
    # The end-of-data mark is a separate small write: without NODELAY, Nagle's algorithm and delayed
    # acknowledgements hold every message for ~40 ms.
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    connection.ehlo_or_helo_if_needed()
    if settings.EMAIL_USE_TLS:
        connection.starttls()
        connection.ehlo()
    if settings.EMAIL_HOST_USER:
        connection.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
    return connection


def _fail(delivery, reason: str, now):
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.FAILED,
        attempts=F("attempts") + 1,
        error=reason[:500],
        next_attempt_at=now + _backoff(delivery.attempts + 1),
        sent_at=None,
    )
    log.warning("delivery %s to %s failed: %s", delivery.pk, delivery.subscriber.email, reason)


def _send_one(connection, delivery, message) -> bool:
    """SMTP by hand, so the row is marked sent between the message and its end-of-data mark."""
    now = timezone.now()
    sender = message.from_email
    data = message.message().as_bytes(linesep="\r\n")
    code, reply = connection.mail(sender)
    if code != 250:
        connection.rset()
        _fail(delivery, f"MAIL FROM refused: {code} {reply!r}", now)
        return False
    code, reply = connection.rcpt(delivery.subscriber.email)
    if code not in (250, 251):
        connection.rset()
        _fail(delivery, f"recipient refused: {code} {reply.decode(errors='replace')}", now)
        return False
    code, reply = connection.docmd("DATA")
    if code != 354:
        connection.rset()
        _fail(delivery, f"DATA refused: {code} {reply!r}", now)
        return False
    body = re.sub(rb"(?m)^\.", b"..", data)  # dot-stuffing (RFC 5321 4.5.2); lines already end in CRLF
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    connection.send(body)
    # The commit point: from here the message counts as sent, even if this process dies now.
    marked = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.SENDING).update(
        status=Delivery.Status.SENT, sent_at=now, error="", message_id=message.extra_headers["Message-ID"]
    )
    connection.send(b".\r\n")
    code, reply = connection.getreply()
    if code != 250:
        _fail(delivery, f"message refused: {code} {reply.decode(errors='replace')}", now)
        return False
    return bool(marked)


def send_pending(issue_id: int, *, batch: int | None = None, pause: float = 0.0) -> dict:
    """Send every delivery of the issue that is due. Safe to run twice at once or after a crash."""
    batch = batch or settings.CIVNET_SMTP_BATCH
    issue = Issue.objects.get(pk=issue_id)
    editions = Editions(issue)
    counts = {"sent": 0, "failed": 0}
    while True:
        now = timezone.now()
        ids = list(_claimable(issue_id, now).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            break
        _claimable(issue_id, now).filter(pk__in=ids).update(status=Delivery.Status.SENDING, claimed_at=now)
        rows = list(
            Delivery.objects.filter(pk__in=ids, status=Delivery.Status.SENDING, claimed_at=now).select_related(
                "subscriber"
            )
        )
        connection = None
        for delivery in rows:
            try:
                connection = connection or _connect()
                ok = _send_one(connection, delivery, editions.message(delivery))
            except (smtplib.SMTPException, OSError) as error:
                _fail(delivery, f"{type(error).__name__}: {error}", timezone.now())
                ok = False
                try:
                    if connection is not None:
                        connection.close()
                finally:
                    connection = None
            counts["sent" if ok else "failed"] += 1
            if pause:
                time.sleep(pause)
        if connection is not None:
            try:
                connection.quit()
            except smtplib.SMTPException:
                connection.close()
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
