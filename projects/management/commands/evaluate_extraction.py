"""`manage.py evaluate_extraction GOLD.jsonl`: how well extraction reads annotated texts, per language and
overall, with the list of what it missed (docs/extraction.md)."""

import json

from django.core.management.base import BaseCommand, CommandError

from projects.extraction import evaluation
from projects.management.commands.extract_projects import proposals_as_json


class Command(BaseCommand):
    help = (
        "Score the extraction on annotated texts (JSON lines in the format of dev.jsonl): texts split into "
        "the right number of projects, dates and people right, places and outputs found, problems flagged; "
        "per language and overall, then the misses."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", nargs="+", help="One or more JSONL files of annotated texts.")
        parser.add_argument("--json", action="store_true", help="Print the figures and misses as JSON.")
        parser.add_argument("--no-misses", action="store_true", help="Print the figures only.")

    def handle(self, *args, gold, json: bool = False, no_misses: bool = False, **options):
        items = []
        for path in gold:
            try:
                items += evaluation.read_gold(path)
            except (OSError, ValueError) as error:
                raise CommandError(f"Cannot read {path}: {error}") from None
        report = evaluation.evaluate(items, proposals_as_json)
        if json:
            self.stdout.write(_json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        self.stdout.write("\n".join(report.lines()))
        if not no_misses and report.misses:
            self.stdout.write("\nMisses:")
            self.stdout.write("\n".join(f"  {miss}" for miss in report.misses))


_json = json
