"""Resume sending after a crash or a restart (`make run` calls it after loading the demo)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletters.sending import send_issue_task, send_pending, unfinished


class Command(BaseCommand):
    help = (
        "Resume sending every issue with messages still to send (after a crash or a restart): queue them for "
        "the worker, or send them now with --now. Safe to run at any time; nobody receives an issue twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send in this process instead of queueing.")

    def handle(self, *args, now=False, **options):
        issues = sorted(set(unfinished(timezone.now()).values_list("issue_id", flat=True)))
        for issue_id in issues:
            if now:
                counts = send_pending(issue_id)
                self.stdout.write(f"issue {issue_id}: {counts['sent']} sent, {counts['failed']} failed")
            else:
                send_issue_task.enqueue(issue_id)
        self.stdout.write(f"{len(issues)} issues with messages to send {'sent' if now else 'queued'}.")
