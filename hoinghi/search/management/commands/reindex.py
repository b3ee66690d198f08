from django.core.management.base import BaseCommand

from hoinghi.search import indexing
from hoinghi.search.models import Kind


class Command(BaseCommand):
    help = "Rebuild the search index from the records (after an upgrade, or a restore of the database)."

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=Kind.values, help="only these kinds (repeatable)")

    def handle(self, *args, kind=None, **options):
        counts = indexing.reindex(kinds=kind)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
