"""`manage.py import_iati FILE`: import an IATI activity file, from the command line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, no_translations

from coalition.models import Region
from fourw import iati_import, services, table
from projects.selectors import pending_revision


class Command(BaseCommand):
    help = (
        "Import an IATI activity file: each activity becomes a draft project of its reporting or implementing "
        "member organisation (an update when imported before). Prints what would be created, updated or "
        "refused, the unknown codes and missing pieces. All or nothing, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument(
            "--create-organisations",
            metavar="REGION",
            help="Record unknown organisations as applicants in this region (slug) instead of refusing their activities.",
        )

    @no_translations
    def handle(self, *args, file, dry_run, create_organisations=None, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        if len(data) > table.MAX_BYTES * 4:
            raise CommandError("The file is larger than 20 MB.")
        region = None
        if create_organisations:
            region = Region.objects.filter(slug=create_organisations).first()
            if region is None:
                raise CommandError(f"No region {create_organisations!r}.")
        result = iati_import.read(data)
        if result.error:
            raise CommandError(result.error)
        for activity in result.activities:
            if activity.organisation is None:
                what = "propose" if region else "refuse"
                self.stdout.write(
                    f"{what:7} {activity.identifier}: organisation not a member: {activity.proposed_organisation}"
                )
            else:
                self.stdout.write(
                    f"{activity.action:7} {activity.identifier} -> {activity.organisation.slug}: {activity.title[:60]}"
                )
            for problem in activity.problems():
                self.stdout.write(
                    f"        {'blocks publication' if problem.blocking else 'to check'}: {problem.message}"
                )
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
            return
        done = services.import_iati(actor=None, result=result, create_organisations_in=region)
        waiting = sum(1 for project in done if pending_revision(project))
        self.stdout.write(f"Imported {len(done)} activities as draft projects.")
        if waiting:
            self.stdout.write(f"{waiting} changes to published projects wait for the technical team's review.")
