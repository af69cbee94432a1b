"""The offline outbox's keys: `show` (the current key id and every key held), `rotate` (a new current key; old ones
kept) and `retire <kid>` (delete an old private key: records still sealed for it can then never be read)."""

from django.core.management.base import BaseCommand, CommandError

from offline import keys


class Command(BaseCommand):
    help = "Show, rotate or retire the offline outbox's key pairs (docs/offline.md)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["show", "rotate", "retire"])
        parser.add_argument("kid", nargs="?")

    def handle(self, *args, action, kid=None, **options):
        if action == "rotate":
            self.stdout.write(f"New current key: {keys.rotate()} (older keys kept until you retire them)")
        elif action == "retire":
            if not kid:
                raise CommandError("Name the key id to retire.")
            try:
                keys.retire(kid)
            except ValueError as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Retired {kid}: records sealed for it can no longer be read.")
        current = keys.current_kid()
        for known in keys.all_kids():
            self.stdout.write(f"{known}{'  (current)' if known == current else ''}")
