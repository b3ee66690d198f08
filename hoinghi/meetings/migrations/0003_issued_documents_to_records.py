"""The issued documents now belong to the records app (its migration 0001 takes the table over)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_alter_voterecord_percent_for"),
        ("records", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IssuedDocument")],
            database_operations=[],
        ),
    ]
