"""`manage.py extract_projects FILE`: the projects read out of a text file, as JSON, for checking extraction."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from projects import extraction, validation


class Command(BaseCommand):
    help = (
        "Print, as JSON, the projects found in a text file: each proposal's fields, where each came from "
        "in the text (character offsets), and its flagged problems. Writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A UTF-8 text file, or - for standard input.")

    def handle(self, *args, file, **options):
        try:
            text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            proposals = extraction.extract(text)
        except ValueError:
            raise CommandError(f"The text is longer than {extraction.MAX_TEXT} characters.") from None
        out = []
        for proposal in proposals:
            item = proposal.as_dict()
            item["problems"] = [p.as_dict() for p in validation.check(proposal.values(), flags=proposal.flags)]
            out.append(item)
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2, default=str))
