"""The day a directive was done: the unit's report of it done, once the office confirmed it. "On time" is judged
on that day and the deadline then in force; directives confirmed before this change are dated so too."""

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def _in_force(history, at):
    earlier = [(when, position, deadline) for position, (when, deadline) in enumerate(history) if when <= at]
    return max(earlier)[2] if earlier else None


def date_the_done(apps, schema_editor):
    directives = apps.get_model("directives", "Directive")
    reports = apps.get_model("directives", "ProgressReport")
    entries = apps.get_model("directives", "DeadlineEntry")
    for directive in directives.objects.filter(status="done").iterator():
        reported = reports.objects.filter(directive=directive, reports_done=True).order_by("-created_at", "-pk")
        at = reported.values_list("created_at", flat=True).first() or directive.closed_at
        if at is None:
            continue
        history = list(entries.objects.filter(directive=directive).order_by("pk").values_list("set_at", "deadline"))
        directive.done_on = timezone.localdate(at)
        directive.deadline_at_close = _in_force(history, at) if history else directive.deadline
        directive.save(update_fields=["done_on", "deadline_at_close"])


class Migration(migrations.Migration):

    dependencies = [
        ('directives', '0005_reminder_claimed'),
        ('directory', '0001_initial'),
        ('meetings', '0003_issued_documents_to_records'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='directive',
            name='directive_figures',
        ),
        migrations.RemoveIndex(
            model_name='directive',
            name='directive_body_figures',
        ),
        migrations.AddField(
            model_name='directive',
            name='done_on',
            field=models.DateField(blank=True, null=True, verbose_name='done on'),
        ),
        migrations.RunPython(date_the_done, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='directive',
            index=models.Index(fields=['lead_organization', 'status', 'deadline', 'last_report_at', 'done_on', 'deadline_at_close'], name='directive_figures'),
        ),
        migrations.AddIndex(
            model_name='directive',
            index=models.Index(fields=['body', 'lead_organization', 'status', 'deadline', 'last_report_at', 'done_on'], name='directive_body_figures'),
        ),
    ]
