"""`manage.py import_4w FILE`: import a 4W table for any member organisation, from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from fourw import services, table_import
from projects.selectors import pending_revision


class Command(BaseCommand):
    help = (
        "Import a 4W table (CSV or XLSX, with or without an HXL row) for any member organisation. Prints what "
        "would be created or updated and every error with its row and column; writes nothing if any row is "
        "refused. With --dry-run, writes nothing at all."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")

    @no_translations
    def handle(self, *args, file, dry_run, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        preview = table_import.preview(path.name, data)
        if preview.error:
            raise CommandError(preview.error)
        for plan in preview.planned:
            rows = ", ".join(str(r.number) for r in plan.rows)
            self.stdout.write(f"{plan.action:7} {plan.organisation.slug:28} rows {rows:10} {plan.title[:60]}")
        for number, column, message in preview.errors:
            self.stdout.write(f"refused row {number}, {column}: {message}")
        if preview.errors:
            raise CommandError(f"{len(preview.errors)} errors: nothing was imported.")
        if dry_run:
            self.stdout.write(f"Dry run: {len(preview.planned)} projects would be imported.")
            return
        done = services.import_table(actor=None, preview=preview)
        waiting = sum(1 for project in done if pending_revision(project))
        self.stdout.write(f"Imported {len(done)} projects as drafts or updates.")
        if waiting:
            self.stdout.write(f"{waiting} changes to published projects wait for the technical team's review.")
