"""`manage.py extract_projects FILE`: the projects read out of a text file, as JSON (docs/extraction.md)."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects import extraction, validation


def proposals_as_json(text: str) -> list[dict]:
    """The stable JSON form of the proposals of a text, with the problems an editor would be shown."""
    return [p.as_json(validation.check(p.values(), flags=p.flags)) for p in extraction.extract(text)]


class Command(BaseCommand):
    help = (
        "Print, as JSON, the projects found in a text file: one object per proposal with its title, period, "
        "people reached, places, outputs and problems, each value with where it came from in the text "
        "(character offsets). Writes nothing. The format is described in docs/extraction.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file, or - for standard input.")

    def handle(self, *args, file, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        if len(text) > extraction.MAX_TEXT:
            raise CommandError(f"The text is longer than {extraction.MAX_TEXT} characters.")
        self.stdout.write(json.dumps(proposals_as_json(text), ensure_ascii=False, indent=2))
