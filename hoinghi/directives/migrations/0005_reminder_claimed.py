import django.utils.timezone
from django.db import migrations, models


def claimed_when_sent(apps, schema_editor):
    apps.get_model("directives", "Reminder").objects.update(claimed_at=models.F("sent_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0004_dashboard_figures"),
    ]

    operations = [
        migrations.AddField(
            model_name="reminder",
            name="claimed_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.RunPython(claimed_when_sent, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="reminder",
            name="sent_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
