from django.db import migrations


def install_engine(apps, schema_editor):
    # The engine's structures made again (each statement idempotent): on PostgreSQL the tsvectors move from
    # search_entrytext into search_entry, beside the permission keys; on SQLite the tables of words are made again with a prefix index.
    from hoinghi.search import backends

    backends.engine(schema_editor.connection).install(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install_engine, migrations.RunPython.noop)]
