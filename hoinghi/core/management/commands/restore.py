"""`hoinghi restore FILE [--replace] [--dba-url URL]`: a backup of `hoinghi backup` into an empty machine."""

import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.core import backup_restore
from hoinghi.core.backup_db import BackupError
from hoinghi.core.management.translated import TranslatedHelp

from .backup import megabytes


class Command(TranslatedHelp, BaseCommand):
    # Not the system checks: they import every view, and an operator's backup or restore needs none of them.
    requires_system_checks = []
    help = gettext_lazy(
        "Restore a backup: the database and the uploaded files. Refuses a database or data folder that is not empty "
        "unless --replace is given; checks the archive's checksums before changing anything."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=gettext_lazy("the archive written by `hoinghi backup`"))
        parser.add_argument(
            "--replace",
            action="store_true",
            help=gettext_lazy("drop the database's tables and the data folder's files first"),
        )
        parser.add_argument(
            "--dba-url",
            # From the environment too: a password on the command line is visible to every user of the machine.
            default=os.environ.get("HOINGHI_DBA_URL"),
            help=gettext_lazy(
                "PostgreSQL: a superuser's URL (postgres://USER:PASSWORD@HOST:PORT/; by default HOINGHI_DBA_URL), to "
                "hand the audit log's table to its own role again, as after every migrate"
            ),
        )

    def handle(self, *args, file, replace=False, dba_url=None, **options):
        try:
            done = backup_restore.restore(Path(file), replace=replace, dba_url=dba_url)
        except BackupError as error:
            raise CommandError(str(error)) from None
        made = date_format(localtime(parse_datetime(done.made_at)), "d/m/Y H:i")
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup made %(made)s: the %(vendor)s database and %(files)d uploaded files and "
                    "%(pages)d drawn pages (%(size)s), each checked against its checksum."
                )
                % {
                    "made": made,
                    "vendor": done.vendor,
                    "files": done.files["files"],
                    "pages": done.files["pages"],
                    "size": megabytes(done.file_bytes),
                }
            )
        )
        if done.audit_intact:
            self.stdout.write(_("The audit log's chain holds: %(events)d events.") % {"events": done.audit_events})
        else:
            self.stderr.write(_("The audit log's chain does not hold: run `hoinghi audit verify` to see where."))
        if done.heads_unreached:
            self.stderr.write(
                _(
                    "%(count)d heads written outside the database are past the backup: the events after it are not "
                    "in it (see `hoinghi audit verify`)."
                )
                % {"count": done.heads_unreached}
            )
        if not done.audit_protected:
            self.stderr.write(
                _(
                    "The audit log's table belongs to the application's role: run hoinghi/core/sql/audit_owner.sql "
                    "as a PostgreSQL superuser now (docs/deployment.md), or restore with --dba-url."
                )
            )
        if done.pending_migrations:
            self.stderr.write(
                _("The backup's schema is older than this release: run `hoinghi migrate` (%(count)d migrations).")
                % {"count": done.pending_migrations}
            )
