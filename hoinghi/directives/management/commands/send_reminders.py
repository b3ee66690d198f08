"""`hoinghi send_reminders`: queue today's deadline reminders for the task worker (`hoinghi db_worker`).

django-tasks has no periodic tasks: in production run this once a day from cron or a systemd timer; the
reminders are sent once each however often it runs.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hoinghi.directives.tasks import send_reminders


class Command(BaseCommand):
    help = gettext_lazy("Queue today's deadline reminders for the task worker.")

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        self.stdout.write(_("Reminders queued (task %(id)s).") % {"id": result.id})
