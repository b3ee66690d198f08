"""The issued documents move here from meetings, rows and numbers untouched: the model is taken over in the
migration state, then its table renamed."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def carry_content_type(apps, schema_editor):
    """Permissions and links keyed by the model's content type follow it to its new app."""
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(app_label="records", model="issueddocument").exists():
        content_types.objects.filter(app_label="meetings", model="issueddocument").update(app_label="records")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0001_initial"),
        ("meetings", "0002_alter_voterecord_percent_for"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IssuedDocument",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("term_ordinal", models.CharField(max_length=16)),
                        ("doc_type", models.CharField(choices=[("TB", "Conclusion notice")], max_length=8, verbose_name="type")),
                        ("number", models.PositiveIntegerField(verbose_name="number")),
                        ("file", models.FileField(max_length=255, upload_to="issued/%Y/")),
                        ("issued_at", models.DateTimeField(auto_now_add=True)),
                        ("issued_by", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("organization", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="directory.organization")),
                        ("meeting", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="issued_documents", to="meetings.meeting")),
                    ],
                    options={
                        "verbose_name": "issued document",
                        "verbose_name_plural": "issued documents",
                        "ordering": ["-issued_at"],
                        "db_table": "meetings_issueddocument",
                        "constraints": [
                            models.UniqueConstraint(fields=("organization", "term_ordinal", "doc_type", "number"), name="issued_unique_number")
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="issueddocument", table=None),
        migrations.RunPython(carry_content_type, migrations.RunPython.noop),
    ]
