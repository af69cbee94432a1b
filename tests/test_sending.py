"""Sending an issue by email: one message per subscriber, exactly once, through a real SMTP server on
loopback, even when the worker is killed halfway or its lease runs out mid-batch; refused recipients and
dropped connections are logged and retried. Any Django email backend works (console, file, locmem), and
an SMTP server is reached as EMAIL_URL says: implicit TLS (smtps://), or STARTTLS and a login."""

import asyncio
import datetime
import io
import ipaddress
import os
import signal
import smtplib
import ssl
import subprocess
import sys
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from civnet.env import email_settings
from newsletters import sending, services
from newsletters.models import Delivery, Issue, Subscriber
from newsletters.sending import send_issue_task, send_pending
from tests.conftest import ARTIFACTS, Mailbox, free_port


class SlowMailbox(Mailbox):
    """Takes a moment per message, refuses some recipients, and can hang up like a busy server."""

    def __init__(self, delay=0.0, refuse=(), hang_up_after=None):
        super().__init__()
        self.delay, self.refuse, self.hang_up_after = delay, set(refuse), hang_up_after
        self.kill_at, self.victim = None, None  # kill this process group when message `kill_at` arrives

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hang_up_after is not None and len(self.messages) >= self.hang_up_after:
            return "421 4.3.2 Service not available, closing transmission channel"
        if self.delay:
            await asyncio.sleep(self.delay)
        reply = await super().handle_DATA(server, session, envelope)
        if self.kill_at is not None and len(self.messages) == self.kill_at and self.victim is not None:
            # The worst moment: the message is complete here, its sender has not heard back yet.
            os.killpg(self.victim.pid, signal.SIGKILL)
        return reply


@pytest.fixture
def smtp_server(settings):
    servers = []

    def start(**options):
        mailbox = SlowMailbox(**options)
        port = free_port()
        controller = Controller(mailbox, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        mailbox.port = port
        return mailbox

    yield start
    for controller in servers:
        controller.stop()


def _subscribers(n):
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{i}@example.org", language=["ar", "en", "ku"][i % 3], confirmed_at=now, token=f"t{i:05d}"
            )
            for i in range(n)
        ]
    )


def _received(mailbox) -> dict[str, int]:
    counts = {}
    for message in mailbox.messages:
        for rcpt in message.envelope_rcpt:
            counts[rcpt] = counts.get(rcpt, 0) + 1
    return counts


def test_each_subscriber_gets_one_message_in_their_language(people, smtp_server):
    mailbox = smtp_server()
    _subscribers(6)
    issue = Issue.objects.get(number=7)
    assert services.issue_send(actor=people["tech_officer"], issue=issue) == 6
    assert services.issue_send(actor=people["tech_officer"], issue=issue) == 0  # sending again queues nobody twice
    send_pending(issue.pk)
    assert _received(mailbox) == {f"reader{i}@example.org": 1 for i in range(6)}
    arabic = next(m for m in mailbox.messages if "reader0@example.org" in m.envelope_rcpt)
    english = next(m for m in mailbox.messages if "reader1@example.org" in m.envelope_rcpt)
    assert "نشرة شباط 2023" in arabic["Subject"] and "The Newsletter of February 2023" in english["Subject"]
    assert arabic["List-Unsubscribe"] == "<http://127.0.0.1:8000/ar/newsletters/unsubscribe/t00000/>"
    assert arabic["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert {part.get_content_type() for part in arabic.walk()} >= {"text/plain", "text/html"}
    assert "https://example.org/tayif/2" in Mailbox.body(english)  # "for watching the video" links
    assert set(Delivery.objects.filter(issue=issue).values_list("status", flat=True)) == {"sent"}


def test_refused_recipients_and_hang_ups_are_logged_and_retried(people, smtp_server):
    mailbox = smtp_server(refuse={"reader2@example.org"}, hang_up_after=3)
    _subscribers(6)
    issue = Issue.objects.get(number=7)
    services.issue_send(actor=people["tech_officer"], issue=issue)
    send_pending(issue.pk)
    refused = Delivery.objects.get(subscriber__email="reader2@example.org")
    assert refused.status == "failed" and "550" in refused.error and refused.attempts == 1
    assert refused.next_attempt_at > timezone.now()
    assert Delivery.objects.filter(status="failed", error__contains="421").exists()
    # The server is back and accepts everyone; the retries are due.
    mailbox.refuse.clear()
    mailbox.hang_up_after = None
    Delivery.objects.filter(status="failed").update(next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))
    send_pending(issue.pk)
    assert _received(mailbox) == {f"reader{i}@example.org": 1 for i in range(6)}  # none lost, none doubled
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sent"}


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def _worker(port):
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DATABASE_URL=_database_url(), EMAIL_URL=f"smtp://127.0.0.1:{port}", HTTPS="0", CIVNET_SMTP_BATCH="10")
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "worker.log", "ab")
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
        cwd=ARTIFACTS.parent,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )


def _wait(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.django_db(transaction=True)
def test_killing_the_worker_halfway_loses_and_doubles_nothing(demo, people, smtp_server):
    total = 120
    mailbox = smtp_server(delay=0.02)
    _subscribers(total)
    issue = Issue.objects.get(number=7)
    services.issue_send(actor=people["tech_officer"], issue=issue)
    worker = _worker(mailbox.port)
    mailbox.kill_at, mailbox.victim = 30, worker
    try:
        assert _wait(lambda: worker.poll() is not None, 90), "the worker was not killed"
        halfway = len(mailbox.messages)
        assert 30 <= halfway < total
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    mailbox.kill_at = None
    # The killed worker left claimed rows; a new worker takes them over once their lease expires.
    Delivery.objects.filter(status="sending").update(claimed_at=timezone.now() - datetime.timedelta(hours=1))
    send_issue_task.enqueue(issue.pk)
    worker = _worker(mailbox.port)
    try:
        assert _wait(lambda: len(mailbox.messages) >= total, 90), f"only {len(mailbox.messages)} of {total} sent"
        time.sleep(0.5)  # anything doubled would arrive now
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(10)
    received = _received(mailbox)
    assert len(received) == total and set(received.values()) == {1}
    assert Delivery.objects.filter(issue=issue, status="sent").count() == total


# --- a lease that runs out while its worker is still sending ------------------------------------------------

SHORT_LEASE = datetime.timedelta(seconds=0.2)


def test_rows_still_waiting_when_the_lease_runs_out_are_sent_once(people, smtp_server, monkeypatch, caplog):
    """A slow server makes a batch outlast its lease: a second worker takes over the rows still waiting, and
    the first, reaching them later, skips them instead of sending them again."""
    mailbox = smtp_server()
    _subscribers(6)
    issue = Issue.objects.get(number=7)
    services.issue_send(actor=people["tech_officer"], issue=issue)
    monkeypatch.setattr(sending, "LEASE", SHORT_LEASE)
    render = sending.Editions.message
    calls = []

    def slow(self, delivery):
        calls.append(delivery.pk)
        if len(calls) == 3:  # the first worker, two messages into its batch, waits past its lease ...
            time.sleep(SHORT_LEASE.total_seconds() * 1.5)
            send_pending(issue.pk)  # ... while a second worker runs
        return render(self, delivery)

    monkeypatch.setattr(sending.Editions, "message", slow)
    send_pending(issue.pk)
    assert _received(mailbox) == {f"reader{i}@example.org": 1 for i in range(6)}
    assert set(Delivery.objects.filter(issue=issue).values_list("status", flat=True)) == {"sent"}
    assert caplog.text.count("taken over by another worker") == 4  # the first worker skipped rows 3 to 6


def test_a_message_whose_lease_runs_out_in_the_middle_is_sent_once(people, smtp_server, monkeypatch, caplog):
    """The worst case: the first worker stalls after writing a message, before its end-of-data mark, long
    enough for a second worker to take the row over and send it. The first must not complete its copy."""
    mailbox = smtp_server()
    _subscribers(3)
    issue = Issue.objects.get(number=7)
    services.issue_send(actor=people["tech_officer"], issue=issue)
    monkeypatch.setattr(sending, "LEASE", SHORT_LEASE)
    write = smtplib.SMTP.send
    stalled = []

    def send(self, data):
        write(self, data)
        if not stalled and isinstance(data, bytes) and b"List-Unsubscribe:" in data:  # a message's text
            stalled.append(self)
            time.sleep(SHORT_LEASE.total_seconds() * 1.5)
            send_pending(issue.pk)

    monkeypatch.setattr(smtplib.SMTP, "send", send)
    send_pending(issue.pk)
    time.sleep(0.2)  # a completed second copy would arrive now
    assert _received(mailbox) == {f"reader{i}@example.org": 1 for i in range(3)}
    assert set(Delivery.objects.filter(issue=issue).values_list("status", flat=True)) == {"sent"}
    assert "taken over by another worker" in caplog.text  # the first worker dropped its unfinished copy


# --- other email backends ----------------------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["console", "locmem", "filebased"])
def test_every_email_backend_sends_each_message_once(people, settings, backend, tmp_path, capsys, mailoutbox):
    """`make run` uses console:// (or file://): the issue is written there, and no delivery fails."""
    settings.EMAIL_BACKEND = f"django.core.mail.backends.{backend}.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    _subscribers(4)
    issue = Issue.objects.get(number=7)
    services.issue_send(actor=people["tech_officer"], issue=issue)
    assert send_pending(issue.pk) == {"sent": 4, "failed": 0}
    if backend == "console":
        written = capsys.readouterr().out
    elif backend == "filebased":
        written = "".join(path.read_text() for path in tmp_path.iterdir())
    else:
        written = "".join(message.message().as_string() for message in mailoutbox)
    assert [written.count(f"To: reader{i}@example.org") for i in range(4)] == [1, 1, 1, 1]
    assert written.count("List-Unsubscribe: <http://127.0.0.1:8000/") == 4
    rows = Delivery.objects.filter(issue=issue)
    assert set(rows.values_list("status", flat=True)) == {"sent"} and all(rows.values_list("message_id", flat=True))
    assert send_pending(issue.pk) == {"sent": 0, "failed": 0}  # nothing left to send


# --- SMTP as EMAIL_URL says: implicit TLS, STARTTLS and login ---------------------------------------------


class RecordingMailbox(Mailbox):
    """Notes, for each message, whether it came over TLS and from a logged-in client."""

    def __init__(self):
        super().__init__()
        self.sessions = []

    async def handle_DATA(self, server, session, envelope):
        encrypted = bool(session.ssl) or server.transport.get_extra_info("ssl_object") is not None
        self.sessions.append((encrypted, bool(session.authenticated)))
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def tls(tmp_path, monkeypatch):
    """A self-signed certificate for 127.0.0.1 that this process trusts; returns the server's TLS context."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert, private = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # Django's default TLS context now trusts it, and only it
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, private)
    return context


@pytest.fixture
def tls_server(settings):
    controllers = []

    def start(email_url, **options):
        mailbox = RecordingMailbox()
        port = free_port()
        controller = Controller(mailbox, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        for key, value in email_settings(email_url.format(port=port)).items():
            setattr(settings, key, value)
        return mailbox

    yield start
    for controller in controllers:
        controller.stop()


def _connections_used(monkeypatch) -> list:
    """Every connection an SMTP backend opens, as Django set it up."""
    opened = []
    open_backend = SMTPBackend.open

    def spy(self):
        created = open_backend(self)
        opened.append(self.connection)
        return created

    monkeypatch.setattr(SMTPBackend, "open", spy)
    return opened


def test_an_smtps_email_url_sends_over_tls(people, tls, tls_server, monkeypatch):
    mailbox = tls_server("smtps://127.0.0.1:{port}", ssl_context=tls)
    implicit_tls = []

    class SMTP_SSL(smtplib.SMTP_SSL):  # noqa: N801 - stands in for smtplib's class
        def __init__(self, *args, **kwargs):
            implicit_tls.append(self)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(smtplib, "SMTP_SSL", SMTP_SSL)
    opened = _connections_used(monkeypatch)
    _subscribers(3)
    issue = Issue.objects.get(number=7)
    services.issue_send(actor=people["tech_officer"], issue=issue)
    assert send_pending(issue.pk) == {"sent": 3, "failed": 0}
    assert _received(mailbox) == {f"reader{i}@example.org": 1 for i in range(3)}
    assert opened == implicit_tls and len(opened) == 1  # the backend's own SMTP_SSL connection, for the batch
    assert mailbox.sessions == [(True, False)] * 3


def test_starttls_and_login_as_the_email_url_says(people, tls, tls_server, monkeypatch):
    def authenticate(server, session, envelope, mechanism, data):
        accepted = isinstance(data, LoginPassword) and (data.login, data.password) == (b"civnet", b"s3cret")
        return AuthResult(success=accepted, auth_data=data)

    mailbox = tls_server(
        "smtp://civnet:s3cret@127.0.0.1:{port}?tls=1",
        tls_context=tls,
        require_starttls=True,
        auth_required=True,
        authenticator=authenticate,
    )
    opened = _connections_used(monkeypatch)
    _subscribers(3)
    issue = Issue.objects.get(number=7)
    services.issue_send(actor=people["tech_officer"], issue=issue)
    assert send_pending(issue.pk) == {"sent": 3, "failed": 0}
    assert _received(mailbox) == {f"reader{i}@example.org": 1 for i in range(3)}
    assert len(opened) == 1 and mailbox.sessions == [(True, True)] * 3


class SilentMailbox(Mailbox):
    """Takes the first message, then hangs up without answering its end-of-data mark."""

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        if len(self.messages) == 1:
            server.transport.close()
        return reply


def test_a_message_the_server_took_without_answering_is_not_sent_again(people, settings, caplog):
    mailbox = SilentMailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        for key, value in email_settings(f"smtp://127.0.0.1:{port}").items():
            setattr(settings, key, value)
        _subscribers(3)
        issue = Issue.objects.get(number=7)
        services.issue_send(actor=people["tech_officer"], issue=issue)
        assert send_pending(issue.pk) == {"sent": 3, "failed": 0}  # the next messages go on a new connection
        Delivery.objects.update(next_attempt_at=timezone.now())  # were anything to retry, it would be due
        assert send_pending(issue.pk) == {"sent": 0, "failed": 0}
    finally:
        controller.stop()
    assert _received(mailbox) == {f"reader{i}@example.org": 1 for i in range(3)}
    assert "no answer after the end of the message" in caplog.text


def test_resuming_after_a_restart_sends_through_the_configured_backend(people, settings, mailoutbox):
    """`make run` ends with `send_newsletters`; with console:// (here locmem://) nothing fails."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _subscribers(2)
    issue = Issue.objects.get(number=7)
    services.issue_send(actor=people["tech_officer"], issue=issue)
    out = io.StringIO()
    call_command("send_newsletters", "--now", stdout=out)
    assert f"issue {issue.pk}: 2 sent, 0 failed" in out.getvalue()
    assert sorted(m.to[0] for m in mailoutbox) == ["reader0@example.org", "reader1@example.org"]
    call_command("send_newsletters", stdout=out)
    assert out.getvalue().endswith("0 issues with messages to send queued.\n")
