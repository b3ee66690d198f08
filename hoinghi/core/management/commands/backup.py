"""`hoinghi backup [FILE]`: the database and the data folder's files in one archive, while the server runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import backup
from hoinghi.core.backup_db import BackupError
from hoinghi.core.management.translated import TranslatedHelp


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


class Command(TranslatedHelp, BaseCommand):
    # Not the system checks: they import every view, and an operator's backup or restore needs none of them.
    requires_system_checks = []
    help = gettext_lazy(
        "Write the database and the uploaded files into one archive, readable by this user only; store it encrypted "
        "and offline."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help=gettext_lazy("the archive to write (by default hoinghi-backup-DATE.tar.gz)")
        )

    def handle(self, *args, file=None, **options):
        path = Path(file or timezone.localtime().strftime("hoinghi-backup-%Y%m%d-%H%M%S.tar.gz"))
        try:
            summary = backup.write(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backed up to %(path)s (%(size)s, readable by this user only): the %(vendor)s database "
                    "(%(database)s), %(files)d uploaded files and %(pages)d drawn pages (%(file_size)s). It holds "
                    "confidential papers: store it encrypted, offline."
                )
                % {
                    "path": path,
                    "size": megabytes(summary.archive_bytes),
                    "vendor": summary.vendor,
                    "database": megabytes(summary.database_bytes),
                    "files": summary.files.get("files", 0),
                    "pages": summary.files.get("pages", 0),
                    "file_size": megabytes(summary.file_bytes),
                }
            )
        )
