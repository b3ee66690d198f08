"""`hoinghi import-articles PATH... [--url URL] [--user USERNAME]`: save articles as drafts for the office.

Each file is imported on its own: one that cannot be read or is no article is reported and the others
still go in; the exit code is non-zero when any failed.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hoinghi.directory.models import User
from hoinghi.ingest.permissions import can_import
from hoinghi.ingest.services import check_import_article


class Command(BaseCommand):
    help = "Import article files (text or saved HTML) as drafts for the office to review."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="article files")
        parser.add_argument("--url", default="", help="the article's web address (with one file only)")
        parser.add_argument(
            "--user", help="the office account the imports are recorded under (default: the only office account)"
        )

    def handle(self, *args, **options):
        paths = options["paths"]
        if options["url"] and len(paths) > 1:
            raise CommandError("--url names one article: give it with one file.")
        actor = self._actor(options["user"])
        failed = []
        for path in paths:
            problem = self._import(actor, Path(path), options["url"])
            if problem:
                failed.append(path)
                self.stderr.write(f"{path}: {problem}")
        if failed:
            raise CommandError(f"{len(failed)} of {len(paths)} file(s) not imported: {', '.join(failed)}")

    def _import(self, actor, path: Path, url: str) -> str | None:
        """Import one file and say so; return what went wrong instead, if anything did."""
        try:
            content = path.read_bytes()
        except OSError as error:
            return f"cannot read the file: {error.strerror or error}"
        try:
            imported = check_import_article(actor, name=path.name, content=content, url=url)
        except ValidationError as error:
            return " ".join(error.messages)
        article = imported.article
        said = "already imported as" if imported.duplicate else "imported as draft"
        self.stdout.write(f"{path}: {said} #{article.pk} ({article.get_status_display()}): {article}")
        return None

    @staticmethod
    def _actor(username: str | None) -> User:
        if username:
            actor = User.objects.filter(username=username, is_active=True).first()
            if actor is None:
                raise CommandError(f"No active account named {username}.")
            if not can_import(actor):
                raise CommandError(f"{username} is not an office account: only the office imports articles.")
            return actor
        office = list(User.objects.filter(is_active=True, role__in=[User.Role.OFFICE, User.Role.ADMIN])[:2])
        if len(office) != 1:
            raise CommandError("Give --user: the office account the imports are recorded under.")
        return office[0]
