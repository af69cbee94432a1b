"""Benchmark of information exchange: compiling an issue from 5,000 activities of the period, rendering
the issue page, and sending an issue to 20,000 subscribers through a local SMTP server (aiosmtpd) —
throughput in messages per second, peak memory, and how many messages were delivered exactly once.
Run with `make bench`."""

import datetime
import gzip
import os
import resource
import socket
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import count_queries, start, timed  # noqa: E402

WORK = start("newsletters")

from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from members.models import Organisation  # noqa: E402
from newsletters import services  # noqa: E402
from newsletters.models import Activity, Delivery, Issue, Subscriber  # noqa: E402
from newsletters.sending import send_pending  # noqa: E402

ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", 5000))
SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", 20_000))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Counter:
    def __init__(self):
        self.received = {}

    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            self.received[rcpt] = self.received.get(rcpt, 0) + 1
        return "250 OK"


def build():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open("/dev/null", "w"))
    organisations = list(Organisation.objects.filter(status="member"))
    Activity.objects.bulk_create(
        [
            Activity(
                organisation=organisations[i % len(organisations)],
                title=f"Activity {i}",
                kind="article",
                happened_on=datetime.date(2024, 3, 1 + i % 28),
                url=f"https://example.org/{i}",
                review_state="approved",
            )
            for i in range(ACTIVITIES)
        ],
        batch_size=2000,
    )
    now = timezone.now()
    Subscriber.objects.bulk_create(
        [
            Subscriber(
                email=f"reader{i}@example.org",
                language=["ar", "en", "ku", "syr"][i % 4],
                confirmed_at=now,
                token=f"b{i:07d}",
            )
            for i in range(SUBSCRIBERS)
        ],
        batch_size=5000,
    )


def main():
    print(f"Building {ACTIVITIES} activities and {SUBSCRIBERS} subscribers in {WORK} ...")
    build()
    tech = get_user_model().objects.get(email="tech@demo.civnet.invalid")
    started = time.perf_counter()
    issue = services.issue_start(
        actor=tech,
        number=100,
        title={"en": "March 2024", "ar": "آذار 2024"},
        period_start=datetime.date(2024, 3, 1),
        period_end=datetime.date(2024, 3, 31),
    )
    compile_ms = (time.perf_counter() - started) * 1000
    Issue.objects.filter(pk=issue.pk).update(status="published", published_at=timezone.now())
    issue.refresh_from_db()
    print(f"\ncompiling issue 100 from {issue.entries.count()} entries: {compile_ms:.0f} ms")

    client = Client(HTTP_HOST="127.0.0.1")
    queries, body = count_queries(lambda: client.get("/ar/newsletters/7/").content)
    median, p95 = timed(lambda: client.get("/ar/newsletters/7/"), 100)
    print(
        f"issue page (issue 7): median {median:.1f} ms, p95 {p95:.1f} ms, {queries} queries, "
        f"{len(body)} bytes ({len(gzip.compress(body))} gzip)"
    )
    queries, body = count_queries(lambda: client.get("/ar/newsletters/100/").content)
    median, p95 = timed(lambda: client.get("/ar/newsletters/100/"), 10)
    print(
        f"issue page (5,000 activities): median {median:.1f} ms, p95 {p95:.1f} ms, {queries} queries, "
        f"{len(body)} bytes ({len(gzip.compress(body))} gzip)"
    )

    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=free_port())
    controller.start()
    # Sending goes through Django's SMTP backend, as with EMAIL_URL=smtp://127.0.0.1:<port>.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    # Send issue 7, the size of a real issue (the 5,000-activity one above weighs 0.7 MB a message).
    issue = Issue.objects.get(number=7)
    queued = services.issue_send(actor=tech, issue=issue)
    started = time.perf_counter()
    counts = send_pending(issue.pk)
    seconds = time.perf_counter() - started
    controller.stop()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    once = sum(1 for n in counter.received.values() if n == 1)
    print(
        f"sending issue 7 to {queued} subscribers: {counts['sent']} sent in {seconds:.1f} s "
        f"= {counts['sent'] / seconds:.0f} messages/s; peak memory {peak_mb:.0f} MB; "
        f"delivered exactly once: {once} of {SUBSCRIBERS} (doubles: {sum(1 for n in counter.received.values() if n > 1)}); "
        f"rows sent: {Delivery.objects.filter(issue=issue, status='sent').count()}"
    )
    print("targets: at least 200 messages/s, under 300 MB peak memory")


if __name__ == "__main__":
    main()
