"""`manage.py export_iati`: the published projects as an IATI 2.03 activity file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fourw import iati
from members.models import Organisation
from projects.models import Project


class Command(BaseCommand):
    help = "Write the published projects (of one organisation, or the whole coalition) as IATI 2.03 activity XML."

    def add_arguments(self, parser):
        parser.add_argument("--organisation", help="The organisation's slug; all organisations when absent.")
        parser.add_argument("-o", "--output", help="The file to write; standard output when absent.")

    def handle(self, *args, organisation=None, output=None, **options):
        projects = Project.objects.published()
        if organisation:
            if not Organisation.objects.filter(slug=organisation).exists():
                raise CommandError(f"No organisation {organisation!r}.")
            projects = projects.filter(organisation__slug=organisation)
        xml = iati.export(projects)
        if output:
            Path(output).write_bytes(xml)
            self.stderr.write(f"{xml.count(b'<iati-activity ')} activities written to {output}.")
        else:
            self.stdout.write(xml.decode())
