"""`hoinghi extract PATH...`: one JSON record per article (JSON Lines), no database needed."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hoinghi.ingest.extract import extract
from hoinghi.ingest.reading import read_file


class Command(BaseCommand):
    help = "Extract the meeting record from article files (text or saved HTML) as JSON Lines."
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="article files")

    def handle(self, *args, **options):
        failed = []
        for path in options["paths"]:
            source = Path(path).name
            try:
                text, read_warnings = read_file(path)
            except OSError as error:
                failed.append(path)
                record = extract("", source)
                record["warnings"] = [f"cannot read file: {error.strerror or error}"]
            else:
                record = extract(text, source)
                record["warnings"] = read_warnings + record["warnings"]
            self.stdout.write(json.dumps(record, ensure_ascii=False))
        if failed:
            raise CommandError(f"{len(failed)} file(s) could not be read: {', '.join(failed)}")
